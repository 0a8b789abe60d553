"""`aerpc call`, `aerpc hosts` and `aerpc shell` against the demo setup: `aerpc serve` and the
simulated After Effects on the demo project, each command in a process of its own; then the
parts in process (typed values, tables, the shell's completion, the progress hook)."""

from __future__ import annotations

import io
import json
import os
import secrets
import subprocess
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from aerpc.aftereffects import CONTRACT
from aerpc.console.progress import Progress, Spinner, WithProgress
from aerpc.console.shell import Shell, completer, prompt_lines
from aerpc.runtime import CallOptions
from aerpc.testing.simulator import ServeProcess, SimulatedPanel, panel_env
from aerpc.tooling.output import table_text
from aerpc.tooling.package import host_package
from aerpc.tooling.values import ParamError, parse_params

from .conftest import WAIT, Ae, needs_simulator, run_aerpc, sim_panel


@dataclass
class Demo:
    """`aerpc serve` in its own process (:class:`ServeProcess`), the simulated After Effects
    connected to it."""

    env: dict[str, str]
    panel: SimulatedPanel

    def aerpc(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return run_aerpc(*args, env={**panel_env(), **self.env}, stdin=stdin)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    token = secrets.token_urlsafe(24)
    work = tmp_path_factory.mktemp("demo")
    env = panel_env(AERPC_TOKEN=token)
    with (
        ServeProcess(env=env, work_dir=work, timeout=WAIT, name="console-serve") as serve,
        sim_panel(serve.launch_env, work) as panel,
    ):
        instance = panel.command("status")["result"]["instance"]
        serve.tool(CONTRACT, host_instance=instance).stop()  # the server has it as its host
        yield Demo({"AERPC_URL": serve.url, "AERPC_TOKEN": token}, panel)
    assert serve.returncode == 0, serve.log()


@needs_simulator
def test_aerpc_call_get_items_prints_the_comps_as_json(demo: Demo) -> None:
    done = demo.aerpc("call", "get_items", "comps=true")
    assert done.returncode == 0, done.stderr
    comps = json.loads(done.stdout)
    assert [c["name"] for c in comps] == demo.panel.run(
        "var n = [], i; for (i = 1; i <= app.project.numItems; i += 1) "
        "if (app.project.item(i) instanceof CompItem) n.push(app.project.item(i).name); n"
    )
    table = demo.aerpc("call", "get_items", "comps=yes", "--table")
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].split()[:3] == ["id", "name", "type"]
    assert len(table.stdout.splitlines()) == 2 + len(comps)


@needs_simulator
def test_aerpc_call_exits_non_zero_with_the_typed_error(demo: Demo) -> None:
    missing = demo.aerpc("call", "get_layers", "comp_id=999999")
    assert missing.returncode == 1
    assert missing.stderr.startswith("ItemNotFound (")
    bad = demo.aerpc("call", "get_layers", "comp_id=0")
    assert bad.returncode == 1
    assert bad.stderr.startswith("InvalidParams (-32602): ")
    assert "/comp_id: 0 is less than the minimum of 1" in bad.stderr
    typo = demo.aerpc("call", "get_layers", "comp=3")
    assert typo.returncode == 2
    assert (
        "get_layers has no parameter 'comp'; did you mean 'comp_id'? its parameters: comp_id"
        in (typo.stderr)
    )
    word = demo.aerpc("call", "get_layers", "comp_id=three")
    assert word.returncode == 2
    assert "comp_id=three: not a whole number" in word.stderr


@needs_simulator
def test_aerpc_hosts_lists_the_connected_after_effects(demo: Demo) -> None:
    done = demo.aerpc("hosts")
    assert done.returncode == 0, done.stderr
    (host,) = json.loads(done.stdout)
    assert set(host) >= {"instance", "app", "schema", "since"}
    assert host["schema"]["hash"] == CONTRACT.hash
    assert host["app"]["version"] == demo.panel.run("app.version")


