"""``aerpc.ayon``: the AYON reference's plugins' calls, in their order and with their arguments,
against the simulated After Effects through the real chain.

Each test mirrors one plugin or host function of ynput/ayon-aftereffects (named in its
docstring) and checks what that code reads back: ``AEItem`` attributes, flat metadata records,
``True`` from the render queue, ``ValueError`` on declared errors.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from typing import Any

import pytest

from aerpc.aftereffects import ItemNotFound
from aerpc.ayon import (
    AEItem,
    AfterEffectsServerStub,
    ConnectionNotEstablishedYet,
    StubError,
    get_stub,
    install,
    uninstall,
)

from .conftest import E2E

CONTAINER = "ayon.load.container"
INSTANCE = "ayon.create.instance"


@pytest.fixture
def stub(e2e: E2E) -> Iterator[AfterEffectsServerStub]:
    install(e2e.ae)
    try:
        yield get_stub()
    finally:
        uninstall()


def containerise(
    stub: AfterEffectsServerStub, name: str, namespace: str, item: AEItem, loader: str
) -> dict[str, Any]:
    """pipeline.containerise, as the reference wrote it."""
    data: dict[str, Any] = {
        "schema": "ayon:container-3.0",
        "id": CONTAINER,
        "name": name,
        "namespace": namespace,
        "loader": loader,
        "representation": "repre-1",
        "members": item.members or [item.id],
    }
    stub.imprint(item.id, data)
    return data


def ls(stub: AfterEffectsServerStub) -> list[dict[str, Any]]:
    """pipeline.ls: every container, with the transient keys it adds."""
    containers = []
    layers_meta = stub.get_metadata()
    for item in stub.get_items(comps=True, folders=True, footages=True):
        data = stub.read(item, layers_meta)
        if not data or "container" not in data.get("id", ""):
            continue
        data["objectName"] = item.name.replace(stub.LOADED_ICON, "")
        data["layer"] = item
        containers.append(data)
    return containers


def test_get_stub_needs_an_installed_connected_client(e2e: E2E) -> None:
    uninstall()
    with pytest.raises(ConnectionNotEstablishedYet):
        get_stub()
    install(e2e.session.server if e2e.session.server is not None else e2e.ae)
    try:
        assert isinstance(get_stub(), AfterEffectsServerStub)
    finally:
        uninstall()


def test_the_signatures_are_the_references() -> None:
    """Positional parameters, in the reference's order, for the calls plugins make."""
    expected = {
        "open": ["path"],
        "imprint": ["item_id", "data", "all_items", "items_meta"],
        "get_items": ["comps", "folders", "footages"],
        "import_file": ["path", "item_name", "import_options"],
        "remove_instance": ["instance_id", "metadata"],
        "saveAs": ["project_path", "as_copy"],
        "set_comp_properties": ["comp_id", "start", "duration", "frame_rate", "width", "height"],
        "import_background": ["comp_id", "comp_name", "files"],
        "add_placeholder": ["name", "width", "height", "fps", "duration"],
        "add_comp_to_render_queue": ["comp_id", "output_path"],
        "render": ["folder_url", "comp_id"],
        "read": ["item", "layers_meta"],
    }
    for name, params in expected.items():
        signature = inspect.signature(getattr(AfterEffectsServerStub, name))
        assert list(signature.parameters)[1 : 1 + len(params)] == params, name
    assert AfterEffectsServerStub.LOADED_ICON == "\u25bc"
    assert AfterEffectsServerStub.PUBLISH_ICON == "\u2117 "


def test_file_loader_load_update_remove(e2e: E2E, stub: AfterEffectsServerStub) -> None:
    """load_file.FileLoader: load, update (a new version), remove."""
    v1 = e2e.media("publish/v001/sh010_plateMain_v001.png", width=2048, height=858)
    v2 = e2e.media("publish/v002/sh010_plateMain_v002.png", width=2048, height=858)
    footages = stub.get_items(comps=False, footages=True, folders=False)
    assert all(item.item_type == "footage" for item in footages)

    loaded = stub.import_file(str(v1), stub.LOADED_ICON + "sh010_plateMain", {"fps": 25})
    assert (loaded.name, loaded.item_type) == ("\u25bcsh010_plateMain", None)
    containerise(stub, "plateMain", "sh010_plateMain", loaded, "FileLoader")

    (container,) = ls(stub)
    item = container.pop("layer")
    assert item.id == loaded.id
    assert item.path == str(v1)
    stub.replace_item(item.id, str(v2), stub.LOADED_ICON + "sh010_plateMain")
    stub.imprint(item.id, {"representation": "repre-2", "name": "plateMain", "namespace": "sh010"})
    (updated,) = ls(stub)
    assert updated["loader"] == "FileLoader"  # kept by the merge
    assert updated["representation"] == "repre-2"
    assert updated["layer"].path == str(v2)

    # AfterEffectsLoader.remove
    stub.imprint(item.id, {})
    stub.delete_item(item.id)
    assert ls(stub) == []
    assert stub.get_metadata() == []


