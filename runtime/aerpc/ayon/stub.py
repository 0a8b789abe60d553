"""``AfterEffectsServerStub`` with the reference's method names, positional signatures and
return shapes, carried by the typed client :class:`aerpc.aftereffects.AfterEffects`.

A studio switches the transport first (``get_stub()`` now returns this class) and then ports
its plugins to the typed client one by one. Where aerpc's behaviour differs from the
reference's, this class keeps the reference's where callers rely on it (``saveAs`` always moves
the project, ``imprint(item_id, {})`` deletes the record); docs/migration.md lists every
difference. Errors the host declares arrive as :class:`StubError`, a ``ValueError`` (what the
reference raised and AYON's plugins catch) that keeps the typed error as ``error``.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Concatenate, ParamSpec, TypeVar

from aerpc.aftereffects import AfterEffects, AfterEffectsError
from aerpc.runtime import UNSET, Host, Server

from . import wording
from .records import (
    LIFTED,
    AEItem,
    Record,
    background_item,
    comp_item,
    flat_record,
    import_options,
    project_item,
    render_item,
    reply_item,
    typed_entry,
)

P = ParamSpec("P")
R = TypeVar("R")


class StubError(ValueError):
    """A declared After Effects error, raised as the reference's ``ValueError``; the typed
    error (with its code and data) is ``error`` and the exception's cause. The message is the
    reference's wording where AYON shows it to artists (see :mod:`aerpc.ayon.wording`), else
    the typed error's."""

    def __init__(self, error: AfterEffectsError, message: str | None = None) -> None:
        super().__init__(message or error.message)
        self.error = error


@contextmanager
def _as_value_error(reword: wording.Reword | None = None) -> Iterator[None]:
    """Declared errors raise :class:`StubError`, worded by ``reword`` when it has words."""
    try:
        yield
    except AfterEffectsError as exc:
        raise StubError(exc, reword(exc) if reword else None) from exc


