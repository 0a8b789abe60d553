"""End-to-end fixtures: the typed Python client, the real server, the generated panel in node
and the generated ExtendScript dispatcher with the host library, against the simulated After
Effects and its demo project.

One :class:`Session` (a server and one ``run-panel.js --control`` process on the demo project,
built in a temporary directory) serves a whole test module, and every test runs twice: the
``server`` half calls through an in-process ``Server``'s own host channel; the ``relay`` half
is a tool: ``aerpc serve`` runs in a process of its own (:class:`ServeProcess`), the simulated
After Effects connects to it as its host, and the test process calls through its relay over a
tool connection (:class:`RemoteHost` under the generated ``AfterEffects``). Before each test the
project is put back to its pristine state: the saved demo project is copied back from a
pristine copy and reopened, and the simulator's counters are reset. After each test
:class:`E2E` checks what the issue asks of every test:

* the undo groups are balanced (every ``beginUndoGroup`` ended, none ended twice, depth 0),
* no change was made to the project outside an undo group,
* every host method the test declares (``@covers``) was called, and returned, through the chain.

The panel process is driven through its ``--control`` stdin/stdout protocol: ``run`` executes
ExtendScript in the panel's host engine, which is how tests set up and inspect the simulated
project behind the chain's back. Every wait is bounded by ``WAIT``; sockets are 127.0.0.1 with
port 0; nothing synchronises on sleeps.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest

from aerpc.aftereffects import CONTRACT, AfterEffects, AsyncAfterEffects
from aerpc.runtime import CallOptions, HostChannel, RemoteHost, Server
from aerpc.testing.simulator import ServeProcess, SimulatedPanel, panel_env, simulator_missing

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "schema" / "aftereffects.openrpc.json"
MANIFEST = ROOT / "runtime" / "cep" / "CSXS" / "manifest.xml"
WAIT = 20.0  # the bound of every wait in these tests

Json = Any
# Changes After Effects does not put on the undo stack, so a host function makes them outside
# an undo group (the simulator still counts them as changes to the project).
NOT_UNDOABLE = frozenset({"RenderQueue.render"})
F = TypeVar("F", bound=Callable[..., object])


MISSING = simulator_missing()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if MISSING is None:
        return
    skip = pytest.mark.skip(reason=f"end-to-end tests skipped: {MISSING}")
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(skip)


class Coverage:
    """A test module's registry of the host methods its tests exercise.

    ``@registry.covers("rename_item", ...)`` records the methods for the module's completeness
    test and marks the test function, so the ``e2e`` fixture checks after the test that each
    was called through the chain and returned.
    """

    def __init__(self) -> None:
        self.tests: dict[str, set[str]] = {}

    def covers(self, *methods: str) -> Callable[[F], F]:
        def mark(fn: F) -> F:
            for method in methods:
                self.tests.setdefault(method, set()).add(getattr(fn, "__name__", repr(fn)))
            fn._e2e_covers = methods  # type: ignore[attr-defined]
            return fn

        return mark


def declared_methods(fn: object) -> tuple[str, ...]:
    value = getattr(fn, "_e2e_covers", ())
    return tuple(value) if isinstance(value, tuple) else ()


# -- the schema ------------------------------------------------------------------------------


def load_schema() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return document


def host_methods(schema: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The schema's methods served by the host, by name."""
    return {m["name"]: m for m in schema["methods"] if m.get("x-served-by") == "host"}


def declared_errors(schema: Mapping[str, Any]) -> dict[tuple[str, str], int]:
    """Every (host method, declared error name) pair of the schema, with the error's code."""
    errors = schema["components"]["errors"]
    pairs: dict[tuple[str, str], int] = {}
    for name, method in host_methods(schema).items():
        for ref in method.get("errors", []):
            error = ref["$ref"].rsplit("/", 1)[-1]
            pairs[(name, error)] = int(errors[error]["code"])
    return pairs


# -- the panel process -----------------------------------------------------------------------


class SimPanel(SimulatedPanel):
    """``node run-panel.js --control --sim-project demo``: the generated panel on a simulated
    After Effects, started with a server's ``launch_env``. ``run`` executes ExtendScript in its
    host engine."""

    def __init__(self, launch_env: Mapping[str, str], work_dir: Path, *extra: str) -> None:
        super().__init__(
            [
                *("--no-launched", "--sim-project", "demo", "--work-dir", str(work_dir)),
                *extra,
            ],
            panel_env(launch_env),
            cwd=ROOT,
            timeout=WAIT,
            name="e2e-panel",
        )


