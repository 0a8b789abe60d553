"""Scenes made by the AYON reference open unchanged, and its callers get what they relied on.

Each test starts from a project in the reference's format (its flat records as Python's
``json.dumps(..., indent=4)`` wrote them, integer legacy uuids, NaN, URI-encoded background
names, partial imprints) and drives it through the AYON-style calls of ``aerpc.ayon`` and the
typed client, over the real server, the generated panel in node and the simulated After
Effects. Every test here failed before the fix it names.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aerpc.aftereffects import ScriptFailed, UnsavedChanges
from aerpc.ayon import AEItem, AfterEffectsServerStub, StubError

from . import ayon_reference as ref
from .conftest import E2E

CONTAINER = "ayon.load.container"
INSTANCE = "ayon.create.instance"
INSTANCE_IDS = {INSTANCE, "pyblish.avalon.instance"}
Record = dict[str, Any]


def stub(e2e: E2E) -> AfterEffectsServerStub:
    return AfterEffectsServerStub(e2e.ae)


def store(e2e: E2E, text: str) -> None:
    """Stores ``text`` as the project's metadata label, as the reference's imprint did."""
    e2e.js(f"__e2e.writeLabel({json.dumps(text)})")


def stored_text(e2e: E2E) -> str:
    text = e2e.js("__e2e.readLabel()")
    assert isinstance(text, str)
    return text


def layer_state(e2e: E2E, comp: int, index: int) -> dict[str, Any]:
    state: dict[str, Any] = e2e.prop(
        comp,
        f"(function (l) {{ return {{source: l.source.id, anchor: l.anchorPoint.value,"
        " position: l.position.value, scale: l.scale.value, threeD: l.threeDLayer,"
        " start: l.startTime, inPoint: l.inPoint, outPoint: l.outPoint}; })"
        f"(it.layer({index}))",
    )
    return state


# -- metadata ----------------------------------------------------------------------------------


def test_a_loader_update_merges_into_the_container(e2e: E2E) -> None:
    plate = e2e.id("sh010_plate_v002.mov")
    container = {
        "schema": "ayon:container-3.0",
        "id": CONTAINER,
        "name": "plateMain",
        "namespace": "sh010_plateMain_001",
        "loader": "FileLoader",
        "representation": "r1",
        "members": [plate],
    }
    store(e2e, json.dumps([container], indent=4))
    ae = stub(e2e)

    # load_file.update: only three keys
    ae.imprint(plate, {"representation": "r2", "name": "plateMain", "namespace": "sh010_plateMain"})

    (record,) = ae.get_metadata()
    assert record == {**container, "representation": "r2", "namespace": "sh010_plateMain"}
    item = ae.get_item(plate)
    assert item is not None
    assert ae.read(item) == record  # ls() still finds a complete container

    # the typed client merges the same way
    e2e.ae.imprint(entry={"id": CONTAINER, "members": [plate], "data": {"representation": "r3"}})
    (entry,) = e2e.ae.get_metadata()
    assert entry["data"]["loader"] == "FileLoader"
    assert entry["data"]["representation"] == "r3"


def test_legacy_integer_uuids_are_removed(e2e: E2E) -> None:
    comp = e2e.id("sh010_comp")
    legacy = [
        {"id": "pyblish.avalon.instance", "uuid": 17, "members": [str(comp)], "family": "render"},
        {"id": "pyblish.avalon.instance", "uuid": "18", "members": [comp]},
        {"id": INSTANCE, "instance_id": "keep", "uuid": 19, "members": [comp]},
        {"id": INSTANCE, "instance_id": 20, "members": [comp]},
    ]
    store(e2e, json.dumps(legacy, indent=4))
    ae = stub(e2e)

    ae.remove_instance(17)  # create_render.remove_instances passes instance_data["uuid"]
    e2e.ae.remove_instance(instance_id="18")
    ae.remove_instance(19)  # a record with an instance_id is not matched by its uuid
    ae.remove_instance(20)

    assert json.loads(stored_text(e2e)) == [legacy[2]]


def test_python_nan_and_infinity_are_read_and_kept(e2e: E2E) -> None:
    comp = e2e.id("sh010_comp")
    records = [
        {
            "id": INSTANCE,
            "instance_id": "n1",
            "members": [comp],
            "frameStart": math.nan,
            "handles": [math.inf, -math.inf, 1.5],
            "label": "NaN and Infinity inside a string",
        },
        {"id": "publish_context", "comment": "first"},
    ]
    store(e2e, json.dumps(records, indent=4))  # what Python's json.dumps writes: bare NaN
    ae = stub(e2e)

    instance, context = ae.get_metadata()
    assert instance["frameStart"] is None  # JSON has no NaN; the rest of the list reads
    assert instance["handles"] == [None, None, 1.5]
    assert instance["label"] == "NaN and Infinity inside a string"
    assert context["comment"] == "first"

    ae.imprint("publish_context", {"id": "publish_context", "comment": "second"})
    kept = json.loads(stored_text(e2e))  # Python's json.loads reads NaN back
    assert math.isnan(kept[0]["frameStart"])
    assert kept[0]["handles"] == [math.inf, -math.inf, 1.5]
    assert kept[1] == {"id": "publish_context", "comment": "second"}  # gains no members


# -- backgrounds -------------------------------------------------------------------------------


def test_reference_era_backgrounds_are_updated_in_place(e2e: E2E) -> None:
    v1 = [e2e.media(f"v1/{name}.png", width=1920, height=1080) for name in ("sky blue", "ciel été")]
    built = e2e.ae.import_background(name="▼bg_v001", paths=[str(f) for f in v1])
    folder, comp, sky, ciel = built["members"]
    # the reference named each footage item File.name without extension: URI-encoded
    e2e.ae.rename_item(item_id=sky, name="sky%20blue")
    e2e.ae.rename_item(item_id=ciel, name="ciel%20%C3%A9t%C3%A9")
    e2e.setup(f"__e2e.item({comp}).layer(1).position.setValue([111, 222]);")
    before = layer_state(e2e, comp, 1)
    v2 = [e2e.media(f"v2/{name}.png", width=1920, height=1080) for name in ("sky blue", "ciel été")]

    loaded = stub(e2e).reload_background(comp, "▼bg_v002", [str(f) for f in v2])

    assert loaded.id == folder
    assert loaded.members == [folder, comp, sky, ciel]  # the same items, not re-imported
    items = {item.id: item for item in stub(e2e).get_items(True, True, True)}
    assert (items[sky].name, items[sky].path) == ("sky blue", str(v2[0]))
    assert (items[ciel].name, items[ciel].path) == ("ciel été", str(v2[1]))
    assert layer_state(e2e, comp, 1)["position"] == before["position"]  # the layer survived


# -- the project file --------------------------------------------------------------------------


def test_open_refuses_to_drop_unsaved_work(e2e: E2E) -> None:
    other = e2e.tmp / "sh010_comp_v004.aep"
    e2e.setup(f"__sim.saveProjectTo({json.dumps(str(other))});")
    e2e.ae.open(path=str(e2e.project_file))
    e2e.setup('__e2e.find("sh020_comp").name = "unsaved_change";')
    ae = stub(e2e)

    with pytest.raises(ValueError, match="unsaved changes") as raised:
        ae.open(str(other))  # the workfiles tool's open_workfile
    assert isinstance(raised.value, StubError)
    assert isinstance(raised.value.error, UnsavedChanges)
    assert e2e.id("unsaved_change") > 0
    assert ae.get_active_document_full_name() == str(e2e.project_file)

    ae.open(str(other), discard_unsaved=True)
    assert ae.get_active_document_full_name() == str(other)


def test_save_workfile_moves_the_project(e2e: E2E) -> None:
    dst = e2e.tmp / "sh010_comp_v005.aep"
    ae = stub(e2e)
    ae.saveAs(str(dst), True)  # AYON's save_workfile: saveAs(dst_path, True)
    assert ae.get_active_document_full_name() == str(dst)
    assert ae.is_saved() is True


def test_queueing_an_already_queued_comp_is_true(e2e: E2E) -> None:
    comp = e2e.id("sh030_comp")
    ae = stub(e2e)
    output = str(e2e.tmp / "out")
    # create_render._ensure_comp_in_render_queue raises on a false value
    assert ae.add_comp_to_render_queue(comp, output) is True
    assert ae.add_comp_to_render_queue(comp, output) is True
    assert len(ae.get_render_info(comp)) == 1


# -- placeholders --------------------------------------------------------------------------------


def test_placed_footage_takes_the_placeholders_place(e2e: E2E) -> None:
    comp = e2e.id("sh030_comp")
    ae = stub(e2e)
    placeholder = ae.add_placeholder("LOADERPLACEHOLDER_plate", 1920, 1060, 25, 10)  # AYON's size
    e2e.ae.add_item_as_layer(comp_id=comp, item_id=placeholder)
    duration = e2e.prop(comp, "it.duration")
    e2e.setup(
        f"var l = __e2e.item({comp}).layer(1); l.threeDLayer = true;"
        " l.position.setValue([300, 400, 50]); l.scale.setValue([50, 50, 100]);"
        f" l.startTime = 0.5; l.inPoint = 1; l.outPoint = {min(3.0, duration)};"
    )
    slot = layer_state(e2e, comp, 1)
    footage = e2e.media("plates/plate.png", width=2048, height=858)
    item = e2e.ae.import_file(path=str(footage), name="plate")["id"]

    ae.add_item_instead_placeholder(placeholder, item)

    placed = layer_state(e2e, comp, 2)
    assert placed["source"] == item
    # the placeholder's centre, in the new footage's pixels: the same spot of the comp
    assert placed["anchor"][:2] == [1024, 429]
    assert placed["position"] == slot["position"] == [300, 400, 50]
    assert placed["scale"] == slot["scale"]
    assert placed["threeD"] is True
    assert (placed["start"], placed["inPoint"], placed["outPoint"]) == (
        slot["start"],
        slot["inPoint"],
        slot["outPoint"],
    )


# -- scripts ---------------------------------------------------------------------------------


def test_a_script_returning_dom_objects_gets_descriptions(e2e: E2E) -> None:
    comp = e2e.id("sh010_comp")
    script = e2e.tmp / "dom.jsx"
    comp_js = f"app.project.itemByID({comp})"
    script.write_text(
        f"[app.project, {comp_js}, {{layer: {comp_js}.layer(1)}}];\n", encoding="utf-8"
    )
    value = stub(e2e).run_jsx_file(str(script))
    assert value[0] == "[Project]"
    assert value[1] == f"[CompItem {comp} sh010_comp]"
    assert value[2]["layer"].startswith("[")

    deep = e2e.tmp / "deep.jsx"
    deep.write_text(
        "var a = {}; var b = a; for (var i = 0; i < 100; i++) { b.next = {}; b = b.next; } a;\n"
    )
    with pytest.raises(ScriptFailed, match="deeper than 64"):
        e2e.ae.run_jsx_file(path=str(deep))


# -- a reference-era project, call for call against a model of the reference ------------------

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ayon" / "reference_label.json"


def fixture_label(e2e: E2E) -> str:
    """The fixture's label text (as Python's json.dumps wrote it) with ``@{name}`` replaced by
    the id of the demo project's item of that name."""
    text = FIXTURE.read_text(encoding="utf-8")
    return re.sub(r"@\{([^}]+)\}", lambda m: str(e2e.id(m.group(1))), text)


