"""Each half of the e2e suite goes through the chain it names: the ``server`` half through an
in-process server's own host channel, the ``relay`` half from this process as a tool of an
``aerpc serve`` process, whose host is the simulated After Effects."""

from __future__ import annotations

from aerpc.runtime import Host, RemoteHost

from .conftest import E2E


def test_each_half_calls_through_the_chain_it_names(e2e: E2E) -> None:
    session = e2e.session
    instance = session.panel.command("status")["result"]["instance"]
    if session.serve is None:
        assert session.server is not None
        assert isinstance(session.host, Host)
        assert session.host.instance == instance
    else:
        assert session.server is None  # no server in this process: the calls leave it
        assert isinstance(session.host, RemoteHost)
        assert repr(session.host) == f"<RemoteHost {session.serve.url} connected>"
        assert session.serve.proc.poll() is None
        assert session.serve.pid == session.serve.proc.pid
        (entry,) = session.host.hosts_blocking()
        assert entry["instance"] == instance
    assert e2e.ae.get_app_version() == e2e.js("app.version")
