"""Issue 13 §2: the application's extra routes and static files are behind the same door as
``/ws``: a foreign ``Origin`` gets 403, a ``Host`` that is not the loopback address or
``localhost`` with the bound port gets 421 (DNS rebinding), and a route needs the token
(``Authorization: Bearer``) unless it was added ``public=True``."""

from __future__ import annotations

from pathlib import Path

import aiohttp
from aiohttp import web

from .conftest import door_server, started

SECRET_FILE = "render settings: do not share"


async def fetch(
    url: str, *, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, url, headers=headers or {}) as response,
    ):
        return response.status, await response.text()


def test_a_cross_origin_form_post_does_not_run_a_route() -> None:
    ran: list[str] = []

    async def publish(request: web.Request) -> web.Response:
        ran.append(request.path)
        return web.Response(text="published")

    server = door_server()
    server.add_route("POST", "/publish", publish)
    server.add_route("POST", "/hook", publish, public=True)
    with started(server) as stage:
        base = f"http://127.0.0.1:{server.port}"
        token = {"Authorization": f"Bearer {server.token}"}
        wrong = {"Authorization": "Bearer " + "x" * 43}
        form = {
            "Origin": "https://evil.example",
            "Content-Type": "application/x-www-form-urlencoded",
        }

        def post(path: str, headers: dict[str, str]) -> tuple[int, str]:
            return stage.run(fetch(base + path, method="POST", headers=headers))

        assert post("/publish", form | token)[0] == 403
        assert post("/hook", form)[0] == 403
        assert ran == []
        assert post("/publish", {})[0] == 401  # the token is needed unless the route is public
        assert post("/publish", wrong)[0] == 401
        assert ran == []
        assert post("/publish", token) == (200, "published")
        assert post("/hook", {}) == (200, "published")
        assert ran == ["/publish", "/hook"]


def test_a_rebound_host_header_reads_no_static_file(tmp_path: Path) -> None:
    """DNS rebinding: a page on evil.example rebinds its name to 127.0.0.1; its requests carry
    ``Host: evil.example:<port>`` and no Origin (same-origin for the browser)."""
    (tmp_path / "notes.txt").write_text(SECRET_FILE)
    server = door_server()
    server.add_static("/files", str(tmp_path), public=True)
    server.add_static("/private", str(tmp_path))
    with started(server) as stage:
        port = server.port
        base = f"http://127.0.0.1:{port}"

        def get(path: str, host: str, **headers: str) -> tuple[int, str]:
            return stage.run(fetch(base + path, headers={"Host": host, **headers}))

        for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{port + 1}"):
            status, text = get("/files/notes.txt", host)
            assert status == 421, (host, status)
            assert SECRET_FILE not in text
            assert get("/ws", host)[0] == 421
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
            assert get("/files/notes.txt", host) == (200, SECRET_FILE)
        here = f"127.0.0.1:{port}"
        assert get("/private/notes.txt", here)[0] == 401
        token = f"Bearer {server.token}"
        assert get("/private/notes.txt", here, Authorization=token) == (200, SECRET_FILE)
