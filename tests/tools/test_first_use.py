"""A new user's first steps, each as the user takes it (a command in a process of its own, or
the Python call), each asserting the one line the user reads: `aerpc simulate`, versions, the
forms of --url, a server that is not running, a wrong token, typos, large arguments, the
serve banner and a busy port."""

from __future__ import annotations

import importlib.metadata
import json
import logging
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import aerpc
from aerpc.aftereffects import CONTRACT, AfterEffects, remote_host
from aerpc.runtime import Server
from aerpc.runtime.errors import MessageTooLarge, NotConnected
from aerpc.testing.simulator import SimulatedPanel, panel_env

from .conftest import WAIT, needs_simulator, run_aerpc


def _clean_env(**extra: str) -> dict[str, str]:
    return panel_env(None, **extra)


@dataclass
class Simulated:
    """`aerpc simulate` running, and what it printed to set."""

    proc: subprocess.Popen[str]
    url: str
    token: str
    banner: list[str]

    def aerpc(
        self, *args: str, stdin: str | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        base = {"AERPC_URL": self.url, "AERPC_TOKEN": self.token}
        return run_aerpc(*args, env=_clean_env(**{**base, **env}), stdin=stdin)


def _lines_until(proc: subprocess.Popen[str], last: str) -> list[str]:
    """stdout lines of ``proc`` up to one starting with ``last``, bounded by WAIT."""
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.rstrip("\n"))
            if line.startswith(last):
                return
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    seen: list[str] = []
    while True:
        line = lines.get(timeout=WAIT)
        assert line is not None, f"ended before {last!r}: {seen}"
        seen.append(line)
        if line.startswith(last):
            return seen


@pytest.fixture(scope="module")
def simulated() -> Iterator[Simulated]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "aerpc.cli", "simulate"],
        env=_clean_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        banner = _lines_until(proc, "Ctrl-C stops it.")
        values = dict(
            line.removeprefix("export ").split("=", 1)
            for line in banner
            if line.startswith("export ")
        )
        yield Simulated(proc, values["AERPC_URL"], values["AERPC_TOKEN"], banner)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=WAIT) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=WAIT)


# -- aerpc simulate and versions --------------------------------------------------------------


@needs_simulator
def test_simulate_prints_what_to_set_in_both_shells(simulated: Simulated) -> None:
    assert simulated.banner[0].startswith("simulated After Effects (demo project) connected to ")
    assert f"export AERPC_URL={simulated.url}" in simulated.banner
    windows = [line for line in simulated.banner if line.startswith("# Windows (PowerShell): ")]
    assert windows == [
        f'# Windows (PowerShell): $env:AERPC_URL="{simulated.url}"; '
        f'$env:AERPC_TOKEN="{simulated.token}"'
    ]
    done = simulated.aerpc("call", "get_items", "comps=true")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout), "the demo project has compositions"


def test_the_version_is_the_installed_package_s() -> None:
    expected = importlib.metadata.version("aerpc")
    assert aerpc.__version__ == expected
    done = run_aerpc("--version", env=_clean_env())
    assert (done.returncode, done.stdout) == (0, f"aerpc {expected}\n")


@needs_simulator
def test_hosts_shows_the_panel_version_beside_the_package_s(simulated: Simulated) -> None:
    done = simulated.aerpc("hosts")
    assert done.returncode == 0, done.stderr
    (host,) = json.loads(done.stdout)
    assert host["aerpc_version"] == aerpc.__version__
    assert "extension_version" in host
    table = simulated.aerpc("hosts", "--table")
    assert "aerpc_version" in table.stdout.splitlines()[0]


# -- where the server is -----------------------------------------------------------------------


@needs_simulator
def test_the_url_forms_users_type_reach_the_server(simulated: Simulated) -> None:
    hostport = simulated.url.removeprefix("ws://").removesuffix("/ws")
    for form in (f"http://{hostport}", f"ws://{hostport}/", hostport):
        done = simulated.aerpc("call", "get_app_version", AERPC_URL=form)
        assert done.returncode == 0, (form, done.stderr)


def test_an_address_that_cannot_be_read_is_one_line() -> None:
    done = run_aerpc(
        "call", "get_app_version", "--url", "localhost", "--token", "t", env=_clean_env()
    )
    assert done.returncode == 1
    assert done.stderr == (
        "aerpc call: cannot read the server address 'localhost': give ws://HOST:PORT/ws "
        "(as `aerpc serve` prints it; http://HOST:PORT and HOST:PORT work too)\n"
    )


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_no_server_running_is_not_connected_with_the_reason() -> None:
    url = f"ws://127.0.0.1:{_closed_port()}/ws"
    done = run_aerpc("call", "get_app_version", "--url", url, "--token", "t", env=_clean_env())
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"aerpc call: cannot connect to {url} (")
    assert line.endswith("is the server running? `aerpc serve` or your pipeline starts it")
    with pytest.raises(NotConnected, match="is the server running") as caught:
        remote_host(url, "t").start()
    assert caught.value.data["reason"]


@needs_simulator
def test_a_wrong_token_says_where_the_token_comes_from(simulated: Simulated) -> None:
    done = simulated.aerpc("hosts", AERPC_TOKEN="not-the-token-" + "x" * 30)
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"aerpc hosts: the server at {simulated.url} refused the token")
    assert line.endswith(
        "the token comes from --token-file, --token or $AERPC_TOKEN: the one `aerpc serve` printed"
    )