def reference_imprint(meta: list[Record], item_id: int | str, data: Record) -> list[Record]:
    """The reference stub's imprint on a list (its orphan filter aside: every member exists)."""
    out: list[Record] = []
    found = False
    for record in meta:
        members = record.get("members")
        if (members and str(item_id) == str(members[0])) or record.get("instance_id") == item_id:
            found = True
            if data:
                out.append({**record, **data})
        else:
            out.append(record)
    return out if found else [*out, dict(data)]


def reference_remove_instance(meta: list[Record], instance_id: int | str) -> list[Record]:
    return [r for r in meta if (r.get("instance_id") or r.get("uuid")) != instance_id]


def canonical(records: list[Record]) -> list[str]:
    """Records as comparable text: members as integers, NaN as NaN (json.dumps writes it)."""
    return [
        json.dumps({**r, "members": [int(m) for m in r.get("members") or []]}, sort_keys=True)
        for r in records
    ]


def test_a_reference_project_round_trips_like_the_reference(e2e: E2E) -> None:
    label = fixture_label(e2e)
    store(e2e, label)
    ae = stub(e2e)
    plate, comp = e2e.id("sh010_plate_v002.mov"), e2e.id("sh030_comp")
    folder = e2e.id("02_shots")
    instance_id = "8c5b1f0e-3d2a-4b7e-9f61-2a4c8d9e0b13"
    calls: list[tuple[str, int | str, Record]] = [
        ("imprint", plate, {"representation": "r2", "namespace": "sh010_plateMain_002"}),
        ("imprint", instance_id, {"variant": "Other", "active": False}),
        ("remove_instance", 1700000001, {}),  # a legacy integer uuid
        ("imprint", folder, {}),  # a loader's remove
    ]
    model: list[Record] = json.loads(label)
    for call, key, data in calls:
        if call == "imprint":
            ae.imprint(key, data)
            model = reference_imprint(model, key, data)
        else:
            ae.remove_instance(key)
            model = reference_remove_instance(model, key)

    assert canonical(json.loads(stored_text(e2e))) == canonical(model)
    # what AYON's readers get: pipeline.ls, list_instances, get_context_data
    item = ae.get_item(plate)
    assert item is not None
    container = ae.read(item)
    assert container is not None
    assert (container["loader"], container["representation"]) == ("FileLoader", "r2")
    instances = [r for r in ae.get_metadata() if r["id"] in INSTANCE_IDS]
    assert [(r["instance_id"], r["members"], r["frameStart"]) for r in instances] == [
        (instance_id, [comp], None)
    ]
    (context,) = [r for r in ae.get_metadata() if r["id"] == "publish_context"]
    assert context["comment"] == "first pass"


