"""The CEP target: the schema's tables for the panel and ExtendScript libraries, and typings.

The behaviour lives in hand-written libraries (``runtime/panel/`` for the panel,
``runtime/extendscript/`` for ExtendScript); per schema this target emits only what differs:

* ``generated/cep/aerpc-panel.js``   the panel's contract: schema identity, the method tables
  (served by, timeouts, idempotency), the protocol and application errors
* ``generated/cep/aerpc-panel.d.ts`` typings, one interface or alias per schema type
* ``generated/cep/aerpc-host.jsx``   ExtendScript's tables: each host method's function and
  params, the schema's errors; handed to the dispatcher library with ``__aerpc.install``
* ``generated/cep/aerpc-host-env.d.ts`` typings of what that dispatcher gives the host library
  (each host function's params and result, the error makers, the codec), for ``tsc --checkJs``

Both tables carry :data:`RUNTIME_ABI`; a library of another ABI refuses them with a message.
The emitted files are pure ASCII: ExtendScript tooling mishandles other text, and a U+2028 or
U+2029 in a ``//`` comment of an ES3 source would end the line early.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any, TypedDict

from aerpc.runtime import errors as rt_errors

from .model import Api, ErrorDef, Method, Param, TypeDef
from .render import Output

__all__ = [
    "PROTOCOL_ERRORS",
    "RESERVED_NAMES",
    "RUNTIME_ABI",
    "ProtocolError",
    "ascii_comment",
    "cep_outputs",
    "js_literal",
    "js_string",
]

PANEL_JS = "generated/cep/aerpc-panel.js"
PANEL_DTS = "generated/cep/aerpc-panel.d.ts"
HOST_JSX = "generated/cep/aerpc-host.jsx"
HOST_DTS = "generated/cep/aerpc-host-env.d.ts"

# The version of the contract between the generated tables and the hand-written libraries
# (runtime/panel/core.js and runtime/extendscript/aerpc-dispatch.jsx carry the same number).
# Raise it with any change to the tables' shape that a library must follow.
RUNTIME_ABI = 1


class ProtocolError(TypedDict):
    name: str
    code: int
    message: str
    doc: str


def _first_line(doc: str | None) -> str:
    return " ".join((doc or "").strip().split("\n\n")[0].split())


# The protocol errors, as aerpc.runtime.errors defines them (one source for both sides).
PROTOCOL_ERRORS: tuple[ProtocolError, ...] = tuple(
    {
        "name": cls.__name__,
        "code": code,
        "message": cls.default_message,
        "doc": _first_line(cls.__doc__).replace("``", ""),
    }
    for code, cls in rt_errors.PROTOCOL_ERRORS.items()
)

# Names of the panel API besides the errors (runtime/panel/panel.js, load()); a schema error
# may not take one of them.
RESERVED_NAMES = frozenset(
    {
        "AerpcPanel",
        "AerpcError",
        "RemoteError",
        "LocalError",
        "RpcTimeout",
        "NotConnected",
        "ConnectionLost",
        "SCHEMA",
        "HOST_METHODS",
        "PIPELINE_METHODS",
        "EVENTS",
        "errorClassFor",
        "errorFromWire",
        "jsStringLiteral",
        "utf8Length",
        "parseEnvelope",
        "RUNTIME_ABI",
        "EvalScriptBridge",
    }
    | {e["name"] for e in PROTOCOL_ERRORS}
)

_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
_LINE_BREAKS = re.compile("[\r\n\u2028\u2029\u0085]+")


def js_string(text: str) -> str:
    """``text`` as a double-quoted literal valid in ES3, JSON and TypeScript, in pure ASCII."""
    return json.dumps(text, ensure_ascii=True)


def js_literal(value: Any, *, indent: int = 0) -> str:
    """A JSON value as ASCII JavaScript source; nested lines indented by ``indent`` spaces."""
    text = json.dumps(value, ensure_ascii=True, indent=4)
    return text.replace("\n", "\n" + " " * indent)


def ascii_comment(text: str) -> str:
    """One line of prose safe inside ``//`` and ``/** */`` comments of any of the files.

    Line breaks (including U+2028/U+2029) become spaces, ``*/`` cannot close a comment, and
    characters outside printable ASCII are written as ``\\uXXXX``.
    """
    flat = " ".join(_LINE_BREAKS.sub(" ", text).split())
    flat = flat.replace("*/", "*\\/")
    return "".join(
        c if 32 <= ord(c) < 127 else "".join(f"\\u{u:04x}" for u in _utf16(c)) for c in flat
    )


def _utf16(char: str) -> Iterable[int]:
    data = char.encode("utf-16-be", "surrogatepass")
    return (int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2))


def _doc_lines(*parts: str, width: int = 92) -> list[str]:
    """Paragraphs of prose as wrapped comment lines (ASCII, no ``*/``), empty parts left out."""
    lines: list[str] = []
    for part in parts:
        for paragraph in re.split(r"\n\s*\n", part.strip()):
            line = ascii_comment(paragraph)
            if line:
                lines.extend(textwrap.wrap(line, width=width, break_on_hyphens=False))
    return lines


def _ts_key(name: str) -> str:
    return name if _IDENTIFIER.match(name) else js_string(name)


def _header(api: Api) -> list[str]:
    return [
        f"Generated from {api.source} by `aerpc generate`; do not edit.",
        f"Schema: {ascii_comment(api.schema_name)} {ascii_comment(api.version)}, "
        f"{ascii_comment(api.schema_hash)}",
    ]


def _check_names(api: Api) -> None:
    seen: set[str] = set()
    for error in api.errors:
        if not _IDENTIFIER.match(error.key):
            raise ValueError(f"components/errors/{error.key}: not a JavaScript identifier")
        if error.key in RESERVED_NAMES:
            raise ValueError(
                f"components/errors/{error.key}: the name is taken by the panel module itself"
            )
        if error.key in seen:
            raise ValueError(f"components/errors/{error.key}: declared twice")
        seen.add(error.key)
    for method in api.host_methods:
        if not method.runs_in_panel and not method.host_function:
            raise ValueError(
                f"methods/{method.name}: a host method needs x-host-function or x-runs-in: panel"
            )
        if method.host_function and not _IDENTIFIER.match(method.host_function):
            raise ValueError(
                f"methods/{method.name}: x-host-function {method.host_function!r} is not an "
                "ExtendScript identifier"
            )


# ------------------------------------------------------------------------- tables


def _schema_identity(api: Api) -> dict[str, str]:
    return {"name": api.schema_name, "version": api.version, "hash": api.schema_hash}


def _error_rows(errors: Sequence[ErrorDef]) -> list[dict[str, object]]:
    return [{"name": e.key, "code": e.code, "message": e.message} for e in errors]


def _host_context(api: Api) -> dict[str, object]:
    served = [m for m in api.host_methods if not m.runs_in_panel]
    tables = {
        "runtimeAbi": RUNTIME_ABI,
        "schema": _schema_identity(api),
        "methods": {
            m.name: {"fn": m.host_function, "params": [p.name for p in m.params]} for m in served
        },
        "errors": {str(e.code): {"name": e.key, "message": e.message} for e in api.errors},
    }
    functions = sorted({m.host_function for m in served if m.host_function})
    scope = [
        f'{fn}: typeof {fn} === "function" ? {fn} : null{"," if i < len(functions) - 1 else ""}'
        for i, fn in enumerate(functions)
    ]
    return {
        "tables": js_literal(tables),
        "scope_lines": scope,
        "error_lines": [f"{e.code}  {e.key}  {ascii_comment(e.message)}" for e in api.errors],
    }


def _panel_context(api: Api) -> dict[str, object]:
    contract = {
        "runtimeAbi": RUNTIME_ABI,
        "schema": _schema_identity(api),
        "hostMethods": {
            m.name: {
                "timeoutMs": m.timeout_ms,
                "idempotent": m.idempotent,
                "runsInPanel": m.runs_in_panel,
            }
            for m in api.host_methods
        },
        "pipelineMethods": {
            m.name: {"timeoutMs": m.timeout_ms, "idempotent": m.idempotent}
            for m in api.pipeline_methods
        },
        "protocolErrors": [
            {"name": e["name"], "code": e["code"], "message": e["message"]} for e in PROTOCOL_ERRORS
        ],
        "errors": _error_rows(api.errors),
        "events": {
            e.name: {"emittedBy": e.emitted_by, "experimental": e.experimental} for e in api.events
        },
    }
    return {"contract": js_literal(contract)}


def _protocol_errors() -> list[dict[str, object]]:
    return [
        {"name": e["name"], "code": e["code"], "doc": ascii_comment(f"{e['code']}: {e['doc']}")}
        for e in PROTOCOL_ERRORS
    ]


def _app_errors(errors: Sequence[ErrorDef]) -> list[dict[str, object]]:
    return [
        {
            "name": e.key,
            "code": e.code,
            "doc": ascii_comment(
                f"{e.code}: {e.message}." + (f" {e.description}" if e.description else "")
            ),
        }
        for e in errors
    ]


# ------------------------------------------------------------------------- .d.ts


def _ts_params(params: Sequence[Param]) -> str:
    if not params:
        return "Record<string, never>"
    fields = "; ".join(f"{_ts_key(p.name)}{'' if p.required else '?'}: {p.ts_type}" for p in params)
    return "{ " + fields + " }"


def _params_optional(params: Sequence[Param]) -> bool:
    return all(not p.required for p in params)


def _param_docs(method: Method) -> list[str]:
    docs = []
    for p in method.params:
        text = ascii_comment(p.description) if p.description else ""
        flag = "" if p.required else " (optional)"
        if p.has_default:
            flag += f" (default {ascii_comment(json.dumps(p.default))})"
        docs.append(f"@param params.{p.name}{flag} {text}".rstrip())
    return docs


def _ts_method(method: Method) -> dict[str, object]:
    optional = "?" if _params_optional(method.params) else ""
    errors = ", ".join(e.key for e in method.errors)
    doc = _doc_lines(method.summary, method.description)
    doc += _param_docs(method)
    idempotent = "idempotent" if method.idempotent else "not idempotent"
    doc.append(f"Default deadline {method.timeout_seconds}; {idempotent}.")
    if errors:
        doc.append(f"Errors: {errors}.")
    if method.deprecated:
        doc.append("@deprecated")
    return {
        "name": method.name,
        "key": _ts_key(method.name),
        "doc": doc,
        "params_type": _ts_params(method.params),
        "params_optional": optional,
        "result": method.result.ts_type,
    }


def _ts_type(t: TypeDef) -> dict[str, object]:
    fields = [
        {
            "key": _ts_key(f.name),
            "optional": "" if f.required else "?",
            "type": f.ts_type,
            "doc": ascii_comment(f.description),
        }
        for f in t.fields
    ]
    if t.kind == "object":
        expression = ""
    elif t.kind == "any":
        expression = "unknown"
    else:
        expression = t.value_ts_type
    return {
        "name": t.name,
        "kind": t.kind,
        "doc": _doc_lines(t.description),
        "fields": fields,
        "expression": expression,
    }


def _dts_context(api: Api) -> dict[str, object]:
    panel_methods = [m.name for m in api.host_methods if m.runs_in_panel]
    return {
        "types": [_ts_type(t) for t in api.types],
        "defines_json_value": any(t.name == "JsonValue" for t in api.types),
        "pipeline": [_ts_method(m) for m in api.pipeline_methods],
        "host": [_ts_method(m) for m in api.host_methods],
        "panel_method_names": " | ".join(js_string(n) for n in panel_methods) or "never",
        "events": [
            {
                "key": _ts_key(e.name),
                "payload": e.payload,
                "doc": _doc_lines(e.summary, e.description)
                + (["Experimental (docs/events.md)."] if e.experimental else []),
            }
            for e in api.events
        ],
        "event_names": " | ".join(js_string(e.name) for e in api.events) or "never",
    }


def _host_dts_context(api: Api) -> dict[str, object]:
    functions = [
        {
            "method": m.name,
            "fn": m.host_function,
            "params": [
                {"key": _ts_key(p.name), "optional": "" if p.required else "?", "type": p.ts_type}
                for p in m.params
            ],
            "result": m.result.ts_type,
        }
        for m in api.host_methods
        if m.host_function
    ]
    return {
        "types": [_ts_type(t) for t in api.types],
        "defines_json_value": api.defines_json_value,
        "functions": functions,
        "errors": [
            {"name": e.key, "doc": ascii_comment(f"{e.code}: {e.message}")} for e in api.errors
        ],
    }


# ------------------------------------------------------------------------- outputs


def cep_outputs(api: Api) -> list[Output]:
    """The CEP files for ``api``."""
    _check_names(api)
    header = {"header": _header(api)}
    dts = {
        **header,
        "schema": {k: js_string(v) for k, v in _schema_identity(api).items()},
        "protocol_errors": _protocol_errors(),
        "app_errors": _app_errors(api.errors),
        **_dts_context(api),
    }
    return [
        Output(PANEL_JS, "aerpc-panel.js.j2", {**header, **_panel_context(api)}),
        Output(PANEL_DTS, "aerpc-panel.d.ts.j2", dts),
        Output(HOST_JSX, "aerpc-host.jsx.j2", {**header, **_host_context(api)}),
        Output(HOST_DTS, "aerpc-host-env.d.ts.j2", {**header, **_host_dts_context(api)}),
    ]