@needs_simulator
def test_aerpc_shell_runs_calls_and_python_from_stdin(demo: Demo) -> None:
    script = "\n".join(
        [
            "get_app_version",
            "[c['name'] for c in ae.get_items(comps=True)][:1]",
            "get_layers comp_id=0",
            "ae.get_layers(comp_id=999999)",
        ]
    )
    done = demo.aerpc("shell", stdin=script + "\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert json.dumps(demo.panel.run("app.version")) in out
    assert "! InvalidParams (-32602): " in out
    assert "! ItemNotFound (" in out


@needs_simulator
def test_the_shell_s_ae_has_events_and_render_progress(demo: Demo, tmp_path: Path) -> None:
    script = "\n".join(
        [
            "comp = [c['id'] for c in ae.get_items(comps=True) if c['name'] == 'sh010_comp'][0]",
            "got = []",
            f"outs = ae.render(comp_id=comp, output_dir={str(tmp_path)!r}, on_progress=got.append)",
            "print('statuses', [p['status'] for p in got], len({p['render_id'] for p in got}))",
            "busy = ae.events.host_busy()",
            "get_app_version",
            "b = busy.get(20)",
            "print('busy', b['busy'], b['method'])",
        ]
    )
    done = demo.aerpc("shell", stdin=script + "\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "!" not in out, out  # no error line (EventsUnavailable was one)
    statuses = next(line for line in out.splitlines() if line.startswith("statuses "))
    assert statuses.startswith("statuses ['queued', "), out
    assert statuses.endswith("'done'] 1"), "every event of the one render, the trailing ones too"
    assert "busy True get_app_version" in out
    assert "aerpc shell: sh010_comp: " in done.stderr, "the progress line too"


def test_the_commands_say_what_is_missing() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AERPC_")}
    for command in (["call", "get_app_version"], ["hosts"], ["shell"]):
        done = run_aerpc(*command, env=env)
        assert done.returncode == 1, done
        assert "give --url and --token-file, or set AERPC_URL and AERPC_TOKEN" in done.stderr


# -- in process ------------------------------------------------------------------------------


def test_values_are_typed_by_the_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    params = parse_params(
        CONTRACT,
        "set_comp_properties",
        ["comp_id=4", "frame_rate=23.976", "width=1920", "frame_start=-10"],
    )
    assert params == {"comp_id": 4, "frame_rate": 23.976, "width": 1920, "frame_start": -10}
    assert parse_params(CONTRACT, "save_as", ["path=shot.aep", "as_copy=no"]) == {
        "path": str(tmp_path / "shot.aep"),
        "as_copy": False,
    }
    assert parse_params(CONTRACT, "select_items", ["item_ids=[1, 2]"]) == {"item_ids": [1, 2]}
    assert parse_params(CONTRACT, "import_background", ['paths=["a.png"]'])["paths"] == [
        str(tmp_path / "a.png")
    ]
    assert parse_params(CONTRACT, "add_item", ["item_type=comp", "name=a=b"]) == {
        "item_type": "comp",
        "name": "a=b",
    }
    entry = {"id": "x", "schema": "s"}
    assert parse_params(CONTRACT, "imprint", [f"entry={json.dumps(entry)}"]) == {"entry": entry}
    for words, message in [
        (["comps"], "write parameters as key=value"),
        (["comps=maybe"], "comps=maybe: not a boolean"),
        (["comps=1", "comps=0"], "comps is given twice"),
        (["item_ids=1"], "no parameter 'item_ids'"),
    ]:
        with pytest.raises(ParamError, match=message):
            parse_params(CONTRACT, "get_items", words)
    with pytest.raises(ParamError, match=r"item_ids=\[1: not JSON"):
        parse_params(CONTRACT, "select_items", ["item_ids=[1"])


def test_tables() -> None:
    rows = [{"id": 1, "name": "a"}, {"id": 22, "name": "b", "tags": ["x"]}]
    assert table_text(rows).splitlines() == [
        "id  name  tags",
        "--  ----  -----",
        "1   a",
        '22  b     ["x"]',
    ]
    assert table_text({"width": 4}).splitlines()[2] == "width  4"
    assert table_text("24.0") == '"24.0"'


@needs_simulator
def test_the_shell_completes_methods_and_parameters(ae: Ae) -> None:
    out = io.StringIO()
    shell = Shell(ae.host, host_package("aerpc.aftereffects"), out)
    assert shell.completions("get_it") == ["get_items"]
    assert shell.completions("get_items comps=true f") == ["folders=", "footages="]
    assert shell.completions("get_layers ") == ["comp_id="]
    assert shell.completions("x = ae.get_la") == ["get_layers"]
    assert shell.completions("ae.get_items(comps=True, fo") == ["folders=", "footages="]
    assert shell.completions("nothing ") == []
    offered = completer(shell).get_completions(Document("get_items f"), CompleteEvent())
    assert [(c.text, c.start_position) for c in offered] == [("folders=", -1), ("footages=", -1)]
    with create_pipe_input() as pipe:
        pipe.send_text(f"get_layers comp_id={ae.a_comp}\r")
        pipe.send_text("len(ae.get_items(comps=True))\r")
        pipe.close()
        for line in prompt_lines(shell, input=pipe, output=DummyOutput()):
            shell.execute(line)
    printed = out.getvalue()
    layers = ae.ae.get_layers(comp_id=ae.a_comp)
    assert json.dumps(layers, indent=2, ensure_ascii=False) in printed
    assert printed.rstrip().endswith(str(len(ae.ae.get_items(comps=True))))


class _Waits:
    """A host channel whose call returns once the progress hook has seen it running."""

    def __init__(self) -> None:
        self.seen = threading.Event()

    async def call(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object:
        raise NotImplementedError

    def call_blocking(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object:
        assert self.seen.wait(WAIT), "the progress hook was never called"
        return "24.0"


def test_the_progress_hook_sees_a_call_run_and_end() -> None:
    channel = _Waits()
    seen: list[Progress] = []

    def hook(progress: Progress) -> None:
        seen.append(progress)
        channel.seen.set()

    slow = WithProgress(channel, hook, CONTRACT, interval=0.01)
    assert slow.call_blocking("get_app_version", {}) == "24.0"
    assert seen[-1].done
    assert not seen[0].done
    assert {p.method for p in seen} == {"get_app_version"}
    assert {p.deadline for p in seen} == {CONTRACT.methods["get_app_version"].timeout}
    assert slow.deadline("render", CallOptions(timeout=7200)) == 7200
    stream = io.StringIO()
    spinner = Spinner(stream, after=0)
    spinner(Progress("render", 75.5, 86400))
    assert "render  1 min 15 s (deadline 24 h 00 min)" in stream.getvalue()
    spinner(Progress("render", 76, 86400, done=True))
    assert stream.getvalue().endswith("\r\x1b[2K")