# Test helpers installed in the host engine (test code, run by V8: not bound to ES3).
JS_HELPERS = r"""
__e2e = {
  find: function (name) {
    var p = app.project, found = [], i;
    for (i = 1; i <= p.numItems; i += 1) if (p.item(i).name === name) found.push(p.item(i));
    if (found.length !== 1) throw new Error(found.length + " items named " + name);
    return found[0];
  },
  item: function (id) {
    var item = app.project.itemByID(id);
    if (item === null) throw new Error("no item with id " + id);
    return item;
  },
  queueOf: function (compId) {
    var q = app.project.renderQueue, out = [], i;
    for (i = 1; i <= q.numItems; i += 1) if (q.item(i).comp.id === compId) out.push(q.item(i));
    return out;
  },
  xmp: function () {
    if (ExternalObject.AdobeXMPScript === undefined) {
      ExternalObject.AdobeXMPScript = new ExternalObject("lib:AdobeXMPScript");
    }
    return new XMPMeta(app.project.xmpPacket);
  },
  readLabel: function () {
    var meta = __e2e.xmp(), ns = XMPMeta.getNamespaceURI("xmp");
    if (!meta.doesPropertyExist(ns, "xmp:Label")) return null;
    return String(meta.getProperty(ns, "xmp:Label").value);
  },
  writeLabel: function (text) {
    __e2e.setup(function () {
      var meta = __e2e.xmp();
      meta.setProperty(XMPMeta.getNamespaceURI("xmp"), "xmp:Label", text);
      app.project.xmpPacket = meta.serialize();
    });
    return true;
  },
  map: function (list, fn) {
    var out = [], i;
    for (i = 0; i < list.length; i += 1) out.push(fn(list[i]));
    return out;
  },
  setup: function (body) {
    app.beginUndoGroup("e2e setup");
    try { return body(); } finally { app.endUndoGroup(); }
  },
  undo: function () {
    var u = __sim.undo;
    return {depth: u.depth, begun: u.begun, ended: u.ended, mismatches: u.mismatches,
            names: u.names.slice(), outside: __sim.outsideUndoLog.slice(0, 20),
            mutations: __sim.counters.mutations};
  }
};
true
"""