def _reference_errors(
    method: Callable[Concatenate[AfterEffectsServerStub, P], R],
) -> Callable[Concatenate[AfterEffectsServerStub, P], R]:
    """Declared errors of the wrapped call raise :class:`StubError`."""

    def wrapper(self: AfterEffectsServerStub, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with _as_value_error():
            return method(self, *args, **kwargs)

    functools.update_wrapper(wrapper, method)  # name, docstring, signature
    return wrapper


def _optional(value: R | None) -> R | Any:
    """``None`` (the reference's "not given") as the typed client's UNSET."""
    return UNSET if value is None else value


def _matches(record: Mapping[str, Any], item_id: int | str) -> bool:
    """The reference's imprint match: ``members[0]`` or ``instance_id`` equal to ``item_id``.
    ``instance_id`` compares as text, as the typed entry carries it (a legacy ``20`` is "20")."""
    members = record.get("members")
    if members and str(members[0]) == str(item_id):
        return True
    instance_id = record.get("instance_id")
    return instance_id is not None and str(instance_id) == str(item_id)


class AfterEffectsServerStub:
    """The reference's stub, method for method, over the typed client ``ae``."""

    PUBLISH_ICON = "\u2117 "
    LOADED_ICON = "\u25bc"

    def __init__(self, ae: AfterEffects) -> None:
        self.ae = ae

    # -- the project file -------------------------------------------------------------------

    @_reference_errors
    def open(self, path: str, discard_unsaved: bool = False) -> None:
        """Open ``path``. Raises StubError (UnsavedChanges) over unsaved changes unless
        ``discard_unsaved``; the reference let After Effects show its save prompt."""
        self.ae.open(path=path, discard_unsaved=discard_unsaved)

    @_reference_errors
    def save(self) -> None:
        self.ae.save()

    @_reference_errors
    def saveAs(self, project_path: str, as_copy: bool) -> None:
        """Save to ``project_path``; the project then refers to it, whatever ``as_copy`` says.

        That is the reference's behaviour (its JSX ignored ``as_copy``), which AYON's
        ``save_workfile`` relies on when it calls ``saveAs(dst, True)``. For a real copy call
        ``self.ae.save_as(path=..., as_copy=True)``.
        """
        del as_copy  # ignored, as in the reference
        self.ae.save_as(path=project_path)

    def is_saved(self) -> bool:
        """Whether the project has no unsaved changes (the reference always said True)."""
        with _as_value_error():
            return self.ae.get_project_state()["is_saved"]

    def get_active_document_full_name(self) -> str:
        with _as_value_error(wording.no_document):
            return self.ae.get_active_document_full_name()

    def get_active_document_name(self) -> str:
        with _as_value_error(wording.no_document):
            return self.ae.get_active_document_name()

    @_reference_errors
    def close(self) -> None:
        self.ae.close()

    # -- metadata -----------------------------------------------------------------------------

    @_reference_errors
    def get_metadata(self) -> list[Record]:
        """Every stored record as the reference's flat dict."""
        return [flat_record(entry) for entry in self.ae.get_metadata()]

    def read(self, item: AEItem, layers_meta: list[Record] | None = None) -> Record | None:
        """The container record of ``item`` (``id`` containing "container", ``members[0]`` its
        id), from ``layers_meta`` or a fresh ``get_metadata``."""
        if layers_meta is None:
            layers_meta = self.get_metadata()
        for record in layers_meta:
            members = record.get("members") or [None]
            if "container" in str(record.get("id")) and str(item.id) == str(members[0]):
                return record
        return None

    @_reference_errors
    def imprint(
        self,
        item_id: int | str,
        data: Mapping[str, Any],
        all_items: Sequence[AEItem] | None = None,
        items_meta: list[Record] | None = None,
    ) -> None:
        """Merge ``data`` into the records matching ``item_id`` (``members[0]`` or
        ``instance_id``), or store ``data`` as a new record; empty ``data`` deletes them.

        ``items_meta`` spares the ``get_metadata`` round trip when given, as in the reference;
        ``all_items`` is accepted and unused (the host drops orphaned records itself).
        """
        del all_items
        if not items_meta:
            items_meta = self.get_metadata()
        matching = [record for record in items_meta if _matches(record, item_id)]
        if not data:
            for record in matching:
                self._forget(record, item_id)
            return
        for record in matching or [{}]:
            # Only the keys that find the record travel with data: the host merges data into
            # what it stores, so values it read as None (Python's NaN) stay as they were.
            keys = {key: record[key] for key in LIFTED if key in record}
            self.ae.imprint(entry=typed_entry({**keys, **data}))

    def _forget(self, record: Mapping[str, Any], item_id: int | str) -> None:
        instance_id = record.get("instance_id")
        if instance_id not in (None, ""):
            self.ae.remove_instance(instance_id=str(instance_id))
        else:
            self.ae.remove_metadata(item_id=int(item_id))

    @_reference_errors
    def remove_instance(self, instance_id: int | str, metadata: list[Record] | None = None) -> None:
        """Forget the instance whose ``instance_id`` (or legacy ``uuid``) is ``instance_id``;
        ``metadata`` is accepted and unused (the host filters its own storage)."""
        del metadata
        self.ae.remove_instance(instance_id=str(instance_id))

    # -- items --------------------------------------------------------------------------------

    @_reference_errors
    def get_items(self, comps: bool, folders: bool = False, footages: bool = False) -> list[AEItem]:
        items = self.ae.get_items(comps=comps, folders=folders, footages=footages)
        return [project_item(item) for item in items]

    @_reference_errors
    def get_selected_items(
        self, comps: bool, folders: bool = False, footages: bool = False
    ) -> list[AEItem]:
        items = self.ae.get_selected_items(comps=comps, folders=folders, footages=footages)
        return [project_item(item) for item in items]

    def get_item(self, item_id: int | str) -> AEItem | None:
        for item in self.get_items(True, True, True):
            if str(item.id) == str(item_id):
                return item
        return None

    @_reference_errors
    def select_items(self, items: Sequence[int]) -> None:
        self.ae.select_items(item_ids=list(dict.fromkeys(int(item) for item in items)))

    @_reference_errors
    def add_item(self, name: str, item_type: str) -> int:
        """Create a ``"COMP"`` or ``"FOLDER"`` (the reference's upper-case names)."""
        kind = item_type.lower()
        if kind == "comp":
            return self.ae.add_item(name=name, item_type="comp")
        if kind == "folder":
            return self.ae.add_item(name=name, item_type="folder")
        raise ValueError(wording.ONLY_COMP_OR_FOLDER)

    def import_file(
        self, path: str, item_name: str, import_options: Mapping[str, Any] | None = None
    ) -> AEItem:
        """Import ``path`` as ``item_name``; the reference's option keys (``ImportAsType``,
        ``sequence``, ``fps``)."""
        with _as_value_error(wording.missing_file(path)):
            created = self.ae.import_file(
                path=path, name=item_name, import_options=_options(import_options)
            )
        return reply_item(created["id"], created["name"])

    def replace_item(self, item_id: int, path: str, item_name: str) -> None:
        with _as_value_error(wording.missing_file_or_item(path, item_id)):
            self.ae.replace_item(item_id=int(item_id), path=path, name=item_name)

    @_reference_errors
    def rename_item(self, item_id: int, item_name: str) -> None:
        self.ae.rename_item(item_id=int(item_id), name=item_name)

    @_reference_errors
    def delete_item(self, item_id: int) -> None:
        self.ae.delete_item(item_id=int(item_id))

    def set_label_color(self, item_id: int, color_idx: int) -> None:
        with _as_value_error(wording.no_composition(item_id)):
            self.ae.set_label_color(item_id=int(item_id), label=color_idx)

    # -- compositions -------------------------------------------------------------------------

    def get_comp_properties(self, comp_id: int) -> AEItem:
        with _as_value_error(wording.no_composition(comp_id)):
            return comp_item(self.ae.get_comp_properties(comp_id=int(comp_id)))

    def set_comp_properties(
        self,
        comp_id: int,
        start: int | None,
        duration: int | None,
        frame_rate: float | None,
        width: int | None,
        height: int | None,
    ) -> None:
        """Set what is given (``None`` leaves a property as it is)."""
        with _as_value_error(wording.no_composition(comp_id)):
            self.ae.set_comp_properties(
                comp_id=int(comp_id),
                frame_start=_optional(start),
                frames_duration=_optional(duration),
                frame_rate=_optional(frame_rate),
                width=_optional(width),
                height=_optional(height),
            )

    def get_audio_url(self, item_id: int) -> str | None:
        """The audio file of the comp, or None (the reference returned ``"undefined"``)."""
        with _as_value_error(wording.no_composition(item_id)):
            return self.ae.get_audio_url(comp_id=int(item_id))

    @_reference_errors
    def import_background(self, comp_id: int | None, comp_name: str, files: list[str]) -> AEItem:
        background = self.ae.import_background(
            comp_id=_optional(comp_id), name=comp_name, paths=list(files)
        )
        return background_item(background)

    @_reference_errors
    def reload_background(self, comp_id: int, comp_name: str, files: list[str]) -> AEItem:
        background = self.ae.reload_background(
            comp_id=int(comp_id), name=comp_name, paths=list(files)
        )
        return background_item(background)

    def add_item_as_layer(self, comp_id: int, item_id: int) -> None:
        with _as_value_error(wording.no_comp_or_item(comp_id, item_id)):
            self.ae.add_item_as_layer(comp_id=int(comp_id), item_id=int(item_id))

    def add_item_instead_placeholder(self, placeholder_item_id: int, item_id: int) -> None:
        with _as_value_error(wording.no_item(item_id, "item_id")):
            self.ae.add_item_instead_placeholder(
                placeholder_item_id=int(placeholder_item_id), item_id=int(item_id)
            )

    @_reference_errors
    def add_placeholder(
        self, name: str, width: int, height: int, fps: float, duration: float
    ) -> int:
        return self.ae.add_placeholder(
            name=name, width=width, height=height, frame_rate=fps, duration=duration
        )

    # -- the render queue ---------------------------------------------------------------------

    def get_render_info(self, comp_id: int) -> list[AEItem]:
        """One ``AEItem`` per output module; the reference's messages when the comp is gone or
        has no (or more than one) render-queue item, which the render collector shows."""
        with _as_value_error(wording.render_queue(comp_id, self._item_name)):
            outputs = self.ae.get_render_info(comp_id=int(comp_id))
        return [render_item(output) for output in outputs]

    def _item_name(self, item_id: int | str) -> str | None:
        item = self.get_item(item_id)
        return None if item is None else str(item.name)

    @_reference_errors
    def add_comp_to_render_queue(self, comp_id: int, output_path: str | None = None) -> bool:
        """True when the comp is in the render queue (already, or now)."""
        return self.ae.add_comp_to_render_queue(
            comp_id=int(comp_id), output_dir=_optional(output_path)
        )

    @_reference_errors
    def remove_comp_from_render_queue(self, comp_id: int) -> bool:
        return self.ae.remove_comp_from_render_queue(comp_id=int(comp_id))

    @_reference_errors
    def render(self, folder_url: str, comp_id: int) -> None:
        self.ae.render(comp_id=int(comp_id), output_dir=folder_url)

    # -- the application ----------------------------------------------------------------------

    def run_jsx_file(self, path: str) -> Any:
        with _as_value_error(wording.jsx_file(path)):
            return self.ae.run_jsx_file(path=path)

    @_reference_errors
    def get_extension_version(self) -> str:
        return self.ae.get_extension_version()

    @_reference_errors
    def get_app_version(self) -> str:
        return self.ae.get_app_version()

    @_reference_errors
    def print_msg(self, msg: str) -> None:
        self.ae.print_msg(msg=msg)


def _options(options: Mapping[str, Any] | None) -> Any:
    typed = import_options(options)
    return typed if typed else UNSET


class ConnectionNotEstablishedYet(Exception):
    """No After Effects is connected (the reference's exception of the same name)."""


_installed: list[AfterEffects] = []
_lock = threading.Lock()


def install(target: AfterEffects | Server) -> None:
    """Make ``get_stub()`` call through ``target``: a typed client, or a server whose host it
    builds one for."""
    client = target if isinstance(target, AfterEffects) else AfterEffects(target.host)
    with _lock:
        _installed[:] = [client]


def uninstall() -> None:
    """Forget what :func:`install` set; ``get_stub()`` raises again."""
    with _lock:
        _installed.clear()


def get_stub() -> AfterEffectsServerStub:
    """The stub over the installed client; ConnectionNotEstablishedYet when nothing is
    installed or its After Effects is not connected."""
    with _lock:
        client = _installed[0] if _installed else None
    if client is None:
        raise ConnectionNotEstablishedYet("no After Effects client installed: call install() first")
    host = client.host
    if isinstance(host, Host) and not host.connected:
        raise ConnectionNotEstablishedYet("Connection is not created yet")
    return AfterEffectsServerStub(client)
