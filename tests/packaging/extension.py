"""What makes an installed CEP extension folder loadable by After Effects."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

BUNDLE_ID = "io.aerpc.aftereffects"


def assert_loadable(folder: Path) -> None:
    """The manifest names After Effects, and its page, its ExtendScript file and every script
    the page loads exist inside ``folder``."""
    manifest = ET.parse(folder / "CSXS" / "manifest.xml").getroot()
    assert manifest.get("ExtensionBundleId") == BUNDLE_ID
    assert [h.get("Name") for h in manifest.iter("Host")] == ["AEFT"]
    resources = {
        e.tag: e.text or "" for e in manifest.iter() if e.tag in ("MainPath", "ScriptPath")
    }
    assert set(resources) == {"MainPath", "ScriptPath"}
    for path in resources.values():
        assert (folder / path).is_file(), f"the manifest names {path}, missing from {folder}"
    page = (folder / resources["MainPath"]).read_text(encoding="utf-8")
    scripts = re.findall(r'<script[^>]*\bsrc="([^"]+)"', page)
    assert scripts, "the page loads no script"
    for src in scripts:
        assert (folder / resources["MainPath"]).parent.joinpath(src).is_file(), src
    jsx = (folder / resources["ScriptPath"]).read_text(encoding="utf-8")
    assert "__aerpc_dispatch" in jsx