# -- AYON's call sequences, call for call against a port of the reference ----------------------


def snapshot(e2e: E2E) -> ref.State:
    """The project as the reference's host script would read it now."""
    return ref.State.of(e2e.js(ref.SNAPSHOT_JS))


def refusal(call: Callable[[], object]) -> str:
    """The message of the ValueError ``call`` raises (what AYON shows the artist)."""
    try:
        call()
    except ValueError as exc:
        return str(exc)
    raise AssertionError("no ValueError raised")


def test_ayons_reads_return_what_the_reference_returns(e2e: E2E) -> None:
    """Collectors, loaders and validators read items, metadata, comps and the render queue."""
    store(e2e, fixture_label(e2e))
    ae = stub(e2e)
    plate, shot = e2e.id("sh010_plate_v002.mov"), e2e.id("sh010_comp")
    comp = e2e.id("sh030_comp")
    # sh010_comp is also a precomp of sh030_comp: the reference reports uses for footage only
    e2e.setup(f"__e2e.item({comp}).layers.add(__e2e.item({shot}));")
    e2e.ae.select_items(item_ids=[comp, plate, e2e.id("02_shots")])
    state = snapshot(e2e)
    assert any(i["used_in"] for i in state.items if i["kind"] == "comp")

    for flags in [(True,), (True, True, True), (False, False, True), (True, False, False)]:
        assert ae.get_items(*flags) == ref.get_items(state, *flags), flags
    for flags in [(True, False, False), (True, True, True)]:
        assert ae.get_selected_items(*flags) == ref.get_selected_items(state, *flags), flags
    assert ae.get_item(plate) == ref.get_item(state, plate)
    assert ae.get_item(987654) is None

    # pipeline.ls, list_instances, get_context_data: the records as stored
    metadata, model = ae.get_metadata(), ref.documented(ref.get_metadata(state))
    assert metadata == model
    items = ae.get_items(comps=True, folders=True, footages=True)
    assert [ae.read(i, metadata) for i in items] == [ref.read(i, model) for i in items]
    (context,) = [r for r in metadata if r["id"] == "publish_context"]
    assert "members" not in context  # it would reach the publisher's context data

    # collect_render: comp properties and the render queue, and what the artist is told
    assert ae.get_comp_properties(comp) == ref.documented_comp(ref.get_comp_properties(state, comp))
    told = refusal(lambda: ae.get_render_info(comp))
    assert told == refusal(lambda: ref.get_render_info(state, comp))
    assert told.endswith("Add composition to Render Queue.")
    assert ae.add_comp_to_render_queue(comp, str(e2e.tmp / "out")) is True
    assert ae.get_render_info(comp) == ref.get_render_info(snapshot(e2e), comp)
    gone = 987654
    assert refusal(lambda: ae.get_comp_properties(gone)) == refusal(
        lambda: ref.get_comp_properties(state, gone)
    )
    assert refusal(lambda: ae.get_render_info(gone)) == refusal(
        lambda: ref.get_render_info(state, gone)
    )
    assert ae.get_active_document_full_name() == ref.get_active_document_full_name(state)