def test_hosts_table_without_a_host_says_so() -> None:
    server = Server(port=0, contract=CONTRACT, relay=True)
    server.start()
    try:
        env = _clean_env(AERPC_URL=server.url, AERPC_TOKEN=server.token)
        done = run_aerpc("hosts", "--table", env=env)
    finally:
        server.stop()
    assert (done.returncode, done.stdout) == (0, f"no host connected to {server.url}\n"), (
        done.stderr
    )


# -- typos ---------------------------------------------------------------------------------------


@needs_simulator
def test_a_misspelt_method_gets_the_closest_name(simulated: Simulated) -> None:
    call = simulated.aerpc("call", "get_itmes")
    assert call.returncode == 2
    assert "aerpc call: 'get_itmes' is not a host method; did you mean 'get_items'?" in call.stderr
    param = simulated.aerpc("call", "get_layers", "comp_ids=3")
    assert "get_layers has no parameter 'comp_ids'; did you mean 'comp_id'?" in param.stderr
    word = simulated.aerpc("call", "get_layers", "comp_id=three")
    assert word.returncode == 2
    assert word.stderr == "aerpc call: comp_id=three: not a whole number (write digits, e.g. 3)\n"
    shell = simulated.aerpc("shell", stdin="get_itmes comps=true\nae.get_itmes\n")
    assert shell.returncode == 0, shell.stderr
    assert "! no host method 'get_itmes'; did you mean 'get_items'?" in shell.stdout
    assert "SyntaxError" not in shell.stdout
    assert "'AfterEffects' object has no attribute 'get_itmes'. Did you mean: 'get_items'?" in (
        shell.stdout
    )


def test_the_typed_client_says_did_you_mean() -> None:
    with pytest.raises(AttributeError) as caught:
        AfterEffects(remote_host("ws://127.0.0.1:1/ws", "t")).get_itmes  # type: ignore[attr-defined]  # noqa: B018
    assert caught.value.name == "get_itmes"
    assert "get_items" in dir(caught.value.obj)


# -- large arguments ----------------------------------------------------------------------------


def test_an_argument_over_the_limit_is_refused_before_sending(tmp_path: Path) -> None:
    server = Server(port=0, contract=CONTRACT, relay=True, max_message_size=64 * 1024)
    server.start()
    big = tmp_path / "big.txt"
    big.write_text("x" * 100_000, encoding="utf-8")
    try:
        with remote_host(server.url, server.token) as host:
            with pytest.raises(MessageTooLarge) as caught:
                host.call_blocking("remove_instance", {"instance_id": "x" * 100_000})
            assert "over the server's limit of 65536 bytes" in str(caught.value)
            assert "'instance_id' alone is 100002 bytes" in str(caught.value)
            assert host.connected  # refused here: the socket stays open
        env = _clean_env(AERPC_URL=server.url, AERPC_TOKEN=server.token)
        done = run_aerpc("call", "remove_instance", f"instance_id=@{big}", env=env)
        missing = run_aerpc("call", "remove_instance", f"instance_id=@{tmp_path}/none", env=env)
    finally:
        server.stop()
    assert done.returncode == 1
    assert "MessageTooLarge (-32004): remove_instance: the arguments are 100" in done.stderr
    assert "limit of 65536 bytes per message; 'instance_id' alone is" in done.stderr
    assert missing.returncode == 2
    assert f"instance_id=@{tmp_path}/none: cannot read the file (No such file" in missing.stderr


# -- a server without handlers, the serve banner, a busy port ------------------------------------


class _Seen(logging.Handler):
    """The aerpc log records, and an event set once one names ``launched``."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.launched = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        if "launched" in record.getMessage():
            self.launched.set()


@needs_simulator
def test_a_server_without_handlers_does_not_alarm_for_the_panel_s_own_calls(
    tmp_path: Path,
) -> None:
    seen = _Seen()
    logger = logging.getLogger("aerpc")
    level = logger.level
    logger.addHandler(seen)
    logger.setLevel(logging.DEBUG)
    server = Server(port=0, contract=CONTRACT)  # no handlers: the README's test example
    server.start()
    try:
        with SimulatedPanel(
            ["--sim-project", "demo", "--work-dir", str(tmp_path)],
            panel_env(server.launch_env()),
            timeout=WAIT,
        ):
            server.wait_for_host(timeout=WAIT)
            assert seen.launched.wait(WAIT), "the panel's launched call was never answered"
    finally:
        server.stop()
        logger.removeHandler(seen)
        logger.setLevel(level)
    answered = [r for r in seen.records if "-32601" in r.getMessage()]
    assert answered, "the call was answered -32601, below warning level"
    assert [r.getMessage() for r in seen.records if r.levelno >= logging.WARNING] == []


def test_a_busy_port_is_one_line_without_errno() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run_aerpc("serve", "--port", str(port), env=_clean_env(AERPC_TOKEN="t" * 43))
    assert done.returncode == 1
    assert "[Errno" not in done.stderr
    assert done.stderr.endswith(
        "(another aerpc serve?): give another --port, or --port 0 for any free one\n"
    ), done.stderr
