"""`aerpc cep install` and `aerpc cep build`: a loadable extension where After Effects looks,
what was done said, a foreign folder never replaced, and the PlayerDebugMode step per OS."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from aerpc.cli import main
from aerpc.cli.cep import (
    CSXS_VERSIONS,
    CepError,
    debug_mode_steps,
    default_extensions_dir,
    set_debug_mode,
)

from .extension import BUNDLE_ID, assert_loadable


def test_install_lays_out_a_loadable_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cep", "install", "--dest", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert_loadable(tmp_path / BUNDLE_ID)
    assert f"installed the aerpc panel 0.1.0 into {tmp_path / BUNDLE_ID}\n" in out
    assert "PlayerDebugMode" in out
    assert "launch_env()" in out


def test_reinstall_replaces_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cep", "install", "--dest", str(tmp_path)]) == 0
    (tmp_path / BUNDLE_ID / "stale.js").write_text("old", encoding="utf-8")
    capsys.readouterr()
    assert main(["cep", "install", "--dest", str(tmp_path)]) == 0
    assert "(replaced version 0.1.0)" in capsys.readouterr().out
    assert not (tmp_path / BUNDLE_ID / "stale.js").exists()
    assert_loadable(tmp_path / BUNDLE_ID)
    assert sorted(p.name for p in tmp_path.iterdir()) == [BUNDLE_ID], "no staging folder left"


def test_a_foreign_folder_of_that_name_is_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / BUNDLE_ID).mkdir()
    (tmp_path / BUNDLE_ID / "mine.txt").write_text("keep", encoding="utf-8")
    assert main(["cep", "install", "--dest", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / BUNDLE_ID} exists and is not the aerpc extension" in err
    assert (tmp_path / BUNDLE_ID / "mine.txt").read_text(encoding="utf-8") == "keep"


def test_build_writes_a_folder_ready_to_sign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "aerpc.cep"
    assert main(["cep", "build", "--out", str(out)]) == 0
    assert_loadable(out)
    assert f"ZXPSignCmd -sign {out} aerpc-0.1.0.zxp" in capsys.readouterr().out
    assert not [p for p in out.rglob("*") if p.name.startswith(".")], "hidden files break signing"


def test_default_folder_per_os(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    mac = tmp_path / "Library/Application Support/Adobe/CEP/extensions"
    assert default_extensions_dir("darwin") == mac
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    assert default_extensions_dir("win32") == tmp_path / "Roaming" / "Adobe" / "CEP" / "extensions"
    monkeypatch.delenv("APPDATA")
    with pytest.raises(CepError, match="APPDATA is not set"):
        default_extensions_dir("win32")
    with pytest.raises(CepError, match="not linux: give the folder with --dest DIR"):
        default_extensions_dir("linux")


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the default folder is real here")
def test_install_without_dest_on_linux_says_to_give_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cep", "install"]) == 1
    assert "give the folder with --dest DIR" in capsys.readouterr().err


def test_debug_mode_steps_name_every_csxs_version_per_os() -> None:
    mac, windows = debug_mode_steps("darwin"), debug_mode_steps("win32")
    for number in CSXS_VERSIONS:
        assert f"defaults write com.adobe.CSXS.{number} PlayerDebugMode 1" in mac
        assert (
            rf"reg add HKCU\Software\Adobe\CSXS.{number} /v PlayerDebugMode /t REG_SZ /d 1 /f"
            in windows
        )
    assert "log out" in mac
    assert "log out" not in windows
    elsewhere = debug_mode_steps("linux")
    assert "on macOS:" in elsewhere
    assert "on Windows:" in elsewhere
    assert "--debug-mode" not in elsewhere


def test_debug_mode_on_macos_runs_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in `defaults` on PATH records what it was asked to write."""
    record = tmp_path / "calls.txt"
    defaults = tmp_path / "bin" / "defaults"
    defaults.parent.mkdir()
    defaults.write_text(f'#!/bin/sh\necho "$@" >> {record}\n', encoding="utf-8")
    defaults.chmod(defaults.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{defaults.parent}{os.pathsep}{os.environ['PATH']}")
    done = set_debug_mode("darwin")
    calls = record.read_text(encoding="utf-8").splitlines()
    assert calls == [f"write com.adobe.CSXS.{n} PlayerDebugMode 1" for n in CSXS_VERSIONS]
    assert done == [f"com.adobe.CSXS.{n} PlayerDebugMode = 1" for n in CSXS_VERSIONS]


def test_debug_mode_where_after_effects_does_not_run() -> None:
    with pytest.raises(CepError, match="After Effects does not run on linux"):
        set_debug_mode("linux")


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="debug mode is settable here")
def test_debug_mode_is_refused_before_anything_is_installed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cep", "install", "--dest", str(tmp_path), "--debug-mode"]) == 1
    assert "--debug-mode: After Effects does not run on" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
