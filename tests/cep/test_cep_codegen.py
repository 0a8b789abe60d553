"""The CEP target of the code generator: deterministic, ASCII, headed, and strict about names."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from aerpc.codegen.build import build
from aerpc.codegen.cep_target import (
    PROTOCOL_ERRORS,
    RESERVED_NAMES,
    RUNTIME_ABI,
    ascii_comment,
    cep_outputs,
    js_string,
)
from aerpc.codegen.model import Api, ErrorDef
from aerpc.codegen.render import render_outputs
from aerpc.runtime import errors as rt_errors

from .conftest import ROOT

SCHEMA = ROOT / "schema" / "aftereffects.openrpc.json"


def api() -> Api:
    built, problems = build(SCHEMA, root=ROOT)
    assert built is not None, problems
    return built


def render(model: Api) -> dict[str, str]:
    return {r.path: r.text for r in render_outputs(model, [cep_outputs], root=ROOT)}


def test_the_cep_files_are_rendered_deterministically_and_match_the_checkout() -> None:
    model = api()
    first = render(model)
    assert sorted(first) == [
        "generated/cep/aerpc-host-env.d.ts",
        "generated/cep/aerpc-host.jsx",
        "generated/cep/aerpc-panel-lib.d.ts",
        "generated/cep/aerpc-panel.d.ts",
        "generated/cep/aerpc-panel.js",
    ]
    assert render(model) == first
    for path, text in first.items():
        on_disk = (ROOT / path).read_text(encoding="utf-8")
        assert on_disk == text, f"{path} differs from what the schema generates: run aerpc generate"


def test_the_panel_library_typings_are_copied_beside_the_schema_s() -> None:
    rendered = render(api())
    library = (ROOT / "runtime" / "panel" / "aerpc-panel-lib.d.ts").read_text(encoding="utf-8")
    assert rendered["generated/cep/aerpc-panel-lib.d.ts"].endswith("//\n" + library)
    assert 'from "./aerpc-panel-lib";' in rendered["generated/cep/aerpc-panel.d.ts"]


def test_every_file_is_ascii_and_carries_the_header() -> None:
    model = api()
    for path, text in render(model).items():
        assert text.isascii(), path
        head = text.splitlines()[:2]
        assert head[0] == f"// Generated from {model.source} by `aerpc generate`; do not edit."
        assert model.schema_hash in head[1], path


def _tables(text: str, opening: str, closing: str) -> Any:
    """The JSON literal a generated table file holds between ``opening`` and ``closing``."""
    start = text.index(opening) + len(opening)
    return json.loads(text[start : text.index(closing, start)])


def test_the_dispatch_table_names_every_host_function() -> None:
    model = api()
    jsx = render(model)["generated/cep/aerpc-host.jsx"]
    tables = _tables(jsx, "__aerpc.install(", ", {\n")
    assert tables["runtimeAbi"] == RUNTIME_ABI
    served = {m.name: m for m in model.host_methods if not m.runs_in_panel}
    assert set(tables["methods"]) == set(served)
    for name, method in served.items():
        assert tables["methods"][name] == {
            "fn": method.host_function,
            "params": [p.name for p in method.params],
        }
        fn = method.host_function
        assert f'{fn}: typeof {fn} === "function" ? {fn} : null' in jsx
    assert tables["errors"] == {
        str(e.code): {"name": e.key, "message": e.message} for e in model.errors
    }


def test_the_panel_contract_carries_the_runtime_protocol_errors() -> None:
    """One source: the panel's protocol errors are aerpc.runtime.errors' classes."""
    panel = render(api())["generated/cep/aerpc-panel.js"]
    contract = _tables(panel, "this, ", "));\n")
    assert contract["runtimeAbi"] == RUNTIME_ABI
    assert contract["protocolErrors"] == [
        {"name": cls.__name__, "code": code, "message": cls.default_message}
        for code, cls in rt_errors.PROTOCOL_ERRORS.items()
    ]


CHECK_RENDERED = r"""
const acorn = require(process.argv[1] + "/node_modules/acorn");
const { checkEs3 } = require(process.argv[1] + "/tests/js/es3-check.js");
const fs = require("fs");
const dir = process.argv[2];
const evil = JSON.parse(fs.readFileSync(dir + "/evil.json", "utf8"));
const panelSource = fs.readFileSync(dir + "/aerpc-panel.js", "utf8");
acorn.parse(panelSource, { ecmaVersion: 2015, sourceType: "script" });
const problems = checkEs3(fs.readFileSync(dir + "/aerpc-host.jsx", "utf8"), "aerpc-host.jsx");
if (problems.length) throw new Error(problems.join("\n"));
const Aerpc = require(process.argv[1] + "/runtime/panel").load(require(dir + "/aerpc-panel.js"));
const first = Aerpc.errorClassFor(evil.code);
if (new first().message !== evil.text) throw new Error("the message did not survive as data");
const vm = require("vm");
const context = vm.createContext({});
for (const name of ["aerpc-dispatch.jsx", "aerpc-json.jsx"]) {
  const file = process.argv[1] + "/runtime/extendscript/" + name;
  vm.runInContext(fs.readFileSync(file, "utf8"), context);
}
vm.runInContext(fs.readFileSync(dir + "/aerpc-host.jsx", "utf8"), context);
if (vm.runInContext("__aerpc.errorMessages['" + evil.code + "']", context) !== evil.text) {
  throw new Error("the message did not survive in the dispatcher");
}
console.log("ok");
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not on PATH")
def test_hostile_schema_text_cannot_break_out_of_comments_or_strings(tmp_path: Path) -> None:
    model = api()
    evil = 'ends */ here \u2028 // and \u2029 line\r\nbreaks </script> \U0001f600 "q" \\ ${x}`'
    first = dataclasses.replace(model.errors[0], message=evil, description=evil)
    errors = (first, *model.errors[1:])
    method = dataclasses.replace(model.pipeline_methods[0], summary=evil, description=evil)
    methods = tuple(method if m.name == method.name else m for m in model.methods)
    texts = render(dataclasses.replace(model, errors=errors, methods=methods))
    for path, text in texts.items():
        assert text.isascii(), path
        (tmp_path / Path(path).name).write_text(text, encoding="utf-8")
    (tmp_path / "evil.json").write_text(
        json.dumps({"code": model.errors[0].code, "text": evil}), encoding="utf-8"
    )
    node = shutil.which("node")
    assert node is not None
    run = subprocess.run(
        [node, "-e", CHECK_RENDERED, str(ROOT), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(js_string(evil)) == evil
    assert "*/" not in ascii_comment(evil)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("reserved", "taken by the panel module"),
        ("identifier", "not a JavaScript identifier"),
        ("host_function", "not an ExtendScript identifier"),
        ("no_function", "needs x-host-function"),
    ],
)
def test_names_the_javascript_cannot_hold_are_refused(change: str, message: str) -> None:
    model = api()
    if change in ("reserved", "identifier"):
        key = "RpcTimeout" if change == "reserved" else "Not-An-Identifier"
        bad = ErrorDef(key=key, code=1999, message="m", description="")
        model = dataclasses.replace(model, errors=(*model.errors, bad))
    else:
        host = next(m for m in model.methods if m.host_function)
        fn = "bad name" if change == "host_function" else None
        changed = dataclasses.replace(host, host_function=fn)
        methods = tuple(changed if m is host else m for m in model.methods)
        model = dataclasses.replace(model, methods=methods)
    with pytest.raises(ValueError, match=message):
        cep_outputs(model)


