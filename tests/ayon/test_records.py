"""``aerpc.ayon.records``: the reference's shapes to and from the typed client's, without a host."""

from __future__ import annotations

import pytest

from aerpc.aftereffects import MetadataEntry
from aerpc.ayon.records import AEItem, flat_record, import_options, project_item, typed_entry


def test_flat_records_and_typed_entries_convert_both_ways() -> None:
    record = {
        "schema": "ayon:container-3.0",
        "id": "ayon.load.container",
        "name": "plateMain",
        "members": ["63", 64],
    }
    entry = typed_entry(record)
    assert entry == {
        "id": "ayon.load.container",
        "members": [63, 64],
        "data": {"schema": "ayon:container-3.0", "name": "plateMain"},
    }
    assert flat_record(entry) == {**record, "members": [63, 64]}

    instance: MetadataEntry = {"id": "x", "instance_id": "17", "members": [], "data": {"a": 1}}
    assert typed_entry(flat_record(instance)) == instance
    assert typed_entry({"id": "x", "instance_id": 17})["instance_id"] == "17"
    assert "instance_id" not in typed_entry({"id": "x", "instance_id": ""})


def test_a_record_without_an_id_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="needs an 'id'"):
        typed_entry({"representation": "r2"})


@pytest.mark.parametrize(
    ("options", "typed"),
    [
        (None, {}),
        ({}, {}),
        ({"ImportAsType": "ImportAsType.COMP"}, {"import_as": "comp"}),
        (
            {"ImportAsType": "ImportAsType.COMP_CROPPED_LAYERS"},
            {"import_as": "comp_cropped_layers"},
        ),
        ({"ImportAsType": "COMP"}, {}),  # the reference matched only after the start
        (
            {"ImportAsType": "ImportAsType.FOOTAGE", "fps": 25},
            {"import_as": "footage", "fps": 25.0},
        ),
        ({"ImportAsType": "ImportAsType.PROJECT"}, {"import_as": "project"}),
        ({"sequence": False}, {"sequence": True}),  # the reference tested for the key
        ({"fps": "25"}, {}),
    ],
)
def test_import_options_read_the_references_keys(
    options: dict[str, object] | None, typed: dict[str, object]
) -> None:
    assert import_options(options) == typed


def test_project_items_have_the_references_fields() -> None:
    item = project_item(
        {
            "id": 7,
            "name": "sh010_comp",
            "type": "comp",
            "path": None,
            "containing_comps": [],
            "parent_folder_id": None,
        }
    )
    assert (item.id, item.name, item.item_type, item.path) == (7, "sh010_comp", "comp", "")
    # fields the reply lacks are None, as the reference's _to_records made them
    assert (item.members, item.uuid, item.is_placeholder, item.pixelAspect) == (None, None, None, 1)
    assert AEItem(1, "x").members == []  # the class keeps the reference's attr defaults
