"""The reference's error messages, for the stub's ``ValueError``s.

AYON's plugins show a stub's ``ValueError`` to the artist as it is (the render collector lets
``get_render_info``'s through to the publisher, whose "Add composition to Render Queue" and
"Recreate publishable instance(s)" say what to do), so the stub words a typed error as the
reference's host script did. Each function here takes the call's arguments and returns a
rewording: the typed error in, the reference's sentence out, or None to keep the typed message
(an error the reference did not report, or reported only as "EvalScript error.").
"""

from __future__ import annotations

from collections.abc import Callable

from aerpc.aftereffects import (
    AfterEffectsError,
    FileNotFound,
    ItemNotFound,
    MultipleRenderQueueItems,
    NoDocumentOpen,
    NotAComposition,
    RenderQueueItemNotFound,
    ScriptFailed,
)
from aerpc.runtime import RemoteError

Reword = Callable[[AfterEffectsError], str | None]

ONLY_COMP_OR_FOLDER = "Only 'COMP' or 'FOLDER' can be created"


def no_document(error: AfterEffectsError) -> str | None:
    """``get_active_document_(full_)name`` on an untitled project."""
    return "No file open currently" if isinstance(error, NoDocumentOpen) else None


def no_composition(comp_id: object) -> Reword:
    """Calls on a composition that is gone (or is no composition)."""

    def reword(error: AfterEffectsError) -> str | None:
        if isinstance(error, ItemNotFound | NotAComposition):
            return f"There is no composition with {comp_id}"
        return None

    return reword


def no_item(item_id: object, param: str) -> Reword:
    """Calls whose item ``param`` is gone."""

    def reword(error: AfterEffectsError) -> str | None:
        if isinstance(error, ItemNotFound) and _names(error, param):
            return f"There is no item with {item_id}"
        return None

    return reword


def no_comp_or_item(comp_id: object, item_id: object) -> Reword:
    """``add_item_as_layer``: the composition or the item is gone."""
    item = no_item(item_id, "item_id")
    comp = no_composition(comp_id)
    return lambda error: item(error) or comp(error)


def missing_file(path: str) -> Reword:
    """``import_file`` of a file that does not exist."""

    def reword(error: AfterEffectsError) -> str | None:
        return f"File {path} not found." if isinstance(error, FileNotFound) else None

    return reword


def missing_file_or_item(path: str, item_id: object) -> Reword:
    """``replace_item``: the new file or the item is missing."""
    file = missing_file(path)
    item = no_item(item_id, "item_id")
    return lambda error: file(error) or item(error)


def render_queue(comp_id: int | str, name_of: Callable[[int | str], str | None]) -> Reword:
    """``get_render_info``: the reference's three messages; ``name_of`` finds the comp's name
    (only when the error needs it)."""

    def name() -> str:
        try:
            found = name_of(comp_id)
        except (RemoteError, ValueError):
            found = None
        return str(comp_id) if found is None else found

    def reword(error: AfterEffectsError) -> str | None:
        if isinstance(error, ItemNotFound | NotAComposition):
            return f"Composition with '{comp_id}' wasn't found! Recreate publishable instance(s)"
        if isinstance(error, RenderQueueItemNotFound):
            return (
                f"There is no item in Render Queue for '{name()}'! Add composition to Render Queue."
            )
        if isinstance(error, MultipleRenderQueueItems):
            return f"There cannot be more items in Render Queue for '{name()}'!"
        return None

    return reword


def jsx_file(path: str) -> Reword:
    """``run_jsx_file``: a missing file, or a script that threw."""

    def reword(error: AfterEffectsError) -> str | None:
        if isinstance(error, FileNotFound):
            return f"JSX file not found: {path}"
        if isinstance(error, ScriptFailed):
            return f"Failed to execute JSX file: {error.message}"
        return None

    return reword


def _names(error: AfterEffectsError, param: str) -> bool:
    """Whether the error's data names ``param`` (the host puts the parameter's name there)."""
    return isinstance(error.data, dict) and param in error.data