def test_background_loader_load_and_update(e2e: E2E, stub: AfterEffectsServerStub) -> None:
    """load_background.BackgroundLoader: import_background, containerise, reload_background."""
    v1 = [e2e.media(f"bg/v1/{n}.png", width=1920, height=1080) for n in ("sky", "hills")]
    v2 = [e2e.media(f"bg/v2/{n}.png", width=1920, height=1080) for n in ("sky", "trees")]
    loaded = stub.import_background(None, stub.LOADED_ICON + "sh010_bgMain", [str(f) for f in v1])
    folder, comp, sky, _hills = loaded.members or []
    assert (loaded.id, loaded.name) == (folder, "\u25bcsh010_bgMain")
    containerise(stub, "bgMain", "sh010_bgMain", loaded, "BackgroundLoader")

    (container,) = ls(stub)
    container.pop("layer")
    reloaded = stub.reload_background(
        container["members"][1], stub.LOADED_ICON + "sh010_bgMain", [str(f) for f in v2]
    )
    container["representation"] = "repre-2"
    container["members"] = reloaded.members
    stub.imprint(reloaded.id, container)

    (record,) = stub.get_metadata()
    assert (record["members"] or [])[:3] == [folder, comp, sky]
    assert record["representation"] == "repre-2"
    assert "objectName" in record  # the reference stored the transient key too


def test_render_creator_create_collect_remove(e2e: E2E, stub: AfterEffectsServerStub) -> None:
    """create_render.RenderCreator.create, collect_render, then remove_instances."""
    comp = e2e.id("sh040_comp")
    stub.select_items([comp])
    (selected,) = stub.get_selected_items(comps=True, folders=False, footages=False)
    assert (selected.id, selected.item_type, selected.path) == (comp, "comp", "")
    data: dict[str, Any] = {
        "id": INSTANCE,
        "instance_id": "4a1f",
        "productType": "render",
        "members": [selected.id],
        "creator_attributes": {"render_target": "local"},
    }
    stub.imprint("4a1f", data)
    stub.rename_item(selected.id, stub.PUBLISH_ICON + "renderMain")
    assert stub.add_comp_to_render_queue(selected.id) is True  # _ensure_comp_in_render_queue
    assert stub.add_comp_to_render_queue(selected.id) is True

    # collect_render
    assert stub.get_app_version()[0:4] == "25.2"
    assert comp in [item.id for item in stub.get_items(True)]
    info = stub.get_comp_properties(comp)
    assert (info.id, info.frameRate) == (comp, e2e.prop(comp, "it.frameRate"))
    assert isinstance(info.frameStart, int)
    assert isinstance(info.framesDuration, int)
    (output,) = stub.get_render_info(comp)
    assert output.file_name is not None
    assert output.width == info.width

    # remove_instances, then pipeline.remove_instance's rename back
    stub.remove_instance("4a1f")
    item = stub.get_item(data["members"][0])
    assert item is not None
    stub.rename_item(item.id, item.name.replace(stub.PUBLISH_ICON, ""))
    assert stub.get_metadata() == []
    assert e2e.prop(comp, "it.name") == "renderMain"


def test_publish_context_is_one_record(stub: AfterEffectsServerStub) -> None:
    """pipeline.update_context_data / get_context_data."""
    for comment in ("first", "second"):
        item = {"comment": comment, "id": "publish_context"}
        stub.imprint(item["id"], item)
    contexts = [r for r in stub.get_metadata() if r["id"] == "publish_context"]
    assert contexts == [{"id": "publish_context", "comment": "second"}]  # no key gained


def test_workfile_save_and_settings(e2e: E2E, stub: AfterEffectsServerStub) -> None:
    """pipeline.save_workfile, get_current_workfile, lib.set_settings, extract_save_scene."""
    dst = e2e.tmp / "work" / "sh010_compositing_v002.aep"
    dst.parent.mkdir()
    stub.saveAs(str(dst), True)
    assert stub.get_active_document_full_name() == str(dst)
    assert stub.get_active_document_name() == dst.name
    (comp,) = stub.get_selected_items(True, False, False)
    stub.set_comp_properties(comp.id, 1001, 48, 24.0, 2048, 858)
    props = stub.get_comp_properties(comp.id)
    assert (props.frameStart, props.framesDuration, props.width) == (1001, 48, 2048)
    stub.save()
    assert stub.is_saved() is True
    assert json.loads(dst.read_text(encoding="utf-8"))  # the simulator's project file


def test_workfile_builder_placeholder(e2e: E2E, stub: AfterEffectsServerStub) -> None:
    """workfile_build.load_placeholder: add_placeholder, imprint, fill, delete."""
    comp = e2e.id("sh050_comp")
    placeholder = stub.add_placeholder("LOADERPLACEHOLDER_plate", 1920, 1060, 25, 10)
    assert isinstance(placeholder, int)
    stub.imprint(placeholder, {"id": "ayon.placeholder", "members": [placeholder], "builder": "x"})
    stub.add_item_as_layer(comp, placeholder)
    footage = e2e.media("plates/sh050.png", width=1920, height=1080)
    loaded = stub.import_file(str(footage), "sh050_plate")
    stub.add_item_instead_placeholder(placeholder, loaded.id)
    metadata = stub.get_metadata()
    for item in metadata:
        if item["members"] and item["members"][0] == placeholder:
            stub.delete_item(item["members"][0])
    stub.remove_instance("ayon.placeholder", metadata)
    assert [layer.get("source_id") for layer in e2e.ae.get_layers(comp_id=comp)][:1] == [loaded.id]


def test_declared_errors_are_value_errors(stub: AfterEffectsServerStub) -> None:
    """The reference raised ValueError; plugins catch it (get_current_workfile, creators)."""
    with pytest.raises(ValueError, match="987654") as raised:
        stub.rename_item(987654, "nobody")
    assert isinstance(raised.value, StubError)
    assert isinstance(raised.value.error, ItemNotFound)
    with pytest.raises(ValueError, match="COMP"):
        stub.add_item("x", "SOLID")
    assert stub.add_item("new_comp", "COMP") > 0
    assert stub.get_audio_url(stub.add_item("silent", "COMP")) is None
