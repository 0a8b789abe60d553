"""Every host method of the schema, called from Python through the whole chain (typed client,
server, websocket, generated panel, evalScript, generated dispatcher, host library) against
the simulated After Effects, with its effect checked on the simulated project.

Each test declares the methods it exercises with ``@COVERAGE.covers``; the ``e2e`` fixture
checks after each test that those methods were really called and returned, and that the undo
groups are balanced. ``test_every_host_method_is_exercised`` compares the registry with the
schema.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from aerpc.aftereffects import (
    CompProperties,
    ImportAsType,
    MetadataEntry,
    ProjectItem,
    RenderQueueItemNotFound,
)

from .conftest import E2E, Coverage, Session, host_methods, load_schema, manifest_version

COVERAGE = Coverage()
covers = COVERAGE.covers

SCHEMA = load_schema()
SHOTS = [f"sh{n:03d}" for n in range(10, 130, 10)]


def by_id(items: list[ProjectItem]) -> dict[int, ProjectItem]:
    return {item["id"]: item for item in items}


def sim_items(e2e: E2E) -> list[dict[str, Any]]:
    """Every project item as the simulator has it, in Project-panel order."""
    items: list[dict[str, Any]] = e2e.js(
        "(function () { var p = app.project, out = [], it, i;"
        " for (i = 1; i <= p.numItems; i += 1) { it = p.item(i);"
        "  out.push({id: it.id, name: it.name, label: it.label, selected: it.selected,"
        "   type: it instanceof CompItem ? 'comp'"
        "    : it instanceof FolderItem ? 'folder' : 'footage',"
        "   parent: it.parentFolder.id === p.rootFolder.id ? null : it.parentFolder.id}); }"
        " return out; })()"
    )
    return items


def names(items: list[ProjectItem]) -> set[str]:
    return {item["name"] for item in items}


# -- the project file --------------------------------------------------------------------------


@covers("open", "get_project_state", "get_items")
def test_open_with_discard_unsaved_replaces_the_project(e2e: E2E) -> None:
    other = e2e.tmp / "other shot_v002.aep"
    e2e.setup(
        '__e2e.find("sh010_comp").name = "sh010_comp_in_other";'
        f" __sim.saveProjectTo({json.dumps(str(other))});"
        ' __e2e.find("sh010_comp_in_other").name = "sh010_comp";'
        ' __e2e.find("sh020_comp").name = "unsaved_change";'
    )
    assert e2e.ae.get_project_state()["is_saved"] is False

    e2e.ae.open(path=str(other), discard_unsaved=True)

    state = e2e.ae.get_project_state()
    assert state["full_name"] == str(other)
    assert state["name"] == "other shot_v002.aep"
    assert state["is_open"] is True
    assert state["is_saved"] is True
    comps = names(e2e.ae.get_items(comps=True))
    assert "sh010_comp_in_other" in comps
    assert "sh020_comp" in comps
    assert "unsaved_change" not in comps
    assert e2e.js("__sim.dialogs") == []  # no save prompt: the change was discarded
    assert "unsaved_change" not in e2e.project_file.read_text(encoding="utf-8")


@covers("save", "get_project_state", "rename_item")
def test_save_writes_the_project_file(e2e: E2E) -> None:
    comp = e2e.id("sh030_comp")
    e2e.ae.rename_item(item_id=comp, name="sh030_comp_saved")
    assert e2e.ae.get_project_state()["is_saved"] is False
    before = e2e.project_file.stat().st_mtime_ns

    e2e.ae.save()

    assert e2e.ae.get_project_state()["is_saved"] is True
    assert e2e.js("__sim.counters.saves") == 1
    saved = json.loads(e2e.project_file.read_text(encoding="utf-8"))
    assert {"id": comp, "name": "sh030_comp_saved"}.items() <= next(
        record for record in saved["items"] if record["id"] == comp
    ).items()
    assert e2e.project_file.stat().st_mtime_ns >= before


@covers(
    "save_as",
    "get_project_state",
    "get_active_document_full_name",
    "get_active_document_name",
    "rename_item",
)
def test_save_as_points_the_project_at_the_new_file(e2e: E2E) -> None:
    pristine = e2e.project_file.read_bytes()
    e2e.ae.rename_item(item_id=e2e.id("sh040_comp"), name="sh040_comp_v002")
    target = e2e.tmp / "versions" / "aerpc démo v002.aep"
    target.parent.mkdir()

    e2e.ae.save_as(path=str(target))

    assert e2e.ae.get_active_document_full_name() == str(target)
    state = e2e.ae.get_project_state()
    assert state["name"] == "aerpc démo v002.aep"
    assert e2e.ae.get_active_document_name() == "aerpc démo v002.aep"
    assert state["is_saved"] is True
    assert "sh040_comp_v002" in target.read_text(encoding="utf-8")
    assert e2e.project_file.read_bytes() == pristine  # the old file is left alone


@covers("save_as", "get_project_state", "get_active_document_full_name")
@pytest.mark.parametrize("dirty", [True, False], ids=["unsaved-changes", "saved"])
def test_save_as_copy_keeps_the_project_and_its_state(e2e: E2E, dirty: bool) -> None:
    pristine = e2e.project_file.read_bytes()
    if dirty:
        e2e.ae.rename_item(item_id=e2e.id("sh050_comp"), name="sh050_comp_in_copy")
    copy = e2e.tmp / "backup copy.aep"

    e2e.ae.save_as(path=str(copy), as_copy=True)

    assert ("sh050_comp_in_copy" in copy.read_text(encoding="utf-8")) is dirty
    assert e2e.ae.get_active_document_full_name() == str(e2e.project_file)
    assert e2e.ae.get_project_state()["is_saved"] is not dirty
    assert e2e.project_file.read_bytes() == pristine
    expected = "sh050_comp_in_copy" if dirty else "sh050_comp"
    assert e2e.prop(e2e.id(expected), "it.name") == expected


@covers("get_active_document_full_name", "get_active_document_name")
def test_active_document_names(e2e: E2E) -> None:
    assert e2e.ae.get_active_document_full_name() == str(e2e.project_file)
    assert e2e.ae.get_active_document_name() == "aerpc_demo_v001.aep"
    assert Path(e2e.ae.get_active_document_full_name()).is_file()


@covers("get_project_state")
def test_project_state_of_the_demo_project(e2e: E2E) -> None:
    state = e2e.ae.get_project_state()
    assert state == {
        "is_open": True,
        "is_saved": True,
        "full_name": str(e2e.project_file),
        "name": "aerpc_demo_v001.aep",
        "num_items": e2e.js("app.project.numItems"),
        "bits_per_channel": 8,
        "active_comp_id": e2e.js("app.project.activeItem && app.project.activeItem.id"),
    }


@covers("get_project_state")
def test_project_state_of_an_untitled_project(e2e: E2E) -> None:
    e2e.setup('app.newProject(); app.project.items.addFolder("only");')
    state = e2e.ae.get_project_state()
    assert state["is_open"] is False
    assert state["is_saved"] is False  # untitled with items
    assert state["full_name"] is None
    assert state["name"] is None
    assert state["num_items"] == 1
    assert state["active_comp_id"] is None


# -- pipeline metadata ---------------------------------------------------------------------


@covers("get_metadata")
def test_get_metadata_reads_the_stored_records(e2e: E2E) -> None:
    comp, plate = e2e.id("sh010_comp"), e2e.id("sh010_plate_v002.mov")
    assert e2e.ae.get_metadata() == []
    stored = [
        {
            "id": "ayon.load.container",
            "name": "plate",
            "loader": "FileLoader",
            "members": [str(plate)],
        },
        {"no_id": True},
        {"id": "publish_context", "comment": "wip"},
        {"id": "ayon.create.instance", "instance_id": "i-1", "variant": "Main", "members": [comp]},
    ]
    e2e.js(f"__e2e.writeLabel({json.dumps(json.dumps(stored))})")

    assert e2e.ae.get_metadata() == [
        {
            "id": "ayon.load.container",
            "members": [plate],
            "data": {"name": "plate", "loader": "FileLoader"},
        },
        {"id": "publish_context", "members": [], "data": {"comment": "wip"}},
        {
            "id": "ayon.create.instance",
            "instance_id": "i-1",
            "members": [comp],
            "data": {"variant": "Main"},
        },
    ]


@covers("imprint", "get_metadata", "delete_item")
def test_imprint_upserts_by_instance_member_or_id(e2e: E2E) -> None:
    comp, plate = e2e.id("sh010_comp"), e2e.id("sh010_plate_v002.mov")
    instance: MetadataEntry = {
        "id": "ayon.create.instance",
        "instance_id": "8c5b1f0e",
        "members": [comp],
        "data": {"productType": "render", "variant": "Main", "active": True, "note": 'a "q" \\ é'},
    }
    container: MetadataEntry = {
        "id": "ayon.load.container",
        "members": [plate],
        "data": {"name": "plate", "representation": "r1"},
    }
    context: MetadataEntry = {"id": "publish_context", "members": [], "data": {"comment": "first"}}
    for entry in (instance, container, context):
        e2e.ae.imprint(entry=entry)
    assert e2e.ae.get_metadata() == [instance, container, context]

    # Partial updates merge into the matching record, as the reference's imprint did.
    instance2: MetadataEntry = {**instance, "data": {"variant": "Other"}}
    container2: MetadataEntry = {**container, "data": {"representation": "r2"}}
    context2: MetadataEntry = {"id": "publish_context", "members": [], "data": {"comment": "2nd"}}
    for entry in (instance2, container2, context2, context2):
        e2e.ae.imprint(entry=entry)
    merged_instance: MetadataEntry = {
        **instance,
        "data": {**instance["data"], "variant": "Other"},
    }
    merged_container: MetadataEntry = {
        **container,
        "data": {"name": "plate", "representation": "r2"},
    }
    assert e2e.ae.get_metadata() == [merged_instance, merged_container, context2]

    raw = json.loads(e2e.js("__e2e.readLabel()"))
    assert raw[0] == {
        "id": "ayon.create.instance",
        "instance_id": "8c5b1f0e",
        "productType": "render",
        "variant": "Other",
        "active": True,
        "note": 'a "q" \\ é',
        "members": [comp],
    }

    e2e.ae.delete_item(item_id=plate)
    e2e.ae.imprint(entry=context)
    # the orphaned container is dropped; the context's comment is merged back to "first"
    assert e2e.ae.get_metadata() == [merged_instance, context]


@covers("remove_instance", "get_metadata")
def test_remove_instance_forgets_the_instance(e2e: E2E) -> None:
    comp = e2e.id("sh010_comp")
    stored = [
        {"id": "ayon.create.instance", "instance_id": "a", "members": [comp]},
        {"id": "ayon.create.instance", "instance_id": "b", "members": [comp]},
        {"id": "pyblish.avalon.instance", "uuid": "legacy-1", "members": [comp]},
        "junk kept in storage",
    ]
    e2e.js(f"__e2e.writeLabel({json.dumps(json.dumps(stored))})")

    e2e.ae.remove_instance(instance_id="a")
    assert [entry.get("instance_id") for entry in e2e.ae.get_metadata()] == ["b", None]
    e2e.ae.remove_instance(instance_id="legacy-1")
    assert [entry.get("instance_id") for entry in e2e.ae.get_metadata()] == ["b"]

    mutations = e2e.mutations()
    e2e.ae.remove_instance(instance_id="a")  # not stored: a no-op
    assert e2e.mutations() == mutations
    assert json.loads(e2e.js("__e2e.readLabel()")) == [stored[1], stored[3]]


@covers("remove_metadata", "delete_item")
def test_remove_metadata_forgets_the_containers_of_an_item(e2e: E2E) -> None:
    comp, plate = e2e.id("sh010_comp"), e2e.id("sh010_plate_v002.mov")
    stored = [
        {"id": "ayon.load.container", "name": "plate", "members": [str(plate)]},
        {"id": "ayon.create.instance", "instance_id": str(plate), "members": [comp]},
        {"id": "ayon.load.container", "name": "comp", "members": [comp]},
    ]
    e2e.js(f"__e2e.writeLabel({json.dumps(json.dumps(stored))})")

    # a loader's remove: forget the container, then delete the item
    assert e2e.ae.remove_metadata(item_id=plate) == 1
    e2e.ae.delete_item(item_id=plate)
    assert json.loads(e2e.js("__e2e.readLabel()")) == stored[1:]
    mutations = e2e.mutations()
    assert e2e.ae.remove_metadata(item_id=plate) == 0  # gone already: a no-op
    assert e2e.mutations() == mutations


def test_metadata_round_trip_through_the_async_client(e2e: E2E) -> None:
    comp = e2e.id("sh020_comp")
    entry: MetadataEntry = {
        "id": "ayon.create.instance",
        "instance_id": "async-1",
        "members": [comp],
        "data": {"nested": {"list": [1, 2.5, None, "x"]}, "unicode": "ショット"},
    }

    async def main() -> list[MetadataEntry]:
        await e2e.aae.imprint(entry=entry)
        return await e2e.aae.get_metadata()

    assert asyncio.run(main()) == [entry]


# -- scripts, application ------------------------------------------------------------------


@covers("run_jsx_file", "get_items")
def test_run_jsx_file_returns_the_completion_value(e2e: E2E) -> None:
    script = e2e.tmp / "make folder.jsx"
    script.write_text(
        'app.beginUndoGroup("e2e script");\n'
        'var made = app.project.items.addFolder("made_by_script");\n'
        "app.endUndoGroup();\n"
        '({folder: made.id, count: app.project.numItems, nested: [1, "two", null, true]});\n',
        encoding="utf-8",
    )
    value = e2e.ae.run_jsx_file(path=str(script))
    assert isinstance(value, dict)
    assert value["nested"] == [1, "two", None, True]
    assert value["count"] == e2e.js("app.project.numItems")
    folder = by_id(e2e.ae.get_items(folders=True))[int(str(value["folder"]))]
    assert folder["name"] == "made_by_script"

    quiet = e2e.tmp / "quiet.jsx"
    quiet.write_text("var unused = 1;\n", encoding="utf-8")
    assert e2e.ae.run_jsx_file(path=str(quiet)) is None


@covers("get_app_version")
def test_get_app_version(e2e: E2E) -> None:
    assert e2e.ae.get_app_version() == e2e.js("app.version") == "25.2x4"
    assert asyncio.run(e2e.aae.get_app_version()) == "25.2x4"


@covers("get_extension_version")
def test_get_extension_version_is_the_manifest_version(e2e: E2E) -> None:
    assert e2e.ae.get_extension_version() == manifest_version()


@covers("print_msg")
def test_print_msg_shows_an_alert(e2e: E2E) -> None:
    message = 'Resolution set for "sh010_comp".\nLine 2 \\ ünïcode ✓ \u2028 🎬'
    e2e.ae.print_msg(msg=message)
    assert e2e.js("__sim.alerts.map(function (a) { return a.message; })") == [message]


@covers("close")
def test_close_closes_the_project_and_quits(own_session: Session, tmp_path: Path) -> None:
    e2e = E2E(own_session, tmp_path)
    e2e.setup('__e2e.find("sh010_comp").name = "unsaved";')
    e2e.ae.close()
    assert e2e.js("app.project.file") is None
    assert e2e.js("app.project.numItems") == 0
    assert e2e.js("__sim.dialogs") == []
    assert e2e.js("__sim.tasks.map(function (t) { return t.code; })") == ["app.quit();"]
    e2e.js("__sim.runScheduledTasks()")
    assert e2e.js("__sim.quitRequested") is True
    assert "unsaved" not in e2e.project_file.read_text(encoding="utf-8")
    e2e.check_after_test(("close",))


# -- items -------------------------------------------------------------------------------------

FLAGS = [
    pytest.param({"comps": True}, {"comp"}, id="comps"),
    pytest.param({"folders": True}, {"folder"}, id="folders"),
    pytest.param({"footages": True}, {"footage"}, id="footages"),
    pytest.param({"comps": True, "footages": True}, {"comp", "footage"}, id="comps+footages"),
    pytest.param(
        {"comps": True, "folders": True, "footages": True}, {"comp", "folder", "footage"}, id="all"
    ),
    pytest.param({}, set(), id="none"),
]


@covers("get_items")
@pytest.mark.parametrize(("flags", "kinds"), FLAGS)
def test_get_items_lists_the_requested_kinds(
    e2e: E2E, flags: dict[str, bool], kinds: set[str]
) -> None:
    items = e2e.ae.get_items(**flags)
    expected = [item for item in sim_items(e2e) if item["type"] in kinds]
    assert [(i["id"], i["name"], i["type"], i["parent_folder_id"]) for i in items] == [
        (i["id"], i["name"], i["type"], i["parent"]) for i in expected
    ]


@covers("get_items")
def test_get_items_reports_paths_and_usage(e2e: E2E) -> None:
    items = by_id(e2e.ae.get_items(comps=True, folders=True, footages=True))
    assert len([i for i in items.values() if i["type"] == "comp"]) == 3 * len(SHOTS) + 3
    comp = items[e2e.id("sh010_comp")]
    assert comp["containing_comps"] == [e2e.id("edit_v003")]
    assert comp["parent_folder_id"] == e2e.id("sh010")
    assert comp["path"] is None
    grain = items[e2e.id("grain_35mm.mov")]
    assert sorted(grain["containing_comps"]) == sorted(e2e.id(f"{s}_comp") for s in SHOTS)
    assert grain["path"] is not None
    assert Path(grain["path"]).is_file()
    roto = items[e2e.id("sh010_roto.[0001-0004].png")]
    assert roto["path"] is not None
    assert Path(roto["path"]).name == "sh010_roto.0001.png"
    assert items[e2e.id("sh010_grade")]["path"] is None  # a solid
    assert items[e2e.id("Solids")]["parent_folder_id"] is None


@covers("select_items", "get_selected_items")
def test_select_items_selects_exactly_the_given_items(e2e: E2E) -> None:
    comp, plate, folder = e2e.id("sh030_comp"), e2e.id("sh010_plate_v002.mov"), e2e.id("02_shots")
    assert [i["id"] for i in e2e.ae.get_selected_items(comps=True)] == [e2e.id("sh010_comp")]

    e2e.ae.select_items(item_ids=[plate, comp, folder])

    selected = {i["id"] for i in sim_items(e2e) if i["selected"]}
    assert selected == {comp, plate, folder}
    everything = e2e.ae.get_selected_items(comps=True, folders=True, footages=True)
    assert [i["id"] for i in everything] == e2e.js(
        "__e2e.map(app.project.selection, function (it) { return it.id; })"
    )
    assert {i["id"] for i in everything} == {comp, plate, folder}
    assert [i["id"] for i in e2e.ae.get_selected_items(comps=True)] == [comp]
    assert [i["id"] for i in e2e.ae.get_selected_items(footages=True)] == [plate]
    assert [i["id"] for i in e2e.ae.get_selected_items(folders=True)] == [folder]
    assert e2e.ae.get_selected_items() == []

    e2e.ae.select_items(item_ids=[])
    assert e2e.ae.get_selected_items(comps=True, folders=True, footages=True) == []
    assert not any(i["selected"] for i in sim_items(e2e))


@covers("add_item", "get_items", "get_comp_properties")
def test_add_item_creates_a_comp_with_placeholder_settings(e2e: E2E) -> None:
    comp = e2e.ae.add_item(name="new comp", item_type="comp")
    item = by_id(e2e.ae.get_items(comps=True))[comp]
    assert item["name"] == "new comp"
    assert item["parent_folder_id"] is None
    properties = e2e.ae.get_comp_properties(comp_id=comp)
    assert (properties["width"], properties["height"]) == (1920, 1080)
    assert properties["frame_rate"] == 25
    assert properties["frames_duration"] == 250
    assert properties["pixel_aspect"] == 1


@covers("add_item", "get_items")
def test_add_item_creates_a_folder(e2e: E2E) -> None:
    folder = e2e.ae.add_item(name="05_delivery", item_type="folder")
    item = by_id(e2e.ae.get_items(folders=True))[folder]
    assert (item["name"], item["type"], item["parent_folder_id"]) == ("05_delivery", "folder", None)
    assert e2e.prop(folder, "it instanceof FolderItem") is True


@covers("rename_item", "get_items", "get_comp_properties")
@pytest.mark.parametrize(
    "name",
    [
        "sh010_comp_v002",
        "℗ sh010_comp",
        'quote " backslash \\ slash / newline \n tab \t end',
        "</script> \u2028 \u2029 ${x} %s 🎬 ショット",
    ],
    ids=["plain", "marker", "escapes", "separators"],
)
def test_rename_item(e2e: E2E, name: str) -> None:
    comp = e2e.id("sh010_comp")
    e2e.ae.rename_item(item_id=comp, name=name)
    assert by_id(e2e.ae.get_items(comps=True))[comp]["name"] == name
    assert e2e.ae.get_comp_properties(comp_id=comp)["name"] == name
    assert e2e.prop(comp, "it.name") == name


@covers("delete_item", "get_items", "get_layers")
def test_delete_item_removes_a_folder_with_its_contents(e2e: E2E) -> None:
    folder, comp = e2e.id("sh120"), e2e.id("sh120_comp")
    edit = e2e.id("edit_v003")
    contents = [i["id"] for i in sim_items(e2e) if i["parent"] == folder]
    layers = len(e2e.ae.get_layers(comp_id=edit))

    e2e.ae.delete_item(item_id=folder)

    remaining = by_id(e2e.ae.get_items(comps=True, folders=True, footages=True))
    assert folder not in remaining
    assert comp not in remaining
    assert not set(contents) & set(remaining)
    after = e2e.ae.get_layers(comp_id=edit)
    assert len(after) == layers - 1
    assert comp not in {layer["source_id"] for layer in after}


@covers("delete_item", "get_layers")
def test_delete_item_removes_footage_and_its_layers(e2e: E2E) -> None:
    comp, sky = e2e.id("sh010_comp"), e2e.id("sh010_sky.exr")
    e2e.ae.delete_item(item_id=sky)
    assert not e2e.exists(sky)
    assert sky not in {layer["source_id"] for layer in e2e.ae.get_layers(comp_id=comp)}


@covers("set_label_color")
@pytest.mark.parametrize("label", [0, 9, 16])
def test_set_label_color(e2e: E2E, label: int) -> None:
    item = e2e.id("sh010_plate_v002.mov")
    e2e.ae.set_label_color(item_id=item, label=label)
    assert e2e.prop(item, "it.label") == label


# -- importing and replacing footage ---------------------------------------------------------


@covers("import_file", "get_items")
def test_import_file_as_footage_into_a_folder(e2e: E2E) -> None:
    path = e2e.media("logos/logo new.png", width=640, height=360, alpha=True)
    folder = e2e.id("logos")

    result = e2e.ae.import_file(path=str(path), name="logo_new", parent_folder_id=folder)

    assert result["name"] == "logo_new"
    item = by_id(e2e.ae.get_items(footages=True))[result["id"]]
    assert item["path"] == str(path)
    assert item["parent_folder_id"] == folder
    assert item["name"] == "logo_new"
    assert e2e.prop(result["id"], "[it.label, it.width, it.height, it.mainSource.isStill]") == [
        9,
        640,
        360,
        True,
    ]


@covers("import_file")
def test_import_file_conforms_the_frame_rate(e2e: E2E) -> None:
    path = e2e.media("plates/sh130_plate_v001.mov", width=2048, height=858, fps=24, frames=48)
    result = e2e.ae.import_file(
        path=str(path), name="sh130_plate", import_options={"import_as": "footage", "fps": 23.976}
    )
    assert e2e.prop(result["id"], "it.mainSource.conformFrameRate") == 23.976
    assert e2e.prop(result["id"], "it.parentFolder.id === app.project.rootFolder.id") is True


@covers("import_file", "get_items")
@pytest.mark.parametrize("sequence", [True, False])
def test_import_file_as_an_image_sequence_or_a_still(e2e: E2E, sequence: bool) -> None:
    frames = [e2e.media(f"roto/sh130_roto.{n:04d}.png", width=1920, height=1080) for n in (1, 2, 3)]
    result = e2e.ae.import_file(
        path=str(frames[0]), name="sh130_roto", import_options={"sequence": sequence, "fps": 25}
    )
    item = by_id(e2e.ae.get_items(footages=True))[result["id"]]
    assert item["path"] == str(frames[0])
    assert item["name"] == "sh130_roto"
    still, rate, duration = e2e.prop(
        result["id"], "[it.mainSource.isStill, it.mainSource.conformFrameRate, it.duration]"
    )
    assert still is (not sequence)
    if sequence:
        assert rate == 25
        assert duration == pytest.approx(3 / 25)


@covers("import_file", "get_items", "get_layers")
@pytest.mark.parametrize(("import_as", "kind"), [("comp", "comp"), ("comp_cropped_layers", "comp")])
def test_import_file_a_layered_file_as_a_comp(e2e: E2E, import_as: ImportAsType, kind: str) -> None:
    path = e2e.media("design/lower third.psd", width=1920, height=1080)
    result = e2e.ae.import_file(
        path=str(path), name="lower_third_design", import_options={"import_as": import_as}
    )
    item = by_id(e2e.ae.get_items(comps=True))[result["id"]]
    assert (item["type"], item["name"]) == (kind, "lower_third_design")
    assert len(e2e.ae.get_layers(comp_id=result["id"])) == 2


@covers("import_file", "get_items")
def test_import_file_a_project(e2e: E2E) -> None:
    path = e2e.tmp / "library.aep"
    path.write_bytes(e2e.session.pristine.read_bytes())
    count = e2e.js("app.project.numItems")
    result = e2e.ae.import_file(
        path=str(path), name="library", import_options={"import_as": "project"}
    )
    items = e2e.ae.get_items(comps=True, folders=True, footages=True)
    assert (by_id(items)[result["id"]]["type"], result["name"]) == ("folder", "library")
    assert len(items) == 2 * count + 1


@covers("replace_item", "get_items", "get_layers")
def test_replace_item_points_footage_at_a_new_file(e2e: E2E) -> None:
    plate, comp = e2e.id("sh010_plate_v002.mov"), e2e.id("sh010_comp")
    new = e2e.media("plates/sh010_plate_v003.mov", width=2048, height=858, fps=24, frames=64)
    for _ in range(2):  # idempotent
        e2e.ae.replace_item(item_id=plate, path=str(new), name="sh010_plate_v003")
        item = by_id(e2e.ae.get_items(footages=True))[plate]
        assert (item["path"], item["name"]) == (str(new), "sh010_plate_v003")
        assert e2e.prop(plate, "[it.width, it.height, it.duration]") == [2048, 858, 64 / 24]
    assert plate in {layer["source_id"] for layer in e2e.ae.get_layers(comp_id=comp)}


@covers("replace_item", "get_items")
def test_replace_item_keeps_an_image_sequence_a_sequence(e2e: E2E) -> None:
    roto = e2e.id("sh010_roto.[0001-0004].png")
    frames = [e2e.media(f"roto_v2/sh010_roto_v2.{n:04d}.png") for n in range(1, 7)]
    e2e.ae.replace_item(item_id=roto, path=str(frames[0]), name="sh010_roto_v2")
    item = by_id(e2e.ae.get_items(footages=True))[roto]
    assert (item["path"], item["name"]) == (str(frames[0]), "sh010_roto_v2")
    assert e2e.prop(roto, "it.mainSource.isStill") is False
    assert e2e.prop(roto, "Math.round(it.duration * it.frameRate)") == 6


# -- compositions and layers ---------------------------------------------------------------


def sim_comp(e2e: E2E, comp: int) -> CompProperties:
    properties: CompProperties = e2e.prop(
        comp,
        "{id: it.id, name: it.name, frame_start: it.displayStartFrame,"
        " frames_duration: Math.round(it.duration * it.frameRate), frame_rate: it.frameRate,"
        " width: it.width, height: it.height, pixel_aspect: it.pixelAspect}",
    )
    return properties


@covers("get_comp_properties")
@pytest.mark.parametrize("name", ["sh010_comp", "sh020_comp", "edit_v003", "lower_third"])
def test_get_comp_properties(e2e: E2E, name: str) -> None:
    comp = e2e.id(name)
    properties = e2e.ae.get_comp_properties(comp_id=comp)
    assert properties == sim_comp(e2e, comp)
    if name == "sh010_comp":
        assert properties["frame_start"] == 1001
        assert properties["frame_rate"] == 24
        assert properties["frames_duration"] == 48


def test_get_comp_properties_of_every_shot_through_the_async_client(e2e: E2E) -> None:
    comps = [e2e.id(f"{shot}_comp") for shot in SHOTS]

    async def main() -> list[CompProperties]:
        return list(await asyncio.gather(*(e2e.aae.get_comp_properties(comp_id=c) for c in comps)))

    assert asyncio.run(main()) == [sim_comp(e2e, comp) for comp in comps]


POSITIONS = (
    "(function (c) { var out = [], l, i, k, keys;"
    " for (i = 1; i <= c.numLayers; i += 1) { l = c.layer(i); keys = [];"
    "  for (k = 1; k <= l.position.numKeys; k += 1) keys.push(l.position.keyValue(k));"
    "  out.push({parent: l.parent !== null, value: l.position.value, keys: keys}); }"
    " return out; })(it)"
)


@covers("set_comp_properties", "get_comp_properties")
def test_set_comp_properties_applies_every_value_and_recentres_layers(e2e: E2E) -> None:
    comp = e2e.id("sh010_comp")
    before = e2e.prop(comp, POSITIONS)

    e2e.ae.set_comp_properties(
        comp_id=comp, frame_start=1009, frames_duration=96, frame_rate=25, width=2048, height=858
    )

    properties = e2e.ae.get_comp_properties(comp_id=comp)
    assert {k: v for k, v in properties.items() if k not in ("id", "name", "pixel_aspect")} == {
        "frame_start": 1009,
        "frames_duration": 96,
        "frame_rate": 25,
        "width": 2048,
        "height": 858,
    }
    dx, dy = (2048 - 1920) / 2, (858 - 1080) / 2
    after = e2e.prop(comp, POSITIONS)
    for old, new in zip(before, after, strict=True):
        if old["parent"]:
            assert new == old  # moves with its parent
        elif old["keys"]:
            assert new["keys"] == [[x + dx, y + dy, *rest] for x, y, *rest in old["keys"]]
        else:
            x, y, *rest = old["value"]
            assert new["value"] == [x + dx, y + dy, *rest]


@covers("set_comp_properties", "get_comp_properties")
def test_set_comp_properties_applies_a_start_of_zero_alone(e2e: E2E) -> None:
    comp = e2e.id("sh020_comp")
    before = e2e.ae.get_comp_properties(comp_id=comp)
    e2e.ae.set_comp_properties(comp_id=comp, frame_start=0)
    assert e2e.ae.get_comp_properties(comp_id=comp) == {**before, "frame_start": 0}


@covers("set_comp_properties", "get_comp_properties")
def test_set_comp_properties_frame_rate_alone_keeps_the_frame_numbers(e2e: E2E) -> None:
    comp = e2e.id("sh030_comp")
    before = e2e.ae.get_comp_properties(comp_id=comp)
    e2e.ae.set_comp_properties(comp_id=comp, frame_rate=30)
    assert e2e.ae.get_comp_properties(comp_id=comp) == {**before, "frame_rate": 30}


@covers("get_layers")
def test_get_layers_of_a_shot_comp(e2e: E2E) -> None:
    comp = e2e.id("sh010_comp")
    layers = e2e.ae.get_layers(comp_id=comp)
    assert [layer["index"] for layer in layers] == list(range(1, 10))
    assert [(layer["name"], layer["type"]) for layer in layers[:3]] == [
        ("CTRL", "null"),
        ("sh010_grade", "adjustment"),
        ("grain_35mm.mov", "av"),
    ]
    plate = next(layer for layer in layers if layer["source_id"] == e2e.id("sh010_plate_v002.mov"))
    assert plate["parent_index"] == 1
    reference = layers[-1]
    assert (reference["source_id"], reference["enabled"]) == (e2e.id("sh010_ref.mov"), False)
    assert [
        [layer["name"], layer["enabled"], layer["in_point"], layer["out_point"]] for layer in layers
    ] == e2e.prop(
        comp,
        "(function (c) { var out = [], l, i; for (i = 1; i <= c.numLayers; i += 1) {"
        " l = c.layer(i); out.push([l.name, l.enabled, l.inPoint, l.outPoint]); }"
        " return out; })(it)",
    )


@covers("get_layers")
def test_get_layers_reports_every_layer_type(e2e: E2E) -> None:
    comp = e2e.setup(
        'var c = app.project.items.addComp("types", 1920, 1080, 1, 5, 25);'
        ' c.layers.addText("title"); c.layers.addShape(); c.layers.addCamera("cam", [960, 540]);'
        ' c.layers.addLight("key", [960, 540]); return c.id;'
    )
    layers = asyncio.run(e2e.aae.get_layers(comp_id=comp))
    assert [(layer["type"], layer["source_id"]) for layer in layers] == [
        ("light", None),
        ("camera", None),
        ("shape", None),
        ("text", None),
    ]


@covers("add_item_as_layer", "get_layers")
@pytest.mark.parametrize("source", ["dirt_01.png", "lower_third"])
def test_add_item_as_layer(e2e: E2E, source: str) -> None:
    comp, item = e2e.id("sh030_comp"), e2e.id(source)
    count = len(e2e.ae.get_layers(comp_id=comp))
    layer = e2e.ae.add_item_as_layer(comp_id=comp, item_id=item)
    assert (layer["index"], layer["source_id"], layer["type"]) == (1, item, "av")
    layers = e2e.ae.get_layers(comp_id=comp)
    assert len(layers) == count + 1
    assert layers[0] == layer
    assert comp in e2e.prop(item, "__e2e.map(it.usedIn, function (c) { return c.id; })")


@covers("add_placeholder", "get_items")
def test_add_placeholder(e2e: E2E) -> None:
    item = e2e.ae.add_placeholder(
        name="ph_plate", width=2048, height=858, frame_rate=23.976, duration=4.5
    )
    listed = by_id(e2e.ae.get_items(footages=True))[item]
    assert (listed["name"], listed["path"], listed["parent_folder_id"]) == ("ph_plate", None, None)
    assert e2e.prop(
        item, "[it instanceof PlaceholderItem, it.width, it.height, it.frameRate, it.duration]"
    ) == [True, 2048, 858, 23.976, 4.5]


@covers("add_placeholder", "add_item_as_layer", "add_item_instead_placeholder", "get_layers")
def test_add_item_instead_placeholder_fills_every_slot(e2e: E2E) -> None:
    placeholder = e2e.ae.add_placeholder(
        name="ph_bg", width=1920, height=1080, frame_rate=24, duration=2
    )
    comps = [e2e.id("sh030_comp"), e2e.id("sh040_comp")]
    for comp in comps:
        e2e.ae.add_item_as_layer(comp_id=comp, item_id=placeholder)
    e2e.setup(
        f"var l = __e2e.item({comps[0]}).layer(1);"
        " l.position.setValue([100, 200]); l.scale.setValue([50, 50]); l.rotation.setValue(15);"
    )
    item = e2e.id("sh010_bg_v002.png")

    assert e2e.ae.add_item_instead_placeholder(placeholder_item_id=placeholder, item_id=item) == 2

    for comp in comps:
        layers = e2e.ae.get_layers(comp_id=comp)
        assert [layers[0]["source_id"], layers[1]["source_id"]] == [placeholder, item]
    transform = "(function (l) { return [l.position.value, l.scale.value, l.rotation.value]; })"
    slot = e2e.prop(comps[0], f"{transform}(it.layer(1))")
    assert slot[0][:2] == [100, 200]
    assert slot[1][:2] == [50, 50]
    assert slot[2] == 15
    assert e2e.prop(comps[0], f"{transform}(it.layer(2))") == slot

    unused = e2e.ae.add_placeholder(
        name="ph_unused", width=64, height=64, frame_rate=25, duration=1
    )
    assert e2e.ae.add_item_instead_placeholder(placeholder_item_id=unused, item_id=item) == 0


@covers("get_audio_url")
@pytest.mark.parametrize(
    ("comp", "audio"),
    [
        ("sh010_comp", "sh010_ref.mov"),
        ("edit_v003", "edit_temp_mix.wav"),
        ("sh010_slate", None),
        ("sh010_fg_precomp", "sh010_fx_smoke.mov"),
    ],
)
def test_get_audio_url(e2e: E2E, comp: str, audio: str | None) -> None:
    path = e2e.ae.get_audio_url(comp_id=e2e.id(comp))
    if audio is None:
        assert path is None
    else:
        assert path == e2e.prop(e2e.id(audio), "it.file.fsName")
        assert path is not None
        assert Path(path).is_file()


@covers("import_background", "get_items", "get_layers", "get_comp_properties")
def test_import_background_builds_a_folder_and_comp(e2e: E2E) -> None:
    files = [
        e2e.media("bg/bg_far.png", width=2048, height=858),
        e2e.media("bg/bg_near.png", width=2048, height=858),
    ]
    result = e2e.ae.import_background(name="sh010_bg", paths=[str(f) for f in files])

    folder, comp, *footage = result["members"]
    assert (result["id"], result["comp_id"], result["name"]) == (folder, comp, "sh010_bg")
    items = by_id(e2e.ae.get_items(comps=True, folders=True, footages=True))
    assert (items[folder]["name"], items[folder]["type"]) == ("sh010_bg", "folder")
    assert (items[comp]["name"], items[comp]["parent_folder_id"]) == ("sh010_bg", folder)
    assert [items[f]["path"] for f in footage] == [str(f) for f in files]
    assert [items[f]["name"] for f in footage] == ["bg_far", "bg_near"]
    assert all(items[f]["parent_folder_id"] == folder for f in footage)
    assert {layer["source_id"] for layer in e2e.ae.get_layers(comp_id=comp)} == set(footage)
    properties = e2e.ae.get_comp_properties(comp_id=comp)
    assert (properties["width"], properties["height"], properties["frame_rate"]) == (2048, 858, 25)


@covers("import_background", "get_layers")
def test_import_background_into_an_existing_comp(e2e: E2E) -> None:
    comp, folder = e2e.id("sh030_comp"), e2e.id("sh030")
    count = len(e2e.ae.get_layers(comp_id=comp))
    file = e2e.media("bg/sh030_matte.png", width=1920, height=1080)
    result = e2e.ae.import_background(comp_id=comp, name="ignored", paths=[str(file)])
    assert result["members"][:2] == [folder, comp]
    assert result["name"] == "sh030_comp"
    assert len(e2e.ae.get_layers(comp_id=comp)) == count + 1
    assert e2e.prop(result["members"][2], "it.parentFolder.id") == folder


@covers("import_background", "reload_background", "get_items", "get_layers")
def test_reload_background_updates_replaces_adds_and_removes(e2e: E2E) -> None:
    v1 = [e2e.media(f"v1/{n}.png", width=1920, height=1080) for n in ("sky", "hills")]
    first = e2e.ae.import_background(name="bg_v001", paths=[str(f) for f in v1])
    folder, comp, sky, hills = first["members"]
    v2 = [e2e.media(f"v2/{n}.png", width=1920, height=1080) for n in ("sky", "trees")]

    results = [
        e2e.ae.reload_background(comp_id=comp, name="bg_v002", paths=[str(f) for f in v2])
        for _ in range(2)  # idempotent
    ]

    assert results[0] == results[1]
    result = results[0]
    assert result["members"][:3] == [folder, comp, sky]
    trees = result["members"][3]
    assert (result["id"], result["comp_id"], result["name"]) == (folder, comp, "bg_v002")
    items = by_id(e2e.ae.get_items(comps=True, folders=True, footages=True))
    assert items[folder]["name"] == items[comp]["name"] == "bg_v002"
    assert items[sky]["path"] == str(v2[0])
    assert (items[trees]["path"], items[trees]["name"]) == (str(v2[1]), "trees")
    assert hills not in items
    assert {layer["source_id"] for layer in e2e.ae.get_layers(comp_id=comp)} == {sky, trees}
    assert sorted(i["id"] for i in items.values() if i["parent_folder_id"] == folder) == sorted(
        [comp, sky, trees]
    )


# -- the render queue ------------------------------------------------------------------------


def queue_of(e2e: E2E, comp: int) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = e2e.js(
        f"__e2e.map(__e2e.queueOf({comp}), function (q) {{"
        " return {status: q.status, render: q.render,"
        " files: (function () { var out = [], i; for (i = 1; i <= q.numOutputModules; i += 1)"
        " out.push(q.outputModule(i).file.fsName); return out; })()}; })"
    )
    return entries


@covers("get_render_info")
@pytest.mark.parametrize("name", ["sh010_comp", "sh020_comp", "edit_v003"])
def test_get_render_info(e2e: E2E, name: str) -> None:
    comp = e2e.id(name)
    outputs = e2e.ae.get_render_info(comp_id=comp)
    (entry,) = queue_of(e2e, comp)
    assert [output["file_name"] for output in outputs] == entry["files"]
    assert all((o["width"], o["height"]) == (1920, 1080) for o in outputs)


@covers("get_render_info")
def test_get_render_info_lists_every_output_module(e2e: E2E) -> None:
    comp = e2e.id("sh010_comp")
    extra = e2e.tmp / "sh010_review.mov"
    e2e.setup(
        f"var q = __e2e.queueOf({comp})[0]; q.outputModules.add();"
        f" q.outputModule(2).file = new File({json.dumps(str(extra))});"
    )
    outputs = e2e.ae.get_render_info(comp_id=comp)
    assert [o["file_name"] for o in outputs] == [queue_of(e2e, comp)[0]["files"][0], str(extra)]


@covers("add_comp_to_render_queue", "get_render_info")
def test_add_comp_to_render_queue_once(e2e: E2E) -> None:
    comp = e2e.id("sh030_comp")
    out = e2e.tmp / "renders" / "sh030"
    assert e2e.ae.add_comp_to_render_queue(comp_id=comp, output_dir=str(out)) is True
    assert out.is_dir()
    (output,) = e2e.ae.get_render_info(comp_id=comp)
    assert Path(output["file_name"]).parent == out
    assert Path(output["file_name"]).name.startswith("sh030_comp")
    # already queued: true again (the reference's contract), and no second item
    assert e2e.ae.add_comp_to_render_queue(comp_id=comp, output_dir=str(out)) is True
    assert len(queue_of(e2e, comp)) == 1


@covers("add_comp_to_render_queue", "get_render_info")
def test_add_comp_to_render_queue_defaults_to_the_project_output_folder(e2e: E2E) -> None:
    comp = e2e.id("sh040_comp")
    assert e2e.ae.add_comp_to_render_queue(comp_id=comp) is True
    (output,) = e2e.ae.get_render_info(comp_id=comp)
    assert Path(output["file_name"]).parent == e2e.project_file.parent / "output"
    assert (e2e.project_file.parent / "output").is_dir()


@covers("remove_comp_from_render_queue", "add_comp_to_render_queue")
def test_remove_comp_from_render_queue(e2e: E2E) -> None:
    comp = e2e.id("sh010_comp")
    e2e.setup(f"app.project.renderQueue.items.add(__e2e.item({comp}));")
    assert len(queue_of(e2e, comp)) == 2
    assert e2e.ae.remove_comp_from_render_queue(comp_id=comp) is True
    assert queue_of(e2e, comp) == []
    with pytest.raises(RenderQueueItemNotFound):
        e2e.ae.get_render_info(comp_id=comp)
    assert e2e.ae.remove_comp_from_render_queue(comp_id=comp) is False
    assert len(queue_of(e2e, e2e.id("sh020_comp"))) == 1  # other comps keep theirs
    assert e2e.ae.add_comp_to_render_queue(comp_id=comp, output_dir=str(e2e.tmp)) is True


@covers("render", "add_comp_to_render_queue")
def test_render_writes_the_frames_and_leaves_other_items_alone(e2e: E2E) -> None:
    comp, other, edit = e2e.id("sh010_comp"), e2e.id("sh030_comp"), e2e.id("edit_v003")
    e2e.ae.add_comp_to_render_queue(comp_id=other, output_dir=str(e2e.tmp / "other"))
    out = e2e.tmp / "publish" / "sh010"

    outputs = e2e.ae.with_timeout(60).render(comp_id=comp, output_dir=str(out))

    assert outputs == [
        {"file_name": str(out / "sh010_comp_[#####].png"), "width": 1920, "height": 1080}
    ]
    written = sorted(p.name for p in out.iterdir())
    assert written == [f"sh010_comp_{frame:05d}.png" for frame in range(1001, 1049)]
    assert "comp=sh010_comp" in (out / "sh010_comp_01001.png").read_text(encoding="utf-8")
    assert [e["status"] for e in queue_of(e2e, comp)] == [e2e.js("RQItemStatus.DONE")]
    (queued,) = queue_of(e2e, other)
    assert (queued["status"], queued["render"]) == (e2e.js("RQItemStatus.QUEUED"), True)
    assert queue_of(e2e, edit)[0]["render"] is False
    assert not (e2e.tmp / "other").exists() or not any((e2e.tmp / "other").iterdir())


@covers("render")
def test_render_of_a_done_item_renders_a_fresh_duplicate(e2e: E2E) -> None:
    comp = e2e.id("sh020_comp")
    out = e2e.tmp / "again"
    outputs = asyncio.run(e2e.aae.with_timeout(60).render(comp_id=comp, output_dir=str(out)))
    assert outputs == [{"file_name": str(out / "sh020_comp.mov"), "width": 1920, "height": 1080}]
    assert (out / "sh020_comp.mov").is_file()
    (entry,) = queue_of(e2e, comp)
    assert entry["status"] == e2e.js("RQItemStatus.DONE")


@covers("render", "rename_item", "add_comp_to_render_queue")
def test_render_drops_the_publish_marker_from_the_file_name(e2e: E2E) -> None:
    comp = e2e.id("sh050_comp")
    e2e.ae.rename_item(item_id=comp, name="℗ sh050_comp")
    e2e.ae.add_comp_to_render_queue(comp_id=comp, output_dir=str(e2e.tmp / "queued"))
    outputs = e2e.ae.render(comp_id=comp, output_dir=str(e2e.tmp / "out"))
    (output,) = outputs
    assert "℗" not in output["file_name"]
    assert Path(output["file_name"]).is_file()


# -- completeness ------------------------------------------------------------------------------


def test_every_host_method_is_exercised() -> None:
    schema_methods = set(host_methods(SCHEMA))
    assert len(schema_methods) == 37
    exercised = set(COVERAGE.tests)
    assert sorted(schema_methods - exercised) == [], "host methods without an end-to-end test"
    assert sorted(exercised - schema_methods) == [], "tests declare methods the schema lacks"
