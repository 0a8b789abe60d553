"""Test a plugin without After Effects, against the simulated one (node 20 or later is all it
needs): ``pytest test_plugin.py``, or ``python test_plugin.py``."""

from __future__ import annotations

from aerpc import aftereffects
from aerpc.aftereffects import AfterEffects
from aerpc.testing.simulator import SimulatedPanel, panel_env


def ensure_folder(ae: AfterEffects, name: str) -> int:
    """The plugin under test: the id of the project folder ``name``, created when missing."""
    for item in ae.get_items(folders=True):
        if item["name"] == name:
            return item["id"]
    return ae.add_item(name=name, item_type="folder")


def test_ensure_folder_creates_it_once() -> None:
    server = aftereffects.server()
    server.start()
    try:
        env = panel_env(server.launch_env())
        with SimulatedPanel(["--sim-project", "empty"], env=env) as panel:
            ae = AfterEffects(server.wait_for_host(timeout=20))
            first = ensure_folder(ae, "plates")
            assert ensure_folder(ae, "plates") == first
            assert panel.run("app.project.numItems") == 1  # read the simulated project back
    finally:
        server.stop()


if __name__ == "__main__":
    test_ensure_folder_creates_it_once()
    print("passed")