class RecordingHost:
    """A ``HostChannel`` that notes each call's method and outcome in the calling thread."""

    def __init__(self, host: HostChannel) -> None:
        self._host = host
        self._lock = threading.Lock()
        self.calls: list[tuple[str, str]] = []

    def _note(self, method: str, outcome: str) -> None:
        with self._lock:
            self.calls.append((method, outcome))

    def last(self) -> tuple[str, str] | None:
        with self._lock:
            return self.calls[-1] if self.calls else None

    def take(self) -> list[tuple[str, str]]:
        with self._lock:
            calls, self.calls = self.calls, []
            return calls

    async def call(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object:
        try:
            result = await self._host.call(method, params, options)
        except BaseException as exc:
            self._note(method, type(exc).__name__)
            raise
        self._note(method, "ok")
        return result

    def call_blocking(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object:
        try:
            result = self._host.call_blocking(method, params, options)
        except BaseException as exc:
            self._note(method, type(exc).__name__)
            raise
        self._note(method, "ok")
        return result


@dataclass
class Session:
    """A server and one simulated After Effects on the demo project, built in ``work_dir``.

    Either ``server`` (an in-process ``Server``; the calls go through its own host channel) or
    ``serve`` (``aerpc serve`` in its own process; the calls go through its relay from this
    process, a tool connected as :class:`RemoteHost`) is set."""

    panel: SimPanel
    host: HostChannel
    recorder: RecordingHost
    work_dir: Path
    project_file: Path
    pristine: Path
    server: Server | None = None
    serve: ServeProcess | None = None

    @classmethod
    def open(cls, work_dir: Path, *, relay: bool = False) -> Session:
        server: Server | None = None
        serve: ServeProcess | None = None
        panel: SimPanel | None = None
        host: HostChannel | None = None
        try:
            if relay:
                serve = ServeProcess(work_dir=work_dir, timeout=WAIT, name="e2e-serve")
                panel = SimPanel(serve.launch_env, work_dir)
                instance = panel.command("status")["result"]["instance"]
                host = serve.tool(CONTRACT, host_instance=instance)
            else:
                server = Server(port=0, contract=CONTRACT)
                server.start()
                panel = SimPanel(server.launch_env(), work_dir)
                try:
                    host = server.wait_for_host(timeout=WAIT)
                except Exception as exc:
                    raise AssertionError(
                        f"the simulated panel did not connect: {exc}\n{panel.log()}"
                    ) from exc
            panel.run(JS_HELPERS)
            project_file = Path(panel.run("app.project.file.fsName"))
            pristine = work_dir / "pristine_demo.aep"
            shutil.copyfile(project_file, pristine)
            return cls(
                panel, host, RecordingHost(host), work_dir, project_file, pristine, server, serve
            )
        except BaseException:
            _close(host, panel, server, serve)
            raise

    def close(self) -> None:
        _close(self.host, self.panel, self.server, self.serve)

    def check_serving(self) -> None:
        """``aerpc serve`` (the relay half) is still running."""
        if self.serve is not None and self.serve.proc.poll() is not None:
            raise AssertionError(
                f"aerpc serve exited with code {self.serve.proc.returncode}\n{self.serve.log()}"
            )

    def restore(self) -> None:
        """The pristine demo project, reopened from its file; counters at zero."""
        shutil.copyfile(self.pristine, self.project_file)
        self.panel.run(
            f"app.open(new File({json.dumps(str(self.project_file))})); "
            "__sim.undo.depth = 0; __sim.reset(); true"
        )
        self.recorder.take()


def _close(
    host: HostChannel | None,
    panel: SimulatedPanel | None,
    server: Server | None,
    serve: ServeProcess | None,
) -> None:
    """Stop what a session started, tool first; ``aerpc serve`` must exit 0 on SIGTERM."""
    try:
        if isinstance(host, RemoteHost):
            host.stop()
        if panel is not None:
            panel.stop()
    finally:
        if server is not None:
            server.stop()
        if serve is not None:
            code = serve.stop()
            assert code == 0, f"aerpc serve exited with code {code}\n{serve.log()}"


@dataclass
class E2E:
    """What a test gets: the typed clients on the chain, plus direct access to the simulator."""

    session: Session
    tmp: Path
    ae: AfterEffects = field(init=False)
    aae: AsyncAfterEffects = field(init=False)

    def __post_init__(self) -> None:
        self.ae = AfterEffects(self.session.recorder)
        self.aae = AsyncAfterEffects(self.session.recorder)

    @property
    def project_file(self) -> Path:
        return self.session.project_file

    @property
    def work_dir(self) -> Path:
        return self.session.work_dir

    def js(self, source: str) -> Json:
        """ExtendScript run directly in the simulated After Effects (not through the chain)."""
        return self.session.panel.run(source)

    def setup(self, body: str) -> Json:
        """Test set-up in the simulator, as a script would do it: inside one undo group."""
        return self.js(f"__e2e.setup(function () {{ {body} }})")

    def id(self, name: str) -> int:
        """The id of the one project item named ``name``."""
        value = self.js(f"__e2e.find({json.dumps(name)}).id")
        assert isinstance(value, int)
        return value

    def prop(self, item_id: int, expression: str) -> Json:
        """``expression`` evaluated with ``it`` bound to the item with this id."""
        return self.js(f"(function (it) {{ return {expression}; }})(__e2e.item({item_id}))")

    def exists(self, item_id: int) -> bool:
        return bool(self.js(f"app.project.itemByID({item_id}) !== null"))

    def mutations(self) -> int:
        value = self.js("__sim.counters.mutations")
        assert isinstance(value, int)
        return value

    def media(self, relative: str, **header: object) -> Path:
        """A placeholder media file under the test's tmp dir (the simulator reads its header)."""
        path = self.tmp / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        first = json.dumps({"aerpc_media": header}) if header else "not a header"
        path.write_text(first + "\nplaceholder media written by tests/e2e\n", encoding="utf-8")
        return path

    def check_after_test(self, declared: tuple[str, ...]) -> None:
        self.session.check_serving()
        undo = self.js("__e2e.undo()")
        assert undo["mismatches"] == 0, f"endUndoGroup without a group: {undo}"
        assert undo["depth"] == 0, f"undo group left open: {undo}"
        assert undo["begun"] == undo["ended"], f"undo groups unbalanced: {undo}"
        outside = [what for what in undo["outside"] if what not in NOT_UNDOABLE]
        assert outside == [], f"project changed outside an undo group: {undo}"
        calls = self.session.recorder.take()
        succeeded = {method for method, outcome in calls if outcome == "ok"}
        missing = set(declared) - succeeded
        assert not missing, f"declared but not called successfully: {sorted(missing)}; {calls}"


@pytest.fixture(scope="module", params=["server", "relay"])
def session(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Session]:
    """Every test twice: through an in-process server's own host channel, and from a tool
    through the relay of ``aerpc serve`` in a process of its own."""
    opened = Session.open(tmp_path_factory.mktemp("ae"), relay=request.param == "relay")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def e2e(session: Session, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[E2E]:
    session.restore()
    context = E2E(session, tmp_path)
    yield context
    context.check_after_test(declared_methods(request.function))


@pytest.fixture
def own_session(tmp_path: Path) -> Iterator[Session]:
    """A session of its own, for a test that ends After Effects (``close``)."""
    opened = Session.open(tmp_path / "ae")
    try:
        yield opened
    finally:
        opened.close()


def manifest_version() -> str:
    text = MANIFEST.read_text(encoding="utf-8")
    marker = 'ExtensionBundleVersion="'
    start = text.index(marker) + len(marker)
    return text[start : text.index('"', start)]