def test_the_panel_tables_mirror_the_schema() -> None:
    model = api()
    contract = _tables(render(model)["generated/cep/aerpc-panel.js"], "this, ", "));\n")
    assert contract["schema"] == {
        "name": model.schema_name,
        "version": model.version,
        "hash": model.schema_hash,
    }
    for method in model.pipeline_methods:
        assert contract["pipelineMethods"][method.name] == {
            "timeoutMs": method.timeout_ms,
            "idempotent": method.idempotent,
        }
    for method in model.host_methods:
        assert contract["hostMethods"][method.name]["runsInPanel"] == method.runs_in_panel
    assert [e["code"] for e in contract["errors"]] == [e.code for e in model.errors]
    assert Path(ROOT / "generated" / "cep" / "aerpc-panel.d.ts").is_file()


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not on PATH")
def test_the_reserved_names_are_the_panel_apis_own() -> None:
    """A schema error may not shadow a name load() gives the panel API (runtime/panel)."""
    script = (
        "const api = require(process.argv[1] + '/runtime/panel')"
        ".load(require(process.argv[1] + '/generated/cep/aerpc-panel.js'));"
        "const errors = new Set(api.errorClassFor ? Object.keys(api).filter((k) => "
        "typeof api[k] === 'function' && api[k].code !== undefined && api[k].code !== null) : []);"
        "console.log(JSON.stringify(Object.keys(api).filter((k) => !errors.has(k))));"
    )
    node = shutil.which("node")
    assert node is not None
    run = subprocess.run(
        [node, "-e", script, str(ROOT)], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    own = set(json.loads(run.stdout))
    protocol = {e["name"] for e in PROTOCOL_ERRORS}
    assert own == set(RESERVED_NAMES) - protocol