def test_ayons_writes_store_what_the_reference_stored(e2e: E2E) -> None:
    """Creators and loaders write: workfile and render instances, a container's life."""
    store(e2e, fixture_label(e2e))
    ae = stub(e2e)
    comp = e2e.id("sh050_comp")
    footage = e2e.media("plates/sh050.png", width=1920, height=1080)
    loaded = ae.import_file(
        str(footage), "\u25bcplateMain", {"ImportAsType": "ImportAsType.FOOTAGE"}
    )
    assert loaded == AEItem(
        loaded.id,
        "\u25bcplateMain",
        None,
        None,
        pixelAspect=1,
        is_placeholder=None,
        uuid=None,
        path=None,
        containing_comps=None,
    )
    workfile = {
        "id": INSTANCE,
        "instance_id": "wf-1",
        "creator_identifier": "workfile",
        "productName": "workfileMain",
        "folderPath": "/shots/sh050",
        "task": "compositing",
        "variant": "Main",
    }
    render = {
        **workfile,
        "instance_id": "r-1",
        "creator_identifier": "render",
        "productName": "renderMain",
        "members": [comp],
        "creator_attributes": {"render_target": "local", "mark_for_review": True},
    }
    container = {
        "schema": "ayon:container-3.0",
        "id": CONTAINER,
        "name": "plateMain",
        "namespace": "sh050_plateMain_001",
        "loader": "FileLoader",
        "representation": "r1",
        "members": [loaded.id],
    }
    steps: list[tuple[str, int | str, Record]] = [
        ("imprint", "wf-1", workfile),  # workfile_creator.create
        ("imprint", "r-1", render),  # create_render.create
        ("imprint", "r-1", {**render, "active": False}),  # create_render.update_instances
        ("imprint", loaded.id, container),  # pipeline.containerise
        ("imprint", loaded.id, {"representation": "r2", "namespace": "sh050_plateMain"}),
        ("imprint", loaded.id, {}),  # AfterEffectsLoader.remove
        ("remove_instance", "r-1", {}),  # create_render.remove_instances
        ("remove_instance", 1700000001, {}),  # _handle_legacy: a legacy integer uuid
    ]
    for call, key, data in steps:
        state = snapshot(e2e)
        if call == "imprint":
            expected = ref.imprint(state, key, data)
            ae.imprint(key, data)
        else:
            expected = ref.remove_instance(state, key)
            ae.remove_instance(key)
        assert canonical(json.loads(stored_text(e2e))) == canonical(expected), (call, key)
        assert ae.get_metadata() == ref.documented(ref.get_metadata(snapshot(e2e))), (call, key)
    (stored,) = [r for r in ae.get_metadata() if r.get("instance_id") == "wf-1"]
    assert "members" not in stored  # collect_instances hands it to CreatedInstance as is
