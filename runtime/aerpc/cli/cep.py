"""``aerpc cep``: put the After Effects panel (a CEP extension) where After Effects finds it.

``aerpc cep install [--dest DIR] [--debug-mode]``  copy the extension into the user's CEP
                                                   extensions folder (or DIR) and say how to
                                                   let After Effects load it unsigned
``aerpc cep build --out DIR``                      the extension folder, ready for ZXPSignCmd
``aerpc cep build --schema S --host-lib PATH... --out DIR [--host APP=VERSIONS]...``
                                                   another host application's extension
                                                   (:mod:`aerpc.cli.cep_host`)

The wheel ships the built extension (:data:`aerpc.runtime.assets.PACKAGED`); in a source
checkout it is built from ``runtime/cep/build.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from aerpc.runtime import assets

__all__ = [
    "CSXS_VERSIONS",
    "Extension",
    "cep_main",
    "debug_mode_steps",
    "default_extensions_dir",
    "install",
    "set_debug_mode",
]

CSXS_VERSIONS: dict[int, str] = {
    9: "After Effects 16.0 (2019) to 17.1",
    10: "After Effects 17.1.4 to 18.3",
    11: "After Effects 18.4 to 24",
    12: "After Effects 25.0 and later",
}
"""The CSXS (CEP) versions After Effects releases run, from the manifest's CSXS 9 on: the
table "Applications Integrated with CEP" of Adobe's CEP 12 HTML Extension Cookbook (AEFT 16 and
17: CEP 9; 17.1.4: CEP 10; 18.4: CEP 11; 25.0: CEP 12)."""


class CepError(Exception):
    """What ``aerpc cep`` could not do, and why (printed without a traceback)."""


@dataclass(frozen=True)
class Extension:
    """A built extension folder and what its manifest says."""

    folder: Path
    bundle_id: str
    version: str

    @classmethod
    def read(cls, folder: Path) -> Extension:
        manifest = folder / "CSXS" / "manifest.xml"
        try:
            root = ET.parse(manifest).getroot()
        except (OSError, ET.ParseError) as exc:
            raise CepError(f"{manifest}: not a readable CEP manifest ({exc})") from exc
        bundle_id = root.get("ExtensionBundleId")
        version = root.get("ExtensionBundleVersion")
        if not bundle_id or not version:
            raise CepError(f"{manifest}: no ExtensionBundleId or ExtensionBundleVersion")
        return cls(folder, bundle_id, version)


def _manifest_folder(out: Path) -> Path:
    """The folder under ``out`` (or ``out``) nearest to it that holds ``CSXS/manifest.xml``."""
    manifests = sorted(out.rglob("CSXS/manifest.xml"), key=lambda p: (len(p.parts), p))
    if not manifests:
        raise CepError(f"building the extension left no CSXS/manifest.xml under {out}")
    return manifests[0].parent.parent


@contextlib.contextmanager
def built_extension() -> Iterator[Extension]:
    """The extension this aerpc ships: the wheel's copy, or one built from the source tree."""
    packaged = assets.PACKAGED / "dist" / "aerpc.cep"
    if packaged.is_dir():
        yield Extension.read(packaged)
        return
    script = assets.SOURCE_TREE / "runtime" / "cep" / "build.py"
    if not script.is_file():
        raise CepError(f"this aerpc install has no CEP extension ({packaged}): reinstall aerpc")
    spec = importlib.util.spec_from_file_location("_aerpc_cep_build", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with tempfile.TemporaryDirectory(prefix="aerpc-cep-") as tmp:
        out = Path(tmp) / "aerpc.cep"
        module.build(out)
        yield Extension.read(_manifest_folder(Path(tmp)))


def default_extensions_dir(platform: str = sys.platform) -> Path:
    """The user's CEP extensions folder (no administrator rights needed)."""
    if platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Adobe" / "CEP" / "extensions"
    if platform == "win32":
        appdata = os.environ.get("APPDATA")
        if not appdata:
            raise CepError("APPDATA is not set: give the extensions folder with --dest DIR")
        return Path(appdata) / "Adobe" / "CEP" / "extensions"
    raise CepError(
        f"After Effects runs on macOS and Windows, not {platform}: give the folder with --dest DIR"
    )


def _copy_tree(source: Path, target: Path) -> None:
    """``target`` becomes a copy of ``source``: copied beside it first, then swapped in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        shutil.copytree(source, staging, dirs_exist_ok=True)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def install(extension: Extension, dest: Path) -> tuple[Path, str | None]:
    """Copy ``extension`` to ``dest/<bundle id>``; returns that folder and the version it
    replaced (``None`` for a first install). Refuses to replace a folder that is not this
    extension."""
    target = dest / extension.bundle_id
    replaced: str | None = None
    if target.exists():
        try:
            existing = Extension.read(target)
        except CepError:
            existing = None
        if existing is None or existing.bundle_id != extension.bundle_id:
            raise CepError(f"{target} exists and is not the aerpc extension: not replacing it")
        replaced = existing.version
    _copy_tree(extension.folder, target)
    return target, replaced


_DEBUG_MODE_COMMANDS = {
    "darwin": "defaults write com.adobe.CSXS.{n} PlayerDebugMode 1",
    "win32": r"reg add HKCU\Software\Adobe\CSXS.{n} /v PlayerDebugMode /t REG_SZ /d 1 /f",
}
_OS_NAMES = {"darwin": "macOS", "win32": "Windows"}


def debug_mode_steps(platform: str = sys.platform) -> str:
    """How to let After Effects load an unsigned extension: ``PlayerDebugMode`` per CSXS
    version, for this OS (for both macOS and Windows on any other, where AE does not run)."""
    systems = [platform] if platform in _DEBUG_MODE_COMMANDS else list(_DEBUG_MODE_COMMANDS)
    lines = [
        "After Effects loads an unsigned extension only with CEP's PlayerDebugMode set to 1 for",
        "the CSXS version it runs (setting every version below is harmless):",
    ]
    for system in systems:
        if len(systems) > 1:
            lines.append(f"on {_OS_NAMES[system]}:")
        for number, release in CSXS_VERSIONS.items():
            step = _DEBUG_MODE_COMMANDS[system].format(n=number)
            lines.append(f"  CSXS {number} ({release}): {step}")
    if "darwin" in systems:
        lines.append("macOS caches preferences: if the panel is still refused, log out and in.")
    if len(systems) == 1:
        lines.append("`aerpc cep install --debug-mode` does this for you.")
    lines.append("Then restart After Effects and open Window > Extensions > aerpc.")
    return "\n".join(lines)


def _set_registry_value(key_path: str) -> str:
    """Set ``PlayerDebugMode`` = ``"1"`` (a string, as CEP reads it) under ``HKCU\\key_path``."""
    if sys.platform != "win32":
        raise CepError("the Windows registry can be set only on Windows")
    import winreg

    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, key_path) as key:
        winreg.SetValueEx(key, "PlayerDebugMode", 0, winreg.REG_SZ, "1")
    return rf"HKCU\{key_path} PlayerDebugMode = 1"


def set_debug_mode(platform: str = sys.platform) -> list[str]:
    """Set ``PlayerDebugMode`` to 1 for every CSXS version; returns what was set."""
    done = []
    for number in CSXS_VERSIONS:
        if platform == "darwin":
            defaults = shutil.which("defaults")
            if defaults is None:
                raise CepError("`defaults` is not on PATH: set PlayerDebugMode by hand")
            domain = f"com.adobe.CSXS.{number}"
            subprocess.run(
                [defaults, "write", domain, "PlayerDebugMode", "1"], check=True, timeout=30
            )
            done.append(f"{domain} PlayerDebugMode = 1")
        elif platform == "win32":
            done.append(_set_registry_value(rf"Software\Adobe\CSXS.{number}"))
        else:
            raise CepError(f"--debug-mode: After Effects does not run on {platform}")
    return done


def _cmd_install(args: argparse.Namespace) -> int:
    if args.debug_mode and sys.platform not in _DEBUG_MODE_COMMANDS:
        raise CepError(f"--debug-mode: After Effects does not run on {sys.platform}")
    dest: Path = args.dest if args.dest is not None else default_extensions_dir()
    with built_extension() as extension:
        target, replaced = install(extension, dest)
    was = f" (replaced version {replaced})" if replaced else ""
    print(f"installed the aerpc panel {extension.version} into {target}{was}")
    if args.debug_mode:
        for line in set_debug_mode():
            print(f"set {line}")
        print("Restart After Effects and open Window > Extensions > aerpc.")
    else:
        print(debug_mode_steps())
    print(
        "The panel connects to the pipeline named by AERPC_URL and AERPC_TOKEN in After "
        "Effects' environment: start After Effects with the server's launch_env()."
    )
    return 0


def _refuse_foreign(out: Path) -> None:
    foreign = out.exists() and not (out / "CSXS" / "manifest.xml").is_file()
    if foreign and any(out.iterdir()):
        raise CepError(f"{out} exists and is not an extension folder: not replacing it")


def _cmd_build(args: argparse.Namespace) -> int:
    out: Path = args.out
    _refuse_foreign(out)
    if args.schema is not None:
        return _build_for_host(args)
    if args.host_lib or args.host:
        raise CepError("--host-lib and --host build another host's extension: add --schema S")
    with built_extension() as extension:
        _copy_tree(extension.folder, out)
    print(f"wrote the aerpc panel {extension.version} ({extension.bundle_id}) to {out}")
    _sign_hint(out, extension.version)
    return 0


def _build_for_host(args: argparse.Namespace) -> int:
    try:
        import jinja2  # noqa: F401  # the generator renders the schema's tables with it

        from .cep_host import HostBuildError, build_host_extension
    except ModuleNotFoundError as exc:
        raise CepError(
            f"--schema generates from the schema ({exc}): pip install 'aerpc[codegen]'"
        ) from exc
    if not args.host_lib:
        raise CepError("--schema needs the host library: --host-lib FILE_OR_FOLDER")
    with tempfile.TemporaryDirectory(prefix="aerpc-cep-host-out-") as tmp:
        try:
            name, version, bundle_id = build_host_extension(
                args.schema,
                args.host_lib,
                Path(tmp) / "extension",
                hosts=args.host,
                bundle_id=args.bundle_id,
                version=args.version,
            )
        except HostBuildError as exc:
            raise CepError(str(exc)) from exc
        _copy_tree(Path(tmp) / "extension", args.out)
    print(f"wrote the {name} panel {version} ({bundle_id}) to {args.out}")
    _sign_hint(args.out, version)
    return 0


def _sign_hint(out: Path, version: str) -> None:
    print("To sign it (Adobe's ZXPSignCmd, with your certificate):")
    print(f"  ZXPSignCmd -sign {out} aerpc-{version}.zxp CERT.p12 PASSWORD")


def cep_main(argv: Sequence[str]) -> int:
    """``aerpc cep install|build``."""
    parser = argparse.ArgumentParser(
        prog="aerpc cep", description="Install or build the After Effects panel."
    )
    sub = parser.add_subparsers(dest="action", required=True)
    inst = sub.add_parser("install", help="copy the panel into the CEP extensions folder")
    inst.add_argument(
        "--dest",
        type=Path,
        help="the extensions folder (default: the user's, on macOS and Windows)",
    )
    inst.add_argument(
        "--debug-mode",
        action="store_true",
        help="also set PlayerDebugMode for every CSXS version (macOS, Windows)",
    )
    inst.set_defaults(run=_cmd_install)
    build = sub.add_parser("build", help="write the extension folder, ready to sign as a .zxp")
    build.add_argument("--out", type=Path, required=True, help="the folder to write")
    build.add_argument(
        "--schema",
        type=Path,
        help="another host application's schema (default: the After Effects panel)",
    )
    build.add_argument(
        "--host-lib",
        type=Path,
        action="append",
        default=[],
        help="with --schema: a host library file, or a folder of .jsx files (repeatable)",
    )
    build.add_argument(
        "--host",
        action="append",
        default=[],
        metavar="APP=VERSIONS",
        help="with --schema: a host application instead of the schema's x-hosts, e.g. "
        "PHXS=[24.0,99.9] (repeatable)",
    )
    build.add_argument("--bundle-id", help="with --schema: default io.aerpc.<package>")
    build.add_argument("--version", help="with --schema: default the schema's info.version")
    build.set_defaults(run=_cmd_build)
    args = parser.parse_args(list(argv))
    try:
        status: int = args.run(args)
    except (CepError, OSError, subprocess.SubprocessError) as exc:
        print(f"aerpc cep {args.action}: {exc}", file=sys.stderr)
        return 1
    return status
