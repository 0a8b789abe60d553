"""The manifest declares what docs/cep.md ("Starting without a click") says: one visible panel
whose Window > Extensions entry is the menu text the start-up script runs, no invisible
extension and no StartOn events."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ET.parse(ROOT / "runtime/cep/CSXS/manifest.xml").getroot()
STARTUP = (ROOT / "runtime/cep/startup/aerpc-open-panel.jsx").read_text(encoding="utf-8")


def test_one_visible_panel_and_no_start_on_events() -> None:
    dispatch = MANIFEST.findall("./DispatchInfoList/Extension")
    assert len(dispatch) == 1
    assert len(MANIFEST.findall("./ExtensionList/Extension")) == 1
    assert dispatch[0].findtext("./DispatchInfo/UI/Type") == "Panel"
    assert dispatch[0].findtext("./DispatchInfo/Lifecycle/AutoVisible") == "true"
    assert MANIFEST.find(".//StartOn") is None


def test_the_startup_script_runs_the_panels_menu_entry() -> None:
    menu = MANIFEST.findtext("./DispatchInfoList/Extension/DispatchInfo/UI/Menu")
    found = re.search(r'menu: "([^"]+)"', STARTUP)
    assert found is not None
    assert found.group(1) == menu == "aerpc"
