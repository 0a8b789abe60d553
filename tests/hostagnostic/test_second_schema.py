"""The runtime is host-agnostic: a second application's schema runs end to end, untouched.

tests/fixtures/photoshop/ holds a small schema for another host application (three host
methods, one pipeline method, its own error) and a tiny fake host library. The test runs it
through the code generator into a temporary folder, imports the generated typed Python
client, and serves it from the hand-written panel library over the ES3 dispatcher library in
node (`aerpc cep build --schema`, then `aerpc fake-host`). Nothing under runtime/ is specific
to it: a change there that assumes After Effects fails here.
"""

from __future__ import annotations

from typing import Any

import pytest

from aerpc.runtime import Server

from .conftest import WAIT, Generated, Pipeline, fake_photoshop, needs_node

pytestmark = needs_node


def test_a_second_schema_runs_end_to_end_without_runtime_changes(generated: Generated) -> None:
    package = generated.package
    pipeline = Pipeline()
    server = Server(handlers=pipeline, contract=package.CONTRACT)
    server.start()
    try:
        with fake_photoshop(server, generated) as host:
            assert host.hello is not None
            assert host.hello["app"] == {"name": "PHXS", "version": "24.0"}
            assert host.hello["schema"]["name"] == "photoshop"
            ps: Any = package.Photoshop(host)
            assert ps.get_document_name() == "matte.psd"
            layers = ps.get_layers(visible_only=True)
            assert [(layer["id"], layer["name"]) for layer in layers] == [
                (3, "paint fixes"),
                (1, "Background"),
            ]
            ps.rename_layer(layer_id=2, name="roto v2")
            assert [layer["name"] for layer in ps.get_layers()] == [
                "paint fixes",
                "roto v2",
                "Background",
            ]
            with pytest.raises(package.LayerNotFound) as missing:
                ps.rename_layer(layer_id=99, name="x")
            assert missing.value.code == 2001
            assert missing.value.data == {"layer_id": 99}
            assert pipeline.called.wait(WAIT), "the host never called publish_requested"
            assert pipeline.published == [[3]]
    finally:
        server.stop()
