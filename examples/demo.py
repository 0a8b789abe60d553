"""`make demo`: the main job end to end, on the simulated After Effects.

Starts the aerpc server, launches the simulated After Effects (the generated panel in node,
serving host methods through the generated ExtendScript dispatcher and the host library), runs
the example plugins through the generated typed clients, and prints what was called, what came
back and how long each call took.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collect_render_settings import collect
from import_and_imprint import load_plate
from shot_setup import ShotSettings, apply_shot_settings
from simulated_ae import SimulatedAfterEffects

from aerpc import aftereffects
from aerpc.aftereffects import AfterEffects, SettingsScope, TemplateAction, Tool
from aerpc.runtime import CallOptions, HostChannel


@dataclass(frozen=True)
class Record:
    direction: str
    method: str
    params: str
    outcome: str
    ms: float


def _short(value: object, width: int = 46) -> str:
    if isinstance(value, list):
        text = f"[{len(value)} items]" if len(value) != 1 else f"[{_short(value[0], width - 2)}]"
    elif isinstance(value, Mapping):
        keys = ", ".join(f"{k}={_short(v, 18)}" for k, v in list(value.items())[:3])
        text = "{" + keys + (", …" if len(value) > 3 else "") + "}"
    else:
        text = repr(value)
    return _clip(text, width)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class RecordingHost:
    """A HostChannel that times and records every call it passes on."""

    def __init__(self, host: HostChannel) -> None:
        self._host = host
        self.records: list[Record] = []
        self._lock = threading.Lock()

    def _record(self, method: str, params: Mapping[str, object], outcome: str, t0: float) -> None:
        ms = (time.perf_counter() - t0) * 1000
        with self._lock:
            self.records.append(Record("py → AE", method, _short(dict(params)), outcome, ms))

    async def call(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object:
        t0 = time.perf_counter()
        try:
            result = await self._host.call(method, params, options)
        except Exception as exc:
            self._record(method, params, _clip(f"{type(exc).__name__}: {exc}", 56), t0)
            raise
        self._record(method, params, _short(result), t0)
        return result

    def call_blocking(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object:
        t0 = time.perf_counter()
        try:
            result = self._host.call_blocking(method, params, options)
        except Exception as exc:
            self._record(method, params, _clip(f"{type(exc).__name__}: {exc}", 56), t0)
            raise
        self._record(method, params, _short(result), t0)
        return result


class DemoHandlers:
    """What the pipeline serves to the panel; the demo only notes the calls."""

    def __init__(self) -> None:
        self.received: list[Record] = []
        self.launched_event = threading.Event()

    def _note(self, method: str, params: Mapping[str, object]) -> None:
        self.received.append(Record("AE → py", method, _short(dict(params)), "None", 0.0))

    def launched(self) -> None:
        self._note("launched", {})
        self.launched_event.set()

    def open_tool(self, *, tool: Tool) -> None:
        self._note("open_tool", {"tool": tool})

    def apply_settings(self, *, what: SettingsScope) -> None:
        self._note("apply_settings", {"what": what})

    def workfile_template(self, *, action: TemplateAction) -> None:
        self._note("workfile_template", {"action": action})

    def version_up_workfile(self) -> None:
        self._note("version_up_workfile", {})

    def set_context(self, *, project: str, folder: str, task: str) -> None:
        self._note("set_context", {"project": project, "folder": folder, "task": task})


def _table(records: list[Record]) -> str:
    headers = ("#", "direction", "call", "params", "result", "ms")
    rows = [
        (str(i), r.direction, r.method, r.params, r.outcome, f"{r.ms:.1f}" if r.ms else "")
        for i, r in enumerate(records, start=1)
    ]
    widths = [max(len(h), *(len(row[c]) for row in rows)) for c, h in enumerate(headers)]
    line = "  ".join("-" * w for w in widths)

    def fmt(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(w) if c in (0, 5) else cell.ljust(w)
            for c, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    return "\n".join([fmt(headers), line, *(fmt(r) for r in rows)])


def main() -> int:
    handlers = DemoHandlers()
    server = aftereffects.server(handlers=handlers)
    server.start()
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="aerpc-demo-") as tmp,
        SimulatedAfterEffects(
            server.launch_env(), project="demo", work_dir=Path(tmp)
        ) as ae_process,
    ):
        try:
            host = RecordingHost(server.wait_for_host(timeout=30))
        except Exception:
            print(ae_process.log(), file=sys.stderr)
            server.stop()
            raise
        connected = time.perf_counter() - started
        ae = AfterEffects(host)
        state = ae.get_project_state()
        version = ae.get_app_version()
        settings = collect(host, limit=4)
        comp = settings[0]
        plate = Path(tmp) / "plates" / "sh010_plateMain_v002.1001.exr"
        plate.parent.mkdir(parents=True, exist_ok=True)
        plate.write_bytes(b"\x76\x2f\x31\x01" + bytes(60))
        entry = asyncio.run(load_plate(host, plate_path=str(plate), comp_name=comp.name))
        props = apply_shot_settings(
            host,
            comp_id=comp.comp_id,
            shot=ShotSettings(frame_start=1001, frame_end=1096, fps=25.0, width=2048, height=858),
            output_dir=str(Path(tmp) / "renders" / "sh010"),
        )
        outputs = ae.with_timeout(600).render(
            comp_id=comp.comp_id, output_dir=str(Path(tmp) / "renders" / "sh010")
        )
        rendered = [o for o in outputs if Path(o["file_name"]).exists()]
        handlers.launched_event.wait(timeout=10)
        server.stop()
    records = handlers.received + host.records
    last_frame = props["frame_start"] + props["frames_duration"] - 1
    total_ms = sum(r.ms for r in host.records)
    print()
    print(f"aerpc demo — simulated After Effects {version}, project of {state['num_items']} items")
    print(f"panel connected and said hello {connected * 1000:.0f} ms after the server started")
    print()
    print(_table(records))
    print()
    print(
        f"{len(host.records)} calls into After Effects in {total_ms:.0f} ms; "
        f"{len(handlers.received)} call(s) from the panel to the pipeline"
    )
    print(f"comps collected: {', '.join(s.name for s in settings)}")
    print(
        f"imprinted container {entry['instance_id']} read back intact (quotes, backslashes, U+2028)"
    )
    print(
        f"{comp.name}: frames {props['frame_start']}–{last_frame}"
        f" at {props['frame_rate']:g} fps, {props['width']}x{props['height']}; "
        f"{len(rendered)} render output(s) written"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
