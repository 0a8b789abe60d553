"""`make ae-selftest`: build dist/aerpc-selftest.jsx, the self-test a user runs in After Effects.

One ExtendScript file: the panel's ExtendScript exactly as the extension loads it
(``host_script()`` of runtime/cep/build.py: the dispatcher, then the host library), the plan
(the schema's host methods and error codes, the extension version, a small PNG for the imports)
and the driver (aerpc-selftest-driver.jsx), which calls every host method through the
dispatcher and writes a report. `make cep` puts the same file into the extension bundle.
"""

from __future__ import annotations

import importlib.util
import json
import struct
import sys
import zlib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CEP = HERE.parent
ROOT = CEP.parents[1]
SCHEMA = ROOT / "schema" / "aftereffects.openrpc.json"
DRIVER = HERE / "aerpc-selftest-driver.jsx"
OUTPUT = ROOT / "dist" / "aerpc-selftest.jsx"
PLAN_SLOT = "}(__aerpc_selftest_plan));"  # the driver's last line; the build puts the plan there


def _cep_build() -> Any:
    spec = importlib.util.spec_from_file_location("aerpc_cep_build", CEP / "build.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {CEP / 'build.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def png(width: int, height: int) -> bytes:
    """A grey 8-bit RGB PNG, small enough to embed, real enough for After Effects to import."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def plan() -> dict[str, Any]:
    """What the driver needs from the schema and the manifest."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    host = [m for m in schema["methods"] if m.get("x-served-by") == "host"]
    build = _cep_build()
    return {
        "hostMethods": [m["name"] for m in host if m.get("x-runs-in") != "panel"],
        "panelMethods": [m["name"] for m in host if m.get("x-runs-in") == "panel"],
        "errors": {name: e["code"] for name, e in schema["components"]["errors"].items()},
        "version": str(build.extension_version(CEP / "CSXS" / "manifest.xml")),
        "png": png(16, 16).hex(),
    }


def selftest_script() -> str:
    """The self-test: the panel's ExtendScript, the plan, the driver."""
    host = str(_cep_build().host_script())
    driver = DRIVER.read_text(encoding="utf-8")
    if driver.count(PLAN_SLOT) != 1:
        raise SystemExit(f"{DRIVER}: expected one {PLAN_SLOT!r}")
    driver = driver.replace(PLAN_SLOT, "}(" + json.dumps(plan(), sort_keys=True) + "));")
    return "\n".join(
        [
            "// aerpc self-test for After Effects: File > Scripts > Run Script File... runs it.",
            "// Built by `make ae-selftest`; see README.md, section 'Self-test in After Effects'.",
            host,
            "// ---- runtime/cep/selftest/aerpc-selftest-driver.jsx, with the plan from the schema",
            driver,
        ]
    )


def main() -> int:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(selftest_script(), encoding="utf-8")
    print(f"built {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
