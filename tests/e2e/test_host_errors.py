"""Every error a host method declares in the schema, provoked through the whole chain against
the simulated After Effects.

Each case is registered with ``@provokes(method, error)``; it sets the project up and returns
the call that fails and the words its message must contain to name what failed (the item, its
id or the path). ``test_declared_error`` checks the typed exception class from
``aerpc.aftereffects.errors``, its code (the schema's), the message, that the failed call
changed nothing it should not have, and (through the ``e2e`` fixture) that the undo groups
stay balanced. ``test_every_declared_error_is_provoked_or_listed`` compares the registry with
the schema: a new declared error without a case here fails it.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from aerpc.aftereffects import errors as ae_errors

from .conftest import E2E, declared_errors, load_schema

SCHEMA = load_schema()
DECLARED = declared_errors(SCHEMA)
MISSING_ID = 987654


@dataclass(frozen=True)
class Provoked:
    """The failing call, the words its message must contain, and whether the project may
    change before it fails (some errors come after After Effects acted)."""

    call: Callable[[], object]
    names: tuple[str, ...]
    changes: bool = False
    check: Callable[[], None] | None = None


@dataclass(frozen=True)
class Case:
    method: str
    error: str
    provoke: Callable[[E2E], Provoked] = field(repr=False)

    @property
    def id(self) -> str:
        return f"{self.method}-{self.error}-{self.provoke.__name__.removeprefix('_')}"


CASES: list[Case] = []


def provokes(
    method: str, error: str
) -> Callable[[Callable[[E2E], Provoked]], Callable[[E2E], Provoked]]:
    def register(provoke: Callable[[E2E], Provoked]) -> Callable[[E2E], Provoked]:
        CASES.append(Case(method, error, provoke))
        return provoke

    return register


# Declared errors the simulator can not be made to raise through a schema-valid call.
NOT_PROVOKABLE: dict[tuple[str, str], str] = {
    ("add_placeholder", "ImportFailed"): (
        "Project.importPlaceholder only refuses a wrong type or an out-of-range name, width, "
        "height, frame rate or duration, and the schema bounds those params to exactly the "
        "ranges After Effects accepts, so the client refuses the call before it is sent; the "
        "failures left (out of memory, a project locked by a render) are not simulated"
    ),
}


# -- helpers ---------------------------------------------------------------------------------


def untitled(e2e: E2E) -> None:
    """Replace the project with a new, never saved one holding one comp."""
    e2e.setup('app.newProject(); app.project.items.addComp("untitled_comp", 640, 360, 1, 2, 25);')


def store_label(e2e: E2E, text: str) -> None:
    e2e.js(f"__e2e.writeLabel({json.dumps(text)})")


def own_background(e2e: E2E) -> int:
    """A composition alone in its own folder, as import_background makes it."""
    comp: int = e2e.setup(
        'var f = app.project.items.addFolder("bg_e2e");'
        ' return f.items.addComp("bg_e2e", 1920, 1080, 1, 1, 25).id;'
    )
    return comp


def second_queue_item(e2e: E2E, comp: int) -> None:
    e2e.setup(f"app.project.renderQueue.items.add(__e2e.item({comp}));")


def unsupported(e2e: E2E) -> str:
    path = e2e.tmp / "notes.xyz"
    path.write_text("not media\n", encoding="utf-8")
    return str(path)


def selection(e2e: E2E) -> list[int]:
    ids: list[int] = e2e.js("__e2e.map(app.project.selection, function (it) { return it.id; })")
    return ids


# -- ItemNotFound and NotAComposition, for every method that takes an item -------------------

COMP_READERS: dict[str, Callable[[E2E, int], object]] = {
    "get_comp_properties": lambda e, c: e.ae.get_comp_properties(comp_id=c),
    "set_comp_properties": lambda e, c: e.ae.set_comp_properties(comp_id=c, width=640),
    "get_audio_url": lambda e, c: e.ae.get_audio_url(comp_id=c),
    "get_layers": lambda e, c: asyncio.run(e.aae.get_layers(comp_id=c)),
    "remove_comp_from_render_queue": lambda e, c: e.ae.remove_comp_from_render_queue(comp_id=c),
    "add_comp_to_render_queue": lambda e, c: e.ae.add_comp_to_render_queue(
        comp_id=c, output_dir=str(e.tmp / "out")
    ),
    "get_render_info": lambda e, c: e.ae.get_render_info(comp_id=c),
    "render": lambda e, c: e.ae.render(comp_id=c, output_dir=str(e.tmp / "out")),
    "import_background": lambda e, c: e.ae.import_background(
        comp_id=c, name="bg", paths=[str(e.media("bg.png", width=64, height=64))]
    ),
    "reload_background": lambda e, c: e.ae.reload_background(
        comp_id=c, name="bg", paths=[str(e.media("bg.png", width=64, height=64))]
    ),
    "add_item_as_layer": lambda e, c: e.ae.add_item_as_layer(
        comp_id=c, item_id=e.id("dirt_01.png")
    ),
}


def _comp_missing(method: str) -> Callable[[E2E], Provoked]:
    def _missing_comp(e2e: E2E) -> Provoked:
        return Provoked(lambda: COMP_READERS[method](e2e, MISSING_ID), (str(MISSING_ID),))

    return _missing_comp


def _comp_not_a_comp(method: str, name: str) -> Callable[[E2E], Provoked]:
    def _not_a_comp(e2e: E2E) -> Provoked:
        item = e2e.id(name)
        return Provoked(lambda: COMP_READERS[method](e2e, item), (name, str(item)))

    _not_a_comp.__name__ = f"_{'folder' if name == '02_shots' else 'footage'}"
    return _not_a_comp


for _method in COMP_READERS:
    provokes(_method, "ItemNotFound")(_comp_missing(_method))
    for _name in ("sh010_plate_v002.mov", "02_shots"):
        provokes(_method, "NotAComposition")(_comp_not_a_comp(_method, _name))


ITEM_WRITERS: dict[str, Callable[[E2E, int], object]] = {
    "rename_item": lambda e, i: e.ae.rename_item(item_id=i, name="x"),
    "delete_item": lambda e, i: e.ae.delete_item(item_id=i),
    "set_label_color": lambda e, i: e.ae.set_label_color(item_id=i, label=3),
    "replace_item": lambda e, i: e.ae.replace_item(
        item_id=i, path=str(e.media("new.mov", fps=24, frames=10)), name="x"
    ),
    "select_items": lambda e, i: e.ae.select_items(item_ids=[e.id("sh030_comp"), i]),
    "imprint": lambda e, i: e.ae.imprint(
        entry={"id": "ayon.load.container", "members": [i], "data": {}}
    ),
    "add_item_instead_placeholder": lambda e, i: e.ae.add_item_instead_placeholder(
        placeholder_item_id=i, item_id=e.id("dirt_01.png")
    ),
}


def _item_missing(method: str) -> Callable[[E2E], Provoked]:
    def _missing_item(e2e: E2E) -> Provoked:
        before = selection(e2e)

        def unchanged() -> None:
            assert selection(e2e) == before

        return Provoked(
            lambda: ITEM_WRITERS[method](e2e, MISSING_ID), (str(MISSING_ID),), check=unchanged
        )

    return _missing_item


for _method in ITEM_WRITERS:
    provokes(_method, "ItemNotFound")(_item_missing(_method))


@provokes("delete_item", "ItemNotFound")
def _deleted_twice(e2e: E2E) -> Provoked:
    item = e2e.id("sh010_sky.exr")
    e2e.ae.delete_item(item_id=item)
    return Provoked(lambda: e2e.ae.delete_item(item_id=item), (str(item),))


@provokes("add_item_as_layer", "ItemNotFound")
def _missing_source(e2e: E2E) -> Provoked:
    comp = e2e.id("sh030_comp")
    return Provoked(lambda: e2e.ae.add_item_as_layer(comp_id=comp, item_id=MISSING_ID), ("987654",))


@provokes("add_item_instead_placeholder", "ItemNotFound")
def _missing_loaded_item(e2e: E2E) -> Provoked:
    placeholder = e2e.id("end_card_bg")
    return Provoked(
        lambda: e2e.ae.add_item_instead_placeholder(
            placeholder_item_id=placeholder, item_id=MISSING_ID
        ),
        (str(MISSING_ID),),
    )


@provokes("import_file", "ItemNotFound")
def _missing_parent_folder(e2e: E2E) -> Provoked:
    path = e2e.media("logo.png", width=64, height=64)
    return Provoked(
        lambda: e2e.ae.import_file(path=str(path), name="logo", parent_folder_id=MISSING_ID),
        (str(MISSING_ID),),
    )


# -- InvalidItemType -------------------------------------------------------------------------


@provokes("import_file", "InvalidItemType")
def _parent_is_a_comp(e2e: E2E) -> Provoked:
    path = e2e.media("logo.png", width=64, height=64)
    comp = e2e.id("sh010_comp")
    return Provoked(
        lambda: e2e.ae.import_file(path=str(path), name="logo", parent_folder_id=comp),
        ("sh010_comp", str(comp)),
    )


@provokes("replace_item", "InvalidItemType")
def _replace_a_comp(e2e: E2E) -> Provoked:
    comp = e2e.id("sh010_comp")
    path = e2e.media("new.mov", fps=24, frames=10)
    return Provoked(
        lambda: e2e.ae.replace_item(item_id=comp, path=str(path), name="x"), ("sh010_comp",)
    )


@provokes("reload_background", "InvalidItemType")
def _comp_not_in_its_own_folder(e2e: E2E) -> Provoked:
    comp = e2e.id("sh010_comp")
    path = e2e.media("bg.png", width=64, height=64)
    return Provoked(
        lambda: e2e.ae.reload_background(comp_id=comp, name="bg", paths=[str(path)]),
        ("sh010_comp",),
    )


@provokes("add_item_as_layer", "InvalidItemType")
def _folder_as_layer(e2e: E2E) -> Provoked:
    comp, folder = e2e.id("sh030_comp"), e2e.id("02_shots")
    return Provoked(
        lambda: e2e.ae.add_item_as_layer(comp_id=comp, item_id=folder), ("02_shots", str(folder))
    )


@provokes("add_item_as_layer", "InvalidItemType")
def _circular_precomp(e2e: E2E) -> Provoked:
    outer, inner = e2e.id("sh010_comp"), e2e.id("sh010_fg_precomp")
    return Provoked(
        lambda: e2e.ae.add_item_as_layer(comp_id=inner, item_id=outer),
        ("sh010_comp", "sh010_fg_precomp"),
    )


@provokes("add_item_instead_placeholder", "InvalidItemType")
def _placeholder_is_a_comp(e2e: E2E) -> Provoked:
    comp = e2e.id("lower_third")
    return Provoked(
        lambda: e2e.ae.add_item_instead_placeholder(
            placeholder_item_id=comp, item_id=e2e.id("dirt_01.png")
        ),
        ("lower_third", str(comp)),
    )


@provokes("add_item_instead_placeholder", "InvalidItemType")
def _folder_into_a_used_placeholder(e2e: E2E) -> Provoked:
    placeholder, folder = e2e.id("end_card_bg"), e2e.id("03_assets")
    return Provoked(
        lambda: e2e.ae.add_item_instead_placeholder(
            placeholder_item_id=placeholder, item_id=folder
        ),
        ("03_assets",),
    )


# -- files -------------------------------------------------------------------------------------


def _missing_path(e2e: E2E, name: str) -> str:
    return str(e2e.tmp / "nowhere" / name)


@provokes("open", "FileNotFound")
def _open_missing(e2e: E2E) -> Provoked:
    path = _missing_path(e2e, "shot_v009.aep")
    return Provoked(lambda: e2e.ae.open(path=path), (path,))


@provokes("run_jsx_file", "FileNotFound")
def _script_missing(e2e: E2E) -> Provoked:
    path = _missing_path(e2e, "tool.jsx")
    return Provoked(lambda: e2e.ae.run_jsx_file(path=path), (path,))


@provokes("import_file", "FileNotFound")
def _import_missing(e2e: E2E) -> Provoked:
    path = _missing_path(e2e, "plate.mov")
    return Provoked(lambda: e2e.ae.import_file(path=path, name="plate"), (path,))


@provokes("replace_item", "FileNotFound")
def _replace_with_missing(e2e: E2E) -> Provoked:
    plate, path = e2e.id("sh010_plate_v001.mov"), _missing_path(e2e, "plate_v003.mov")

    def untouched() -> None:
        assert e2e.prop(plate, "it.name") == "sh010_plate_v001.mov"

    return Provoked(
        lambda: e2e.ae.replace_item(item_id=plate, path=path, name="plate_v003"),
        (path,),
        check=untouched,
    )


@provokes("import_background", "FileNotFound")
def _background_missing(e2e: E2E) -> Provoked:
    good, path = e2e.media("bg/far.png", width=64, height=64), _missing_path(e2e, "near.png")
    count = e2e.js("app.project.numItems")

    def nothing_imported() -> None:
        assert e2e.js("app.project.numItems") == count

    return Provoked(
        lambda: e2e.ae.import_background(name="bg", paths=[str(good), path]),
        (path,),
        check=nothing_imported,
    )


@provokes("reload_background", "FileNotFound")
def _reload_missing(e2e: E2E) -> Provoked:
    comp, path = own_background(e2e), _missing_path(e2e, "near.png")
    return Provoked(
        lambda: e2e.ae.reload_background(comp_id=comp, name="bg_v2", paths=[path]), (path,)
    )


# -- ImportFailed, OpenFailed, ScriptFailed ------------------------------------------------------


@provokes("import_file", "ImportFailed")
def _import_unsupported(e2e: E2E) -> Provoked:
    path = unsupported(e2e)
    return Provoked(lambda: e2e.ae.import_file(path=path, name="notes"), (path,))


@provokes("import_file", "ImportFailed")
def _import_footage_as_comp(e2e: E2E) -> Provoked:
    path = str(e2e.media("plate.mov", fps=24, frames=10))
    return Provoked(
        lambda: e2e.ae.import_file(path=path, name="p", import_options={"import_as": "comp"}),
        (path, "comp"),
    )


@provokes("replace_item", "ImportFailed")
def _replace_with_unsupported(e2e: E2E) -> Provoked:
    plate, path = e2e.id("sh010_plate_v001.mov"), unsupported(e2e)
    return Provoked(
        lambda: e2e.ae.replace_item(item_id=plate, path=path, name="x"),
        ("sh010_plate_v001.mov", path),
    )


@provokes("import_background", "ImportFailed")
def _background_unsupported(e2e: E2E) -> Provoked:
    good, path = e2e.media("bg/far.png", width=64, height=64), unsupported(e2e)
    return Provoked(lambda: e2e.ae.import_background(name="bg", paths=[str(good), path]), (path,))


@provokes("reload_background", "ImportFailed")
def _reload_unsupported(e2e: E2E) -> Provoked:
    comp, path = own_background(e2e), unsupported(e2e)
    return Provoked(
        lambda: e2e.ae.reload_background(comp_id=comp, name="bg_v2", paths=[path]), (path,)
    )


@provokes("open", "OpenFailed")
def _open_not_a_project(e2e: E2E) -> Provoked:
    path = e2e.tmp / "shot_notes.txt"
    path.write_text("notes\n", encoding="utf-8")
    return Provoked(lambda: e2e.ae.open(path=str(path)), (str(path),))


@provokes("open", "OpenFailed")
def _open_damaged_project(e2e: E2E) -> Provoked:
    path = e2e.tmp / "damaged_v003.aep"
    path.write_text("{}", encoding="utf-8")

    def previous_closed() -> None:  # as documented: the previous project is closed
        assert e2e.js("app.project.file") is None

    return Provoked(
        lambda: e2e.ae.open(path=str(path)), (str(path),), changes=True, check=previous_closed
    )


@provokes("open", "UnsavedChanges")
def _open_over_unsaved_changes(e2e: E2E) -> Provoked:
    other = e2e.tmp / "other_v004.aep"
    shutil.copyfile(e2e.project_file, other)
    e2e.setup('__e2e.find("sh020_comp").name = "unsaved_change";')
    current = str(e2e.project_file)

    def still_open() -> None:
        assert e2e.js("app.project.file.fsName") == current
        assert e2e.id("unsaved_change") > 0

    return Provoked(
        lambda: e2e.ae.open(path=str(other)),
        (str(other), current, "discard_unsaved"),
        check=still_open,
    )


@provokes("run_jsx_file", "ScriptFailed")
def _script_throws(e2e: E2E) -> Provoked:
    path = e2e.tmp / "broken tool.jsx"
    path.write_text('var a = 1;\nthrow new Error("boom from e2e");\n', encoding="utf-8")
    return Provoked(lambda: e2e.ae.run_jsx_file(path=str(path)), (str(path), "boom from e2e"))


# -- metadata --------------------------------------------------------------------------------

# stored text -> what the message says about it
CORRUPT = {
    "not JSON": ('[{"id": "ayon.load.container", ', "valid JSON"),
    "not a list": ('{"id": "x"}', "JSON list"),
}
METADATA_CALLS: dict[str, Callable[[E2E], object]] = {
    "get_metadata": lambda e: e.ae.get_metadata(),
    "imprint": lambda e: e.ae.imprint(entry={"id": "publish_context", "members": [], "data": {}}),
    "remove_instance": lambda e: e.ae.remove_instance(instance_id="8c5b1f0e"),
    "remove_metadata": lambda e: e.ae.remove_metadata(item_id=1),
}


def _corrupt(method: str, kind: str) -> Callable[[E2E], Provoked]:
    def provoke(e2e: E2E) -> Provoked:
        text, word = CORRUPT[kind]
        store_label(e2e, text)

        def kept() -> None:
            assert e2e.js("__e2e.readLabel()") == text

        return Provoked(lambda: METADATA_CALLS[method](e2e), ("xmp:Label", word), check=kept)

    provoke.__name__ = "_" + kind.replace(" ", "_")
    return provoke


for _method in METADATA_CALLS:
    for _kind in CORRUPT:
        provokes(_method, "MetadataCorrupt")(_corrupt(_method, _kind))


# -- the project file ------------------------------------------------------------------------

UNTITLED_CALLS: dict[str, Callable[[E2E], object]] = {
    "get_active_document_full_name": lambda e: e.ae.get_active_document_full_name(),
    "get_active_document_name": lambda e: e.ae.get_active_document_name(),
    "save": lambda e: e.ae.save(),
    "add_comp_to_render_queue": lambda e: e.ae.add_comp_to_render_queue(
        comp_id=e.id("untitled_comp")
    ),
}


# What the message names besides "untitled", where the call is about something in the project.
UNTITLED_NAMES: dict[str, tuple[str, ...]] = {"add_comp_to_render_queue": ("untitled_comp",)}


def _untitled(method: str) -> Callable[[E2E], Provoked]:
    def _untitled_project(e2e: E2E) -> Provoked:
        untitled(e2e)

        def no_dialog() -> None:
            assert e2e.js("__sim.dialogs") == []

        named = ("untitled", *UNTITLED_NAMES.get(method, ()))
        return Provoked(lambda: UNTITLED_CALLS[method](e2e), named, check=no_dialog)

    return _untitled_project


for _method in UNTITLED_CALLS:
    provokes(_method, "NoDocumentOpen")(_untitled(_method))


@provokes("save", "SaveFailed")
def _folder_gone(e2e: E2E) -> Provoked:
    path = e2e.tmp / "versions" / "shot_v002.aep"
    path.parent.mkdir()
    e2e.ae.save_as(path=str(path))
    shutil.rmtree(path.parent)
    return Provoked(lambda: e2e.ae.save(), (str(path),))


@provokes("save_as", "SaveFailed")
def _save_as_into_missing_folder(e2e: E2E) -> Provoked:
    path = _missing_path(e2e, "shot_v002.aep")
    return Provoked(lambda: e2e.ae.save_as(path=path), (path,))


@provokes("save_as", "SaveFailed")
def _copy_of_untitled(e2e: E2E) -> Provoked:
    untitled(e2e)
    path = str(e2e.tmp / "copy.aep")
    return Provoked(lambda: e2e.ae.save_as(path=path, as_copy=True), ("as_copy", "untitled", path))


# -- the render queue ------------------------------------------------------------------------


@provokes("get_render_info", "RenderQueueItemNotFound")
def _info_not_queued(e2e: E2E) -> Provoked:
    comp = e2e.id("sh030_comp")
    return Provoked(lambda: e2e.ae.get_render_info(comp_id=comp), ("sh030_comp",))


@provokes("render", "RenderQueueItemNotFound")
def _render_not_queued(e2e: E2E) -> Provoked:
    comp = e2e.id("sh030_comp")
    out = e2e.tmp / "out"

    def nothing_written() -> None:
        assert not out.exists()

    return Provoked(
        lambda: e2e.ae.render(comp_id=comp, output_dir=str(out)),
        ("sh030_comp",),
        check=nothing_written,
    )


@provokes("get_render_info", "MultipleRenderQueueItems")
def _info_queued_twice(e2e: E2E) -> Provoked:
    comp = e2e.id("sh010_comp")
    second_queue_item(e2e, comp)
    return Provoked(lambda: e2e.ae.get_render_info(comp_id=comp), ("sh010_comp", "2"))


@provokes("render", "MultipleRenderQueueItems")
def _render_queued_twice(e2e: E2E) -> Provoked:
    comp = e2e.id("sh010_comp")
    second_queue_item(e2e, comp)
    return Provoked(
        lambda: asyncio.run(e2e.aae.render(comp_id=comp, output_dir=str(e2e.tmp / "out"))),
        ("sh010_comp", "2"),
    )


@provokes("render", "RenderFailed")
def _output_folder_under_a_file(e2e: E2E) -> Provoked:
    comp = e2e.id("sh010_comp")
    blocker = e2e.tmp / "renders"
    blocker.write_text("a file where the folder should be\n", encoding="utf-8")
    out = str(blocker / "sh010")
    return Provoked(lambda: e2e.ae.render(comp_id=comp, output_dir=out), (out,))


@provokes("render", "RenderFailed")
def _second_output_folder_missing(e2e: E2E) -> Provoked:
    comp, other = e2e.id("sh010_comp"), e2e.id("sh030_comp")
    missing = _missing_path(e2e, "sh010_review.mov")
    e2e.ae.add_comp_to_render_queue(comp_id=other, output_dir=str(e2e.tmp / "other"))
    e2e.setup(
        f"var q = __e2e.queueOf({comp})[0]; q.outputModules.add();"
        f" q.outputModule(2).file = new File({json.dumps(missing)});"
    )
    out = e2e.tmp / "out"

    def other_items_restored() -> None:
        assert e2e.js(f"__e2e.queueOf({other})[0].render") is True
        assert e2e.js(f"__e2e.queueOf({comp})[0].status") == e2e.js("RQItemStatus.ERR_STOPPED")
        assert len(list(out.iterdir())) == 48  # the first output module's frames

    return Provoked(
        lambda: e2e.ae.render(comp_id=comp, output_dir=str(out)),
        ("sh010_comp",),
        changes=True,  # the render ran
        check=other_items_restored,
    )


# -- the tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_declared_error(e2e: E2E, case: Case) -> None:
    provoked = case.provoke(e2e)
    expected = getattr(ae_errors, case.error)
    mutations = e2e.mutations()

    with pytest.raises(ae_errors.AfterEffectsError) as raised:
        provoked.call()

    error = raised.value
    assert type(error) is expected, f"{error!r}: {error.data}"
    assert error.code == expected.code == DECLARED[(case.method, case.error)]
    for word in provoked.names:
        assert word in error.message, f"{word!r} not named in {error.message!r}"
    assert e2e.session.recorder.last() == (case.method, case.error)
    if not provoked.changes:
        assert e2e.mutations() == mutations, "the failed call changed the project"
    if provoked.check is not None:
        provoked.check()


def test_every_declared_error_is_provoked_or_listed() -> None:
    provoked = {(case.method, case.error) for case in CASES}
    listed = set(NOT_PROVOKABLE)
    declared = set(DECLARED)
    assert len(declared) == 64
    assert sorted(provoked & listed) == [], "listed as not provokable, yet provoked"
    assert sorted(declared - provoked - listed) == [], "declared errors without a case"
    assert sorted((provoked | listed) - declared) == [], "cases for errors the schema lacks"
    assert all(reason.strip() for reason in NOT_PROVOKABLE.values())


def test_every_schema_error_has_its_typed_class() -> None:
    for name, error in SCHEMA["components"]["errors"].items():
        cls = getattr(ae_errors, name)
        assert issubclass(cls, ae_errors.AfterEffectsError)
        assert cls.code == error["code"]
        assert ae_errors.ERRORS_BY_CODE[error["code"]] is cls
