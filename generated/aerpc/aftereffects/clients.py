# Generated from schema/aftereffects.openrpc.json (After Effects 1.0.0)
# by `aerpc generate`. Do not edit: edit the schema and run `aerpc generate`.
# Schema hash: sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce
"""Typed clients for the methods After Effects serves.

:class:`AfterEffects` blocks the calling thread (plugin code); :class:`AsyncAfterEffects`
offers the same methods as coroutines. Both wrap a host connection from ``aerpc.runtime``::

    host = server.wait_for_host(timeout=120)
    ae = AfterEffects(host)
    ae.add_comp_to_render_queue(comp_id=42, output_dir="/projects/sh010/work/output")
    ae.add_item(name="sh010_comp", item_type="comp")
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import cast

from aerpc.runtime.channel import UNSET, CallOptions, HostChannel, Unset
from aerpc.runtime.events import CallProgress, event_source

from .events import Events
from .types import (
    BackgroundResult,
    CompProperties,
    ImportOptions,
    ImportResult,
    JsonValue,
    Layer,
    MetadataEntry,
    NewItemType,
    ProjectItem,
    ProjectState,
    RenderOutput,
    RenderProgress,
)

__all__ = ["AfterEffects", "AsyncAfterEffects"]


class AsyncAfterEffects:
    """Coroutine calls to After Effects, one method per schema method it serves.

    Each call is validated against the schema before it is sent and its result on arrival. It
    ends by its deadline: the method's default (below) or :meth:`with_timeout`; while no host
    is connected, it waits for one at most the server's ``connect_timeout`` (or
    :meth:`with_connect_timeout`).
    """

    __slots__ = ("_host", "_options")

    def __init__(self, host: HostChannel, options: CallOptions | None = None) -> None:
        self._host = host
        self._options = options if options is not None else CallOptions()

    @property
    def host(self) -> HostChannel:
        """The connection the calls go through."""
        return self._host

    @property
    def events(self) -> Events:
        """Typed subscriptions to the events After Effects sends (``.events``), through the
        connection's event hub; ``EventsUnavailable`` when the connection delivers none."""
        return Events(event_source(self._host))

    def with_timeout(self, seconds: float) -> AsyncAfterEffects:
        """The same client with every call's deadline set to ``seconds``."""
        return AsyncAfterEffects(self._host, self._options.with_timeout(seconds))

    def with_connect_timeout(self, seconds: float) -> AsyncAfterEffects:
        """The same client with calls waiting at most ``seconds`` for a host to connect (then
        ``NotConnected``, saying why), whatever their deadline."""
        return AsyncAfterEffects(self._host, self._options.with_connect_timeout(seconds))

    def __repr__(self) -> str:
        options = "" if self._options == CallOptions() else f" {self._options}"
        return f"<AsyncAfterEffects {self._host!r}{options}>"

    async def add_comp_to_render_queue(
        self,
        *,
        comp_id: int,
        output_dir: str | os.PathLike[str] | Unset = UNSET,
    ) -> bool:
        """Queue a composition for rendering unless it is already queued.

        Makes sure composition `comp_id` has a render-queue item: adds one when it has none,
        whose output modules write into `output_dir`, or `<project folder>/output` when absent,
        keeping their file-name template; a comp already queued is left as it is. Returns true
        in both cases, the reference's contract ("True when composition is in render queue";
        AYON's render creator raises on a false value); failures raise instead of returning
        false. x-idempotent is true although it creates an item: it only creates one when none
        exists, so a repeat leaves the same queue. Reference wire name of `output_dir`:
        `output_path`.

        Args:
            comp_id: Id of the composition. (at least 1)
            output_dir: Absolute path of the folder the output modules write to; created if
                missing. Absent means `<project folder>/output`. Reference wire name:
                `output_path`. (non-empty, a file path)

        Returns:
            Always true: the composition is in the render queue (already, or now).

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            NoDocumentOpen: No project file is open (code 1003).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
        }
        if not isinstance(output_dir, Unset):
            params["output_dir"] = output_dir
        return cast(
            "bool", await self._host.call("add_comp_to_render_queue", params, self._options)
        )

    async def add_item(
        self,
        *,
        name: str,
        item_type: NewItemType,
    ) -> int:
        """Create a composition or a folder.

        Creates a new item in the project's root folder and returns its id. A composition gets
        placeholder settings (1920x1080, square pixels, 10 s, 25 fps) that callers overwrite
        with `set_comp_properties`; the reference used 1920x1060, a typo. `item_type` values are
        lower-case now (reference: `COMP`, `FOLDER`); any other value is refused by the schema
        instead of by the host.

        Args:
            name: Name of the new item. (non-empty)
            item_type: Kind of item to create.

        Returns:
            Id of the created item.

        Raises:
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "name": name,
            "item_type": item_type,
        }
        return cast("int", await self._host.call("add_item", params, self._options))

    async def add_item_as_layer(
        self,
        *,
        comp_id: int,
        item_id: int,
    ) -> Layer:
        """Add a project item as a new layer of a composition.

        Adds footage or a composition `item_id` as the top layer of composition `comp_id`
        (`LayerCollection.add`) and returns the new layer. The reference returned nothing and
        its Python stub then raised `ValueError` on success.

        Args:
            comp_id: Id of the composition. The target composition. (at least 1)
            item_id: Id of the footage or composition to add; a folder, or the target comp
                itself, is refused. (at least 1)

        Returns:
            The new layer.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            InvalidItemType: Item is of the wrong type for this operation (code 1005).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
            "item_id": item_id,
        }
        return cast("Layer", await self._host.call("add_item_as_layer", params, self._options))

    async def add_item_instead_placeholder(
        self,
        *,
        placeholder_item_id: int,
        item_id: int,
    ) -> int:
        """Put a loaded item into every layer slot of a template placeholder.

        For every composition that uses placeholder item `placeholder_item_id` as a layer
        source, adds `item_id` as a new layer right below the placeholder layer, where the
        placeholder was: the same point of the new footage (the placeholder's anchor point,
        taken relative to its size) sits at the placeholder's position, so footage of another
        size is not shifted; scale, rotation, opacity, parent, 3D switch and orientation, start
        time, stretch, in and out points are copied. Returns how many layers were added. The
        placeholder itself is left for the caller to delete. Fixes the reference's ES3 bug where
        the inner loop's `var i` clobbered the outer loop, so only the first composition was
        handled.

        Args:
            placeholder_item_id: Id of the placeholder footage item created by
                `add_placeholder`. (at least 1)
            item_id: Id of the loaded footage or composition to place. (at least 1)

        Returns:
            Number of layers added (0 when no composition uses the placeholder).

        Raises:
            ItemNotFound: Item not found (code 1001).
            InvalidItemType: Item is of the wrong type for this operation (code 1005).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 2 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "placeholder_item_id": placeholder_item_id,
            "item_id": item_id,
        }
        return cast(
            "int", await self._host.call("add_item_instead_placeholder", params, self._options)
        )

    async def add_placeholder(
        self,
        *,
        name: str,
        width: int,
        height: int,
        frame_rate: float,
        duration: float,
    ) -> int:
        """Create a placeholder footage item for the workfile-template builder.

        Creates a PlaceholderItem (`Project.importPlaceholder`) that stands in for content the
        template builder loads later, and returns its id. The reference left its undo group open
        on success and, on failure, only logged and returned nothing. Reference wire name of
        `frame_rate`: `fps`.

        Args:
            name: Name of the placeholder item. (non-empty)
            width: Width in pixels. (4 to 30000)
            height: Height in pixels. (4 to 30000)
            frame_rate: Frames per second. Reference wire name: `fps`. (1 to 99)
            duration: Length in seconds (0 for a still). (0 to 10800)

        Returns:
            Id of the created placeholder item.

        Raises:
            ImportFailed: Import failed (code 1009).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "name": name,
            "width": width,
            "height": height,
            "frame_rate": frame_rate,
            "duration": duration,
        }
        return cast("int", await self._host.call("add_placeholder", params, self._options))

    async def close(self) -> None:
        """Close the project without saving and quit After Effects.

        Closes the project discarding unsaved changes (`CloseOptions.DO_NOT_SAVE_CHANGES`) and
        quits AE. The host sends its null reply before it quits (the quit is scheduled after the
        reply), but the socket may still drop first; callers treat `ConnectionLost` after
        `close` as success. The reference never replied, so the caller blocked forever. Not
        idempotent, so the runtime never re-sends it to a panel that reconnected.

        Returns:
            Nothing.

        Raises:
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {}
        await self._host.call("close", params, self._options)

    async def delete_item(
        self,
        *,
        item_id: int,
    ) -> None:
        """Delete a project item.

        Removes any project item (`Item.remove()`); deleting a folder deletes its contents. Not
        idempotent: a repeated call fails with `ItemNotFound`, so a lost reply is reported
        rather than retried (AE never reuses ids, so a repeat could not delete another item).
        The reference crashed with a ReferenceError on a missing item.

        Args:
            item_id: Id of the project item. (at least 1)

        Returns:
            Nothing.

        Raises:
            ItemNotFound: Item not found (code 1001).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "item_id": item_id,
        }
        await self._host.call("delete_item", params, self._options)

    async def get_active_document_full_name(self) -> str:
        """Absolute path of the open project file.

        Returns the OS-native absolute path (`app.project.file.fsName`) of the current project.
        Raises `NoDocumentOpen` for an untitled project that was never saved (the reference
        returned `{"error": "No file open currently"}`).

        Returns:
            Absolute path of the project file.

        Raises:
            NoDocumentOpen: No project file is open (code 1003).
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {}
        return cast(
            "str", await self._host.call("get_active_document_full_name", params, self._options)
        )

    async def get_active_document_name(self) -> str:
        """File name of the open project.

        Returns the file name (`app.project.file.name`, e.g. `sh010_comp_v003.aep`) of the
        current project. Raises `NoDocumentOpen` for an untitled project.

        Returns:
            File name of the project, with extension.

        Raises:
            NoDocumentOpen: No project file is open (code 1003).
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {}
        return cast("str", await self._host.call("get_active_document_name", params, self._options))

    async def get_app_version(self) -> str:
        """Version of After Effects.

        Returns `app.version`, e.g. `24.6.1x3` (callers take the leading `major.minor`).

        Returns:
            After Effects version string.

        Raises:
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {}
        return cast("str", await self._host.call("get_app_version", params, self._options))

    async def get_audio_url(
        self,
        *,
        comp_id: int,
    ) -> str | None:
        """Path of the audio file used in a composition, if any.

        Returns the source file path of the first AV layer (from the top) that has audio and a
        file source. Returns null when the comp has no such layer; the reference returned the
        string `"undefined"` there, which the audio collector stored as a path. Reference wire
        name of `comp_id`: `item_id`.

        Args:
            comp_id: Id of the composition. Reference wire name: `item_id`. (at least 1)

        Returns:
            Absolute, OS-native path of the audio source file, or null when the comp has no
            audio layer.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
        }
        return cast("str | None", await self._host.call("get_audio_url", params, self._options))

    async def get_comp_properties(
        self,
        *,
        comp_id: int,
    ) -> CompProperties:
        """Read a composition's frame range, frame rate and resolution.

        Returns the timing and format of composition `comp_id`. Reference wire name of
        `comp_id`: `item_id` (the Python stub already called it `comp_id`). A missing or
        non-comp item raises instead of returning `{"error"}` (which made the reference's
        orphan-instance cleanup branch unreachable).

        Args:
            comp_id: Id of the composition. Reference wire name: `item_id`. (at least 1)

        Returns:
            The composition's properties.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
        }
        return cast(
            "CompProperties", await self._host.call("get_comp_properties", params, self._options)
        )

    async def get_extension_version(self) -> str:
        """Version of the installed CEP extension.

        Answered by the panel's JavaScript, not ExtendScript: it reads the
        `ExtensionBundleVersion` of the extension's `CSXS/manifest.xml`. The hello handshake
        also carries it; this method stays for the publish plugin that checks it. The reference
        returned a hand-built JSON string, or `"undefined"` when the manifest could not be read
        (now an internal error).

        Returns:
            Extension version, e.g. `1.2.0`.

        Raises:
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {}
        return cast("str", await self._host.call("get_extension_version", params, self._options))

    async def get_items(
        self,
        *,
        comps: bool = False,
        folders: bool = False,
        footages: bool = False,
    ) -> list[ProjectItem]:
        """List project items of the requested kinds.

        Walks `app.project.items` and returns the items whose kind is requested by the flags.
        All flags default to false, so a call with no flags returns an empty list. The reference
        made `comps` a required Python argument and returned `{}` placeholders for filtered-out
        items.

        Args:
            comps: Include compositions (CompItem) in the result. Absent means false.
            folders: Include folders (FolderItem) in the result. Absent means false.
            footages: Include footage items (FootageItem: files, sequences, solids,
                placeholders) in the result. Absent means false.

        Returns:
            Matching items in Project-panel order. Items filtered out are omitted (the reference
            sent `{}` for them).

        Raises:
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comps": comps,
            "folders": folders,
            "footages": footages,
        }
        return cast("list[ProjectItem]", await self._host.call("get_items", params, self._options))

    async def get_layers(
        self,
        *,
        comp_id: int,
    ) -> list[Layer]:
        """List the layers of a composition.

        Returns the composition's layers from top (index 1) to bottom. New method: the reference
        could only inspect layers inside single-purpose JSX functions.

        Args:
            comp_id: Id of the composition. (at least 1)

        Returns:
            Layers in index order.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
        }
        return cast("list[Layer]", await self._host.call("get_layers", params, self._options))

    async def get_metadata(self) -> list[MetadataEntry]:
        """Read all pipeline metadata stored in the project.

        Returns every record of the pipeline's metadata list, kept in the `xmp:Label` property
        of the project's XMP packet. An empty list when nothing is stored. The reference
        returned the raw stored string (or `{"result": []}`) and Python parsed it; a stored
        value that is not a JSON list now raises `MetadataCorrupt` instead of
        `ValueError("Received broken JSON ...")`. What Python's `json.dumps` writes and
        `json.loads` reads is accepted: the bare `NaN`, `Infinity` and `-Infinity` it writes for
        non-finite floats read as null (JSON has no such numbers) and stay as they were in
        storage. Malformed dicts without a string `id` are left untouched in storage but not
        returned.

        Returns:
            The stored records, in stored order.

        Raises:
            MetadataCorrupt: Stored pipeline metadata is not valid JSON (code 1013).
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {}
        return cast(
            "list[MetadataEntry]", await self._host.call("get_metadata", params, self._options)
        )

    async def get_project_state(self) -> ProjectState:
        """Summary of the open project: file, unsaved changes, size.

        Returns a snapshot of the current project. New method: it answers "is a file open" and
        "are there unsaved changes" (the reference's `is_saved()` was a local stub that always
        said true) in one call.

        Returns:
            The project state.

        Raises:
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {}
        return cast(
            "ProjectState", await self._host.call("get_project_state", params, self._options)
        )

    async def get_render_info(
        self,
        *,
        comp_id: int,
    ) -> list[RenderOutput]:
        """Read where a composition's render-queue item writes its files.

        Finds the single render-queue item of composition `comp_id` and returns one entry per
        output module. Now a pure read: the reference duplicated and removed DONE render-queue
        items here to make them renderable again; `render` does that now. Raises when the comp
        has no render-queue item or more than one (the reference's `{"error"}` strings).

        Args:
            comp_id: Id of the composition. (at least 1)

        Returns:
            One entry per output module of the comp's render-queue item, in output-module order.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            RenderQueueItemNotFound: Composition has no render queue item (code 1006).
            MultipleRenderQueueItems: Composition has more than one render queue item (code 1007).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
        }
        return cast(
            "list[RenderOutput]", await self._host.call("get_render_info", params, self._options)
        )

    async def get_selected_items(
        self,
        *,
        comps: bool = False,
        folders: bool = False,
        footages: bool = False,
    ) -> list[ProjectItem]:
        """List the selected project items of the requested kinds.

        Like `get_items`, but walks `app.project.selection` (Project-panel selection order). All
        flags default to false.

        Args:
            comps: Include compositions (CompItem) in the result. Absent means false.
            folders: Include folders (FolderItem) in the result. Absent means false.
            footages: Include footage items (FootageItem: files, sequences, solids,
                placeholders) in the result. Absent means false.

        Returns:
            Selected items of the requested kinds, in selection order. Filtered-out items are
            omitted.

        Raises:
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comps": comps,
            "folders": folders,
            "footages": footages,
        }
        return cast(
            "list[ProjectItem]", await self._host.call("get_selected_items", params, self._options)
        )

    async def import_background(
        self,
        *,
        name: str,
        paths: Sequence[str | os.PathLike[str]],
        comp_id: int | Unset = UNSET,
    ) -> BackgroundResult:
        """Import layered background images into a composition.

        Imports every file of `paths` as footage and adds each as a layer, in order. With
        `comp_id` the layers go into that composition and its parent folder; without it a folder
        and a composition both named `name` are created, sized from the first image (the
        reference used 1 s at 26.7 fps; here the new comp gets 1 s at 25 fps, the pipeline then
        applies shot settings). The reference also looked at the active item (with a broken
        `instanceof Folder` test) and refused when several items were selected; both are gone.
        Reference wire names: `comp_name` for `name`, `files` for `paths`.

        Args:
            name: Name of the new composition and folder (unused with `comp_id`). Reference wire
                name: `comp_name`. (non-empty)
            paths: Absolute paths of the images to import, top layer last as in the source file.
                Reference wire name: `files`. (non-empty)
            comp_id: Existing composition to fill. Absent means create a new folder and
                composition. (at least 1)

        Returns:
            The folder, composition and imported items.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            FileNotFound: File not found (code 1004).
            ImportFailed: Import failed (code 1009).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "name": name,
            "paths": paths,
        }
        if not isinstance(comp_id, Unset):
            params["comp_id"] = comp_id
        return cast(
            "BackgroundResult", await self._host.call("import_background", params, self._options)
        )

    async def import_file(
        self,
        *,
        path: str | os.PathLike[str],
        name: str,
        import_options: ImportOptions | Unset = UNSET,
        parent_folder_id: int | Unset = UNSET,
    ) -> ImportResult:
        """Import a file as a new project item.

        Imports the file at `path` (`Project.importFile`), names the new item `name` and gives
        it label 9 (green, the pipeline's "loaded" color). Changes from the reference:
        `import_options` may be absent (the reference crashed on null options); the item is
        placed in `parent_folder_id` when given, instead of the reference's guess "exactly two
        items selected and the first is a folder"; the undo group is always closed. Reference
        wire name of `name`: `item_name`.

        Args:
            path: Absolute path of the file to import (the first frame for a sequence).
                (non-empty, a file path)
            name: Name for the new item. Reference wire name: `item_name`. (non-empty)
            import_options: How to import the file. Absent means AE's defaults for this file
                type.
            parent_folder_id: Folder to put the new item in. Absent means the project's root
                folder. New. (at least 1)

        Returns:
            The created item.

        Raises:
            FileNotFound: File not found (code 1004).
            ImportFailed: Import failed (code 1009).
            ItemNotFound: Item not found (code 1001).
            InvalidItemType: Item is of the wrong type for this operation (code 1005).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "path": path,
            "name": name,
        }
        if not isinstance(import_options, Unset):
            params["import_options"] = import_options
        if not isinstance(parent_folder_id, Unset):
            params["parent_folder_id"] = parent_folder_id
        return cast("ImportResult", await self._host.call("import_file", params, self._options))

    async def imprint(
        self,
        *,
        entry: MetadataEntry,
    ) -> None:
        """Create or update one pipeline metadata record in the project.

        Upserts `entry` into the stored metadata list in one call. The record it updates is
        found by a key: its `instance_id` when present; otherwise `members[0]` (matching a
        stored record with the same first member and no `instance_id`); otherwise `id` alone, so
        singleton records such as `publish_context` are updated instead of appended again (the
        reference appended a new copy every time). The keys of `entry.data` are merged into the
        matching record, as the reference did: keys `entry.data` does not name are kept, so a
        partial update (a loader's `{representation, name, namespace}`) keeps `loader`, `schema`
        and the rest; `id`, `instance_id` and `members` are set from `entry`. With no match the
        entry is appended. Records whose first member no longer exists in the project are
        dropped, as the reference did. x-idempotent is true: merging the same entry twice leaves
        the same list. Changes from the reference: wire params were `{payload}`, a whole
        pre-merged list as an indented JSON string that Python built after two extra round trips
        (`get_metadata`, `get_items`) and the panel pasted into source text (the P6 escaping
        bug); the Python stub took `item_id`, `data`, `all_items` and `items_meta`, and `data`
        `{}` deleted the record (here: `remove_metadata`).

        Args:
            entry: The record, or the part of it to change: `entry.data` keys are merged into
                the stored record. Every id in `members` must exist in the project.

        Returns:
            Nothing.

        Raises:
            ItemNotFound: Item not found (code 1001).
            MetadataCorrupt: Stored pipeline metadata is not valid JSON (code 1013).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "entry": entry,
        }
        await self._host.call("imprint", params, self._options)

    async def open(
        self,
        *,
        path: str | os.PathLike[str],
        discard_unsaved: bool = False,
    ) -> None:
        """Open a project file in After Effects, refusing to drop unsaved changes unless told to.

        Opens the .aep at `path` with `app.open()`, replacing the current project. When the
        current project has unsaved changes the call raises `UnsavedChanges` and changes
        nothing, unless `discard_unsaved` is true: then they are discarded without AE's save
        prompt, so the call never blocks on a modal dialog. Unsaved changes are `Project.dirty`
        (After Effects 17.5 and later); where AE does not report it, any project other than an
        untitled empty one counts as unsaved. Changes from the reference: its `app.open()` let
        After Effects show its save prompt (a modal dialog that blocked the call until the
        artist answered); it returned a JSON dump of the Project object that every caller
        ignored, this returns null and raises instead of opening nothing.

        Args:
            path: Absolute path of the project file to open. (non-empty, a file path)
            discard_unsaved: Discard the current project's unsaved changes instead of raising
                `UnsavedChanges`.

        Returns:
            Nothing.

        Raises:
            FileNotFound: File not found (code 1004).
            OpenFailed: Project could not be opened (code 1012).
            UnsavedChanges: The project has unsaved changes (code 1014).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "path": path,
            "discard_unsaved": discard_unsaved,
        }
        await self._host.call("open", params, self._options)

    async def print_msg(
        self,
        *,
        msg: str,
    ) -> None:
        """Show a message to the artist in a modal alert.

        Shows `msg` in AE's modal `alert()`. The call returns when the artist dismisses the
        dialog, which can take a long time; the deadline is an hour. Not idempotent: a repeat
        shows the dialog again.

        Args:
            msg: Text to show.

        Returns:
            Nothing.

        Raises:
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 1 h).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "msg": msg,
        }
        await self._host.call("print_msg", params, self._options)

    async def reload_background(
        self,
        *,
        comp_id: int,
        name: str,
        paths: Sequence[str | os.PathLike[str]],
    ) -> BackgroundResult:
        """Update a loaded background composition to new images.

        Renames composition `comp_id` and its parent folder to `name`; for each file of `paths`,
        replaces the footage in that folder named after the file (its decoded base name, or the
        URI-encoded one the reference gave its items: `a%20b` for `a b.png`) and names it with
        the decoded base name, or imports it and adds it as a layer; then deletes footage in the
        folder that no file matches. So backgrounds loaded by the reference keep their layers,
        effects and transforms. Running it twice with the same arguments leaves the same
        project, so it is idempotent. The composition must sit in its own background folder
        (else `InvalidItemType`); the reference would have cleaned up whatever folder held it.
        Reference wire names: `comp_name` for `name`, `files` for `paths`.

        Args:
            comp_id: Id of the background composition to update. (at least 1)
            name: New name of the composition and its folder. Reference wire name: `comp_name`.
                (non-empty)
            paths: Absolute paths of the new images. Reference wire name: `files`. (non-empty)

        Returns:
            The folder, composition and current items.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            InvalidItemType: Item is of the wrong type for this operation (code 1005).
            FileNotFound: File not found (code 1004).
            ImportFailed: Import failed (code 1009).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
            "name": name,
            "paths": paths,
        }
        return cast(
            "BackgroundResult", await self._host.call("reload_background", params, self._options)
        )

    async def remove_comp_from_render_queue(
        self,
        *,
        comp_id: int,
    ) -> bool:
        """Remove a composition's render-queue items.

        Removes every render-queue item whose comp is `comp_id`. Returns true when at least one
        was removed, false when none existed. The reference's lookup returned the first queue
        item whatever its comp (an empty `if` block), so it could remove another comp's item.

        Args:
            comp_id: Id of the composition. (at least 1)

        Returns:
            true if an item was removed, false if the comp was not queued.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
        }
        return cast(
            "bool", await self._host.call("remove_comp_from_render_queue", params, self._options)
        )

    async def remove_instance(
        self,
        *,
        instance_id: str,
    ) -> None:
        """Remove a publish instance's metadata record.

        Deletes from the stored metadata every record whose `instance_id` equals `instance_id`,
        or, for a legacy record without `instance_id`, whose `uuid` does (the reference's rule).
        Ids are compared as text, so a legacy record that stored its id as a JSON number
        (`"uuid": 17`) is removed by `"17"`. The project items themselves are kept. Removing an
        id that is not stored is a no-op, so the call is idempotent. In the reference this was a
        stub method without a route of its own: it fetched the whole list, filtered it in Python
        and re-sent it through `AfterEffects.imprint` (wire params `{payload}`; Python also
        accepted `metadata`).

        Args:
            instance_id: Id of the publish instance to forget (a legacy integer id as its
                decimal text). (non-empty)

        Returns:
            Nothing.

        Raises:
            MetadataCorrupt: Stored pipeline metadata is not valid JSON (code 1013).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "instance_id": instance_id,
        }
        await self._host.call("remove_instance", params, self._options)

    async def remove_metadata(
        self,
        *,
        item_id: int,
    ) -> int:
        """Remove the metadata records of a project item.

        Deletes from the stored metadata every record keyed on project item `item_id`: whose
        `members[0]` is `item_id` and that has no `instance_id` (containers). The item itself is
        kept. Removing what is not stored is a no-op, so the call is idempotent. This is what
        the reference's `imprint(item_id, {})` did (a loader's `remove` calls it before
        `delete_item`); the reference also matched a record whose `instance_id` equalled
        `item_id`, which `remove_instance` does here.

        Args:
            item_id: Id of the project item whose records to forget (it may already be deleted).
                (at least 1)

        Returns:
            How many records were removed.

        Raises:
            MetadataCorrupt: Stored pipeline metadata is not valid JSON (code 1013).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "item_id": item_id,
        }
        return cast("int", await self._host.call("remove_metadata", params, self._options))

    async def rename_item(
        self,
        *,
        item_id: int,
        name: str,
    ) -> None:
        """Rename a project item.

        Sets `Item.name` of any project item. Reference wire name of `name`: `item_name`. A
        missing item raised a ReferenceError in the reference ("EvalScript error."); it is
        `ItemNotFound` here.

        Args:
            item_id: Id of the project item. (at least 1)
            name: New name. Reference wire name: `item_name`. (non-empty)

        Returns:
            Nothing.

        Raises:
            ItemNotFound: Item not found (code 1001).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "item_id": item_id,
            "name": name,
        }
        await self._host.call("rename_item", params, self._options)

    async def render(
        self,
        *,
        comp_id: int,
        output_dir: str | os.PathLike[str],
        on_progress: Callable[[RenderProgress], object] | None = None,
    ) -> list[RenderOutput]:
        """Render one composition's render-queue item into a folder.

        Points the first output module of composition `comp_id`'s render-queue item at
        `output_dir` (keeping its file name, minus the publish marker), replaces the item by a
        fresh duplicate when it is already DONE, disables every other queued item, and runs
        `renderQueue.render()` with dialogs suppressed. Blocks until the render ends, hence the
        24 h deadline. Returns the outputs actually written (the reference returned nothing).
        Not idempotent: a repeat re-renders, which is costly and overwrites files, so a lost
        reply is reported, not retried. Reference wire name of `output_dir`: `folder_url`.

        Args:
            comp_id: Id of the composition. (at least 1)
            output_dir: Absolute path of the folder to render into; created if missing.
                Reference wire name: `folder_url`. (non-empty, a file path)
            on_progress: called with each ``render_progress`` event of the call (until
                its finish event, even when it trails the reply), on the thread that delivers
                events (keep it short); best-effort (docs/events.md).

        Returns:
            The output modules of the rendered item after the render, as `get_render_info`
            reports them.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            RenderQueueItemNotFound: Composition has no render queue item (code 1006).
            MultipleRenderQueueItems: Composition has more than one render queue item (code 1007).
            RenderFailed: Render failed (code 1008).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 24 h).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
            "output_dir": output_dir,
        }
        if on_progress is not None:
            async with CallProgress(event_source(self._host), "render_progress", on_progress):
                return cast(
                    "list[RenderOutput]", await self._host.call("render", params, self._options)
                )
        return cast("list[RenderOutput]", await self._host.call("render", params, self._options))

    async def replace_item(
        self,
        *,
        item_id: int,
        path: str | os.PathLike[str],
        name: str,
    ) -> None:
        """Point a footage item at a new file and rename it.

        Replaces the source of footage item `item_id` with the file at `path`
        (`FootageItem.replace`, or `replaceWithSequence` when the current source is an image
        sequence) and renames it to `name`. Used when a loaded container is updated to another
        version. Setting the same file and name twice leaves the same state, so the call is
        idempotent. Reference wire name of `name`: `item_name`.

        Args:
            item_id: Id of the footage item to update. (at least 1)
            path: Absolute path of the new source file (the first frame for a sequence).
                (non-empty, a file path)
            name: New name of the item. Reference wire name: `item_name`. (non-empty)

        Returns:
            Nothing.

        Raises:
            ItemNotFound: Item not found (code 1001).
            InvalidItemType: Item is of the wrong type for this operation (code 1005).
            FileNotFound: File not found (code 1004).
            ImportFailed: Import failed (code 1009).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 5 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "item_id": item_id,
            "path": path,
            "name": name,
        }
        await self._host.call("replace_item", params, self._options)

    async def run_jsx_file(
        self,
        *,
        path: str | os.PathLike[str],
    ) -> JsonValue:
        """Evaluate an ExtendScript file inside After Effects.

        Runs the .jsx file at `path` with `$.evalFile()` and returns the value of its last
        expression, converted to JSON (undefined becomes null). After Effects objects (an item,
        a layer, a file) become a short description such as `"[CompItem 12 sh010_comp]"`, never
        walked; a value nested deeper than 64 levels or with more than 100000 values raises
        `ScriptFailed` instead of serialising for ever. Used by the Run Scripts tool. The script
        can do anything inside AE, so the call is not idempotent and only trusted pipeline code
        may send it. The reference wrapped the value in `{"result": ...}` and reported failures
        as an `{"error"}` string.

        Args:
            path: Absolute path of the .jsx file to evaluate. (non-empty, a file path)

        Returns:
            The script's completion value as JSON; null when it has none.

        Raises:
            FileNotFound: File not found (code 1004).
            ScriptFailed: Script failed (code 1010).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "path": path,
        }
        return cast("JsonValue", await self._host.call("run_jsx_file", params, self._options))

    async def save(self) -> None:
        """Save the project to its current file.

        Saves the current project in place (`app.project.save()`). Raises `NoDocumentOpen` for
        an untitled project, where AE would otherwise open a Save As dialog and block; use
        `save_as` for those.

        Returns:
            Nothing.

        Raises:
            NoDocumentOpen: No project file is open (code 1003).
            SaveFailed: Save failed (code 1011).
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {}
        await self._host.call("save", params, self._options)

    async def save_as(
        self,
        *,
        path: str | os.PathLike[str],
        as_copy: bool = False,
    ) -> None:
        """Save the project to another path, optionally as a copy.

        Writes the project to `path`. With `as_copy` false (the default) the open project then
        refers to the new file (Save As). With `as_copy` true the file is written but the open
        project stays associated with its current file and keeps its unsaved-changes state (Save
        a Copy). Semantic change from the reference: its JSX ignored `as_copy`, so the project
        always moved to `path`, and AYON's `save_workfile` calls `saveAs(dst, True)` relying on
        that; a port of it must call `save_as(path=dst)` (or use `aerpc.ayon`'s `saveAs`, which
        keeps the reference's behaviour). Reference route: `AfterEffects.saveAs`, the one
        camelCase route; reference wire name of `path`: `image_path` (the Python stub called it
        `project_path`).

        Args:
            path: Absolute path of the .aep to write; an existing file is overwritten. Reference
                wire name: `image_path`. (non-empty, a file path)
            as_copy: Write a copy and keep working on the current file. The reference ignored
                this flag and always moved the project.

        Returns:
            Nothing.

        Raises:
            SaveFailed: Save failed (code 1011).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "path": path,
            "as_copy": as_copy,
        }
        await self._host.call("save_as", params, self._options)

    async def select_items(
        self,
        *,
        item_ids: list[int],
    ) -> None:
        """Select exactly the given items in the Project panel.

        Sets `Item.selected` to true for the listed items and to false for every other item.
        Reference wire name of `item_ids`: `items`. Unknown ids now raise `ItemNotFound` before
        anything changes (the reference ignored them).

        Args:
            item_ids: Ids of the items to select; an empty list clears the selection. Reference
                wire name: `items`.

        Returns:
            Nothing.

        Raises:
            ItemNotFound: Item not found (code 1001).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "item_ids": item_ids,
        }
        await self._host.call("select_items", params, self._options)

    async def set_comp_properties(
        self,
        *,
        comp_id: int,
        frame_start: int | Unset = UNSET,
        frames_duration: int | Unset = UNSET,
        frame_rate: float | Unset = UNSET,
        width: int | Unset = UNSET,
        height: int | Unset = UNSET,
    ) -> None:
        """Change a composition's frame range, frame rate and/or resolution.

        Sets any subset of the composition's frame start (`displayStartFrame`), length, frame
        rate and size; every parameter except `comp_id` is optional and an absent one is left
        unchanged. Each is applied on its own: the reference applied the frame block only when
        start, count and fps were all truthy, so a start of 0 was silently ignored. The length
        is set as `frames_duration / frame_rate` seconds, using the new frame rate when one is
        given. A size change moves every layer's position (each keyframe, or the static value)
        by half the size difference so the content stays centred, as the reference did.
        Parameter names follow `CompProperties`; reference wire names were `item_id`, `start`
        and `duration`.

        Args:
            comp_id: Id of the composition. Reference wire name: `item_id`. (at least 1)
            frame_start: New first frame number (e.g. 1001). 0 is a valid value. Reference wire
                name: `start`.
            frames_duration: New length in frames. Reference wire name: `duration` (also in
                frames). (at least 1)
            frame_rate: New frame rate in frames per second, e.g. 23.976 or 25. (1 to 999)
            width: New width in pixels. (4 to 30000)
            height: New height in pixels. (4 to 30000)

        Returns:
            Nothing.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 1 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
        }
        if not isinstance(frame_start, Unset):
            params["frame_start"] = frame_start
        if not isinstance(frames_duration, Unset):
            params["frames_duration"] = frames_duration
        if not isinstance(frame_rate, Unset):
            params["frame_rate"] = frame_rate
        if not isinstance(width, Unset):
            params["width"] = width
        if not isinstance(height, Unset):
            params["height"] = height
        await self._host.call("set_comp_properties", params, self._options)

    async def set_label_color(
        self,
        *,
        item_id: int,
        label: int,
    ) -> None:
        """Set the label color of a project item.

        Sets `Item.label` (0 = none, 1-16 = the label colors of the Preferences). The pipeline
        uses 9 (green) for loaded items and blue for created ones. Reference wire name of
        `label`: `color_idx`.

        Args:
            item_id: Id of the project item. (at least 1)
            label: Label color index, 0 (none) to 16. Reference wire name: `color_idx`. (0 to
                16)

        Returns:
            Nothing.

        Raises:
            ItemNotFound: Item not found (code 1001).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "item_id": item_id,
            "label": label,
        }
        await self._host.call("set_label_color", params, self._options)


class AfterEffects:
    """Blocking calls to After Effects, one method per schema method it serves.

    Each call is validated against the schema before it is sent and its result on arrival. It
    ends by its deadline: the method's default (below) or :meth:`with_timeout`; while no host
    is connected, it waits for one at most the server's ``connect_timeout`` (or
    :meth:`with_connect_timeout`).
    """

    __slots__ = ("_host", "_options")

    def __init__(self, host: HostChannel, options: CallOptions | None = None) -> None:
        self._host = host
        self._options = options if options is not None else CallOptions()

    @property
    def host(self) -> HostChannel:
        """The connection the calls go through."""
        return self._host

    @property
    def events(self) -> Events:
        """Typed subscriptions to the events After Effects sends (``.events``), through the
        connection's event hub; ``EventsUnavailable`` when the connection delivers none."""
        return Events(event_source(self._host))

    def with_timeout(self, seconds: float) -> AfterEffects:
        """The same client with every call's deadline set to ``seconds``."""
        return AfterEffects(self._host, self._options.with_timeout(seconds))

    def with_connect_timeout(self, seconds: float) -> AfterEffects:
        """The same client with calls waiting at most ``seconds`` for a host to connect (then
        ``NotConnected``, saying why), whatever their deadline."""
        return AfterEffects(self._host, self._options.with_connect_timeout(seconds))

    def __repr__(self) -> str:
        options = "" if self._options == CallOptions() else f" {self._options}"
        return f"<AfterEffects {self._host!r}{options}>"

    def add_comp_to_render_queue(
        self,
        *,
        comp_id: int,
        output_dir: str | os.PathLike[str] | Unset = UNSET,
    ) -> bool:
        """Queue a composition for rendering unless it is already queued.

        Makes sure composition `comp_id` has a render-queue item: adds one when it has none,
        whose output modules write into `output_dir`, or `<project folder>/output` when absent,
        keeping their file-name template; a comp already queued is left as it is. Returns true
        in both cases, the reference's contract ("True when composition is in render queue";
        AYON's render creator raises on a false value); failures raise instead of returning
        false. x-idempotent is true although it creates an item: it only creates one when none
        exists, so a repeat leaves the same queue. Reference wire name of `output_dir`:
        `output_path`.

        Args:
            comp_id: Id of the composition. (at least 1)
            output_dir: Absolute path of the folder the output modules write to; created if
                missing. Absent means `<project folder>/output`. Reference wire name:
                `output_path`. (non-empty, a file path)

        Returns:
            Always true: the composition is in the render queue (already, or now).

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            NoDocumentOpen: No project file is open (code 1003).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
        }
        if not isinstance(output_dir, Unset):
            params["output_dir"] = output_dir
        return cast(
            "bool", self._host.call_blocking("add_comp_to_render_queue", params, self._options)
        )

    def add_item(
        self,
        *,
        name: str,
        item_type: NewItemType,
    ) -> int:
        """Create a composition or a folder.

        Creates a new item in the project's root folder and returns its id. A composition gets
        placeholder settings (1920x1080, square pixels, 10 s, 25 fps) that callers overwrite
        with `set_comp_properties`; the reference used 1920x1060, a typo. `item_type` values are
        lower-case now (reference: `COMP`, `FOLDER`); any other value is refused by the schema
        instead of by the host.

        Args:
            name: Name of the new item. (non-empty)
            item_type: Kind of item to create.

        Returns:
            Id of the created item.

        Raises:
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "name": name,
            "item_type": item_type,
        }
        return cast("int", self._host.call_blocking("add_item", params, self._options))

    def add_item_as_layer(
        self,
        *,
        comp_id: int,
        item_id: int,
    ) -> Layer:
        """Add a project item as a new layer of a composition.

        Adds footage or a composition `item_id` as the top layer of composition `comp_id`
        (`LayerCollection.add`) and returns the new layer. The reference returned nothing and
        its Python stub then raised `ValueError` on success.

        Args:
            comp_id: Id of the composition. The target composition. (at least 1)
            item_id: Id of the footage or composition to add; a folder, or the target comp
                itself, is refused. (at least 1)

        Returns:
            The new layer.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            InvalidItemType: Item is of the wrong type for this operation (code 1005).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
            "item_id": item_id,
        }
        return cast("Layer", self._host.call_blocking("add_item_as_layer", params, self._options))

    def add_item_instead_placeholder(
        self,
        *,
        placeholder_item_id: int,
        item_id: int,
    ) -> int:
        """Put a loaded item into every layer slot of a template placeholder.

        For every composition that uses placeholder item `placeholder_item_id` as a layer
        source, adds `item_id` as a new layer right below the placeholder layer, where the
        placeholder was: the same point of the new footage (the placeholder's anchor point,
        taken relative to its size) sits at the placeholder's position, so footage of another
        size is not shifted; scale, rotation, opacity, parent, 3D switch and orientation, start
        time, stretch, in and out points are copied. Returns how many layers were added. The
        placeholder itself is left for the caller to delete. Fixes the reference's ES3 bug where
        the inner loop's `var i` clobbered the outer loop, so only the first composition was
        handled.

        Args:
            placeholder_item_id: Id of the placeholder footage item created by
                `add_placeholder`. (at least 1)
            item_id: Id of the loaded footage or composition to place. (at least 1)

        Returns:
            Number of layers added (0 when no composition uses the placeholder).

        Raises:
            ItemNotFound: Item not found (code 1001).
            InvalidItemType: Item is of the wrong type for this operation (code 1005).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 2 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "placeholder_item_id": placeholder_item_id,
            "item_id": item_id,
        }
        return cast(
            "int", self._host.call_blocking("add_item_instead_placeholder", params, self._options)
        )

    def add_placeholder(
        self,
        *,
        name: str,
        width: int,
        height: int,
        frame_rate: float,
        duration: float,
    ) -> int:
        """Create a placeholder footage item for the workfile-template builder.

        Creates a PlaceholderItem (`Project.importPlaceholder`) that stands in for content the
        template builder loads later, and returns its id. The reference left its undo group open
        on success and, on failure, only logged and returned nothing. Reference wire name of
        `frame_rate`: `fps`.

        Args:
            name: Name of the placeholder item. (non-empty)
            width: Width in pixels. (4 to 30000)
            height: Height in pixels. (4 to 30000)
            frame_rate: Frames per second. Reference wire name: `fps`. (1 to 99)
            duration: Length in seconds (0 for a still). (0 to 10800)

        Returns:
            Id of the created placeholder item.

        Raises:
            ImportFailed: Import failed (code 1009).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "name": name,
            "width": width,
            "height": height,
            "frame_rate": frame_rate,
            "duration": duration,
        }
        return cast("int", self._host.call_blocking("add_placeholder", params, self._options))

    def close(self) -> None:
        """Close the project without saving and quit After Effects.

        Closes the project discarding unsaved changes (`CloseOptions.DO_NOT_SAVE_CHANGES`) and
        quits AE. The host sends its null reply before it quits (the quit is scheduled after the
        reply), but the socket may still drop first; callers treat `ConnectionLost` after
        `close` as success. The reference never replied, so the caller blocked forever. Not
        idempotent, so the runtime never re-sends it to a panel that reconnected.

        Returns:
            Nothing.

        Raises:
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {}
        self._host.call_blocking("close", params, self._options)

    def delete_item(
        self,
        *,
        item_id: int,
    ) -> None:
        """Delete a project item.

        Removes any project item (`Item.remove()`); deleting a folder deletes its contents. Not
        idempotent: a repeated call fails with `ItemNotFound`, so a lost reply is reported
        rather than retried (AE never reuses ids, so a repeat could not delete another item).
        The reference crashed with a ReferenceError on a missing item.

        Args:
            item_id: Id of the project item. (at least 1)

        Returns:
            Nothing.

        Raises:
            ItemNotFound: Item not found (code 1001).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "item_id": item_id,
        }
        self._host.call_blocking("delete_item", params, self._options)

    def get_active_document_full_name(self) -> str:
        """Absolute path of the open project file.

        Returns the OS-native absolute path (`app.project.file.fsName`) of the current project.
        Raises `NoDocumentOpen` for an untitled project that was never saved (the reference
        returned `{"error": "No file open currently"}`).

        Returns:
            Absolute path of the project file.

        Raises:
            NoDocumentOpen: No project file is open (code 1003).
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {}
        return cast(
            "str", self._host.call_blocking("get_active_document_full_name", params, self._options)
        )

    def get_active_document_name(self) -> str:
        """File name of the open project.

        Returns the file name (`app.project.file.name`, e.g. `sh010_comp_v003.aep`) of the
        current project. Raises `NoDocumentOpen` for an untitled project.

        Returns:
            File name of the project, with extension.

        Raises:
            NoDocumentOpen: No project file is open (code 1003).
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {}
        return cast(
            "str", self._host.call_blocking("get_active_document_name", params, self._options)
        )

    def get_app_version(self) -> str:
        """Version of After Effects.

        Returns `app.version`, e.g. `24.6.1x3` (callers take the leading `major.minor`).

        Returns:
            After Effects version string.

        Raises:
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {}
        return cast("str", self._host.call_blocking("get_app_version", params, self._options))

    def get_audio_url(
        self,
        *,
        comp_id: int,
    ) -> str | None:
        """Path of the audio file used in a composition, if any.

        Returns the source file path of the first AV layer (from the top) that has audio and a
        file source. Returns null when the comp has no such layer; the reference returned the
        string `"undefined"` there, which the audio collector stored as a path. Reference wire
        name of `comp_id`: `item_id`.

        Args:
            comp_id: Id of the composition. Reference wire name: `item_id`. (at least 1)

        Returns:
            Absolute, OS-native path of the audio source file, or null when the comp has no
            audio layer.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
        }
        return cast("str | None", self._host.call_blocking("get_audio_url", params, self._options))

    def get_comp_properties(
        self,
        *,
        comp_id: int,
    ) -> CompProperties:
        """Read a composition's frame range, frame rate and resolution.

        Returns the timing and format of composition `comp_id`. Reference wire name of
        `comp_id`: `item_id` (the Python stub already called it `comp_id`). A missing or
        non-comp item raises instead of returning `{"error"}` (which made the reference's
        orphan-instance cleanup branch unreachable).

        Args:
            comp_id: Id of the composition. Reference wire name: `item_id`. (at least 1)

        Returns:
            The composition's properties.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
        }
        return cast(
            "CompProperties", self._host.call_blocking("get_comp_properties", params, self._options)
        )

    def get_extension_version(self) -> str:
        """Version of the installed CEP extension.

        Answered by the panel's JavaScript, not ExtendScript: it reads the
        `ExtensionBundleVersion` of the extension's `CSXS/manifest.xml`. The hello handshake
        also carries it; this method stays for the publish plugin that checks it. The reference
        returned a hand-built JSON string, or `"undefined"` when the manifest could not be read
        (now an internal error).

        Returns:
            Extension version, e.g. `1.2.0`.

        Raises:
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {}
        return cast("str", self._host.call_blocking("get_extension_version", params, self._options))

    def get_items(
        self,
        *,
        comps: bool = False,
        folders: bool = False,
        footages: bool = False,
    ) -> list[ProjectItem]:
        """List project items of the requested kinds.

        Walks `app.project.items` and returns the items whose kind is requested by the flags.
        All flags default to false, so a call with no flags returns an empty list. The reference
        made `comps` a required Python argument and returned `{}` placeholders for filtered-out
        items.

        Args:
            comps: Include compositions (CompItem) in the result. Absent means false.
            folders: Include folders (FolderItem) in the result. Absent means false.
            footages: Include footage items (FootageItem: files, sequences, solids,
                placeholders) in the result. Absent means false.

        Returns:
            Matching items in Project-panel order. Items filtered out are omitted (the reference
            sent `{}` for them).

        Raises:
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comps": comps,
            "folders": folders,
            "footages": footages,
        }
        return cast(
            "list[ProjectItem]", self._host.call_blocking("get_items", params, self._options)
        )

    def get_layers(
        self,
        *,
        comp_id: int,
    ) -> list[Layer]:
        """List the layers of a composition.

        Returns the composition's layers from top (index 1) to bottom. New method: the reference
        could only inspect layers inside single-purpose JSX functions.

        Args:
            comp_id: Id of the composition. (at least 1)

        Returns:
            Layers in index order.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
        }
        return cast("list[Layer]", self._host.call_blocking("get_layers", params, self._options))

    def get_metadata(self) -> list[MetadataEntry]:
        """Read all pipeline metadata stored in the project.

        Returns every record of the pipeline's metadata list, kept in the `xmp:Label` property
        of the project's XMP packet. An empty list when nothing is stored. The reference
        returned the raw stored string (or `{"result": []}`) and Python parsed it; a stored
        value that is not a JSON list now raises `MetadataCorrupt` instead of
        `ValueError("Received broken JSON ...")`. What Python's `json.dumps` writes and
        `json.loads` reads is accepted: the bare `NaN`, `Infinity` and `-Infinity` it writes for
        non-finite floats read as null (JSON has no such numbers) and stay as they were in
        storage. Malformed dicts without a string `id` are left untouched in storage but not
        returned.

        Returns:
            The stored records, in stored order.

        Raises:
            MetadataCorrupt: Stored pipeline metadata is not valid JSON (code 1013).
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {}
        return cast(
            "list[MetadataEntry]", self._host.call_blocking("get_metadata", params, self._options)
        )

    def get_project_state(self) -> ProjectState:
        """Summary of the open project: file, unsaved changes, size.

        Returns a snapshot of the current project. New method: it answers "is a file open" and
        "are there unsaved changes" (the reference's `is_saved()` was a local stub that always
        said true) in one call.

        Returns:
            The project state.

        Raises:
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {}
        return cast(
            "ProjectState", self._host.call_blocking("get_project_state", params, self._options)
        )

    def get_render_info(
        self,
        *,
        comp_id: int,
    ) -> list[RenderOutput]:
        """Read where a composition's render-queue item writes its files.

        Finds the single render-queue item of composition `comp_id` and returns one entry per
        output module. Now a pure read: the reference duplicated and removed DONE render-queue
        items here to make them renderable again; `render` does that now. Raises when the comp
        has no render-queue item or more than one (the reference's `{"error"}` strings).

        Args:
            comp_id: Id of the composition. (at least 1)

        Returns:
            One entry per output module of the comp's render-queue item, in output-module order.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            RenderQueueItemNotFound: Composition has no render queue item (code 1006).
            MultipleRenderQueueItems: Composition has more than one render queue item (code 1007).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
        }
        return cast(
            "list[RenderOutput]", self._host.call_blocking("get_render_info", params, self._options)
        )

    def get_selected_items(
        self,
        *,
        comps: bool = False,
        folders: bool = False,
        footages: bool = False,
    ) -> list[ProjectItem]:
        """List the selected project items of the requested kinds.

        Like `get_items`, but walks `app.project.selection` (Project-panel selection order). All
        flags default to false.

        Args:
            comps: Include compositions (CompItem) in the result. Absent means false.
            folders: Include folders (FolderItem) in the result. Absent means false.
            footages: Include footage items (FootageItem: files, sequences, solids,
                placeholders) in the result. Absent means false.

        Returns:
            Selected items of the requested kinds, in selection order. Filtered-out items are
            omitted.

        Raises:
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comps": comps,
            "folders": folders,
            "footages": footages,
        }
        return cast(
            "list[ProjectItem]",
            self._host.call_blocking("get_selected_items", params, self._options),
        )

    def import_background(
        self,
        *,
        name: str,
        paths: Sequence[str | os.PathLike[str]],
        comp_id: int | Unset = UNSET,
    ) -> BackgroundResult:
        """Import layered background images into a composition.

        Imports every file of `paths` as footage and adds each as a layer, in order. With
        `comp_id` the layers go into that composition and its parent folder; without it a folder
        and a composition both named `name` are created, sized from the first image (the
        reference used 1 s at 26.7 fps; here the new comp gets 1 s at 25 fps, the pipeline then
        applies shot settings). The reference also looked at the active item (with a broken
        `instanceof Folder` test) and refused when several items were selected; both are gone.
        Reference wire names: `comp_name` for `name`, `files` for `paths`.

        Args:
            name: Name of the new composition and folder (unused with `comp_id`). Reference wire
                name: `comp_name`. (non-empty)
            paths: Absolute paths of the images to import, top layer last as in the source file.
                Reference wire name: `files`. (non-empty)
            comp_id: Existing composition to fill. Absent means create a new folder and
                composition. (at least 1)

        Returns:
            The folder, composition and imported items.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            FileNotFound: File not found (code 1004).
            ImportFailed: Import failed (code 1009).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "name": name,
            "paths": paths,
        }
        if not isinstance(comp_id, Unset):
            params["comp_id"] = comp_id
        return cast(
            "BackgroundResult", self._host.call_blocking("import_background", params, self._options)
        )

    def import_file(
        self,
        *,
        path: str | os.PathLike[str],
        name: str,
        import_options: ImportOptions | Unset = UNSET,
        parent_folder_id: int | Unset = UNSET,
    ) -> ImportResult:
        """Import a file as a new project item.

        Imports the file at `path` (`Project.importFile`), names the new item `name` and gives
        it label 9 (green, the pipeline's "loaded" color). Changes from the reference:
        `import_options` may be absent (the reference crashed on null options); the item is
        placed in `parent_folder_id` when given, instead of the reference's guess "exactly two
        items selected and the first is a folder"; the undo group is always closed. Reference
        wire name of `name`: `item_name`.

        Args:
            path: Absolute path of the file to import (the first frame for a sequence).
                (non-empty, a file path)
            name: Name for the new item. Reference wire name: `item_name`. (non-empty)
            import_options: How to import the file. Absent means AE's defaults for this file
                type.
            parent_folder_id: Folder to put the new item in. Absent means the project's root
                folder. New. (at least 1)

        Returns:
            The created item.

        Raises:
            FileNotFound: File not found (code 1004).
            ImportFailed: Import failed (code 1009).
            ItemNotFound: Item not found (code 1001).
            InvalidItemType: Item is of the wrong type for this operation (code 1005).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "path": path,
            "name": name,
        }
        if not isinstance(import_options, Unset):
            params["import_options"] = import_options
        if not isinstance(parent_folder_id, Unset):
            params["parent_folder_id"] = parent_folder_id
        return cast("ImportResult", self._host.call_blocking("import_file", params, self._options))

    def imprint(
        self,
        *,
        entry: MetadataEntry,
    ) -> None:
        """Create or update one pipeline metadata record in the project.

        Upserts `entry` into the stored metadata list in one call. The record it updates is
        found by a key: its `instance_id` when present; otherwise `members[0]` (matching a
        stored record with the same first member and no `instance_id`); otherwise `id` alone, so
        singleton records such as `publish_context` are updated instead of appended again (the
        reference appended a new copy every time). The keys of `entry.data` are merged into the
        matching record, as the reference did: keys `entry.data` does not name are kept, so a
        partial update (a loader's `{representation, name, namespace}`) keeps `loader`, `schema`
        and the rest; `id`, `instance_id` and `members` are set from `entry`. With no match the
        entry is appended. Records whose first member no longer exists in the project are
        dropped, as the reference did. x-idempotent is true: merging the same entry twice leaves
        the same list. Changes from the reference: wire params were `{payload}`, a whole
        pre-merged list as an indented JSON string that Python built after two extra round trips
        (`get_metadata`, `get_items`) and the panel pasted into source text (the P6 escaping
        bug); the Python stub took `item_id`, `data`, `all_items` and `items_meta`, and `data`
        `{}` deleted the record (here: `remove_metadata`).

        Args:
            entry: The record, or the part of it to change: `entry.data` keys are merged into
                the stored record. Every id in `members` must exist in the project.

        Returns:
            Nothing.

        Raises:
            ItemNotFound: Item not found (code 1001).
            MetadataCorrupt: Stored pipeline metadata is not valid JSON (code 1013).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "entry": entry,
        }
        self._host.call_blocking("imprint", params, self._options)

    def open(
        self,
        *,
        path: str | os.PathLike[str],
        discard_unsaved: bool = False,
    ) -> None:
        """Open a project file in After Effects, refusing to drop unsaved changes unless told to.

        Opens the .aep at `path` with `app.open()`, replacing the current project. When the
        current project has unsaved changes the call raises `UnsavedChanges` and changes
        nothing, unless `discard_unsaved` is true: then they are discarded without AE's save
        prompt, so the call never blocks on a modal dialog. Unsaved changes are `Project.dirty`
        (After Effects 17.5 and later); where AE does not report it, any project other than an
        untitled empty one counts as unsaved. Changes from the reference: its `app.open()` let
        After Effects show its save prompt (a modal dialog that blocked the call until the
        artist answered); it returned a JSON dump of the Project object that every caller
        ignored, this returns null and raises instead of opening nothing.

        Args:
            path: Absolute path of the project file to open. (non-empty, a file path)
            discard_unsaved: Discard the current project's unsaved changes instead of raising
                `UnsavedChanges`.

        Returns:
            Nothing.

        Raises:
            FileNotFound: File not found (code 1004).
            OpenFailed: Project could not be opened (code 1012).
            UnsavedChanges: The project has unsaved changes (code 1014).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "path": path,
            "discard_unsaved": discard_unsaved,
        }
        self._host.call_blocking("open", params, self._options)

    def print_msg(
        self,
        *,
        msg: str,
    ) -> None:
        """Show a message to the artist in a modal alert.

        Shows `msg` in AE's modal `alert()`. The call returns when the artist dismisses the
        dialog, which can take a long time; the deadline is an hour. Not idempotent: a repeat
        shows the dialog again.

        Args:
            msg: Text to show.

        Returns:
            Nothing.

        Raises:
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 1 h).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "msg": msg,
        }
        self._host.call_blocking("print_msg", params, self._options)

    def reload_background(
        self,
        *,
        comp_id: int,
        name: str,
        paths: Sequence[str | os.PathLike[str]],
    ) -> BackgroundResult:
        """Update a loaded background composition to new images.

        Renames composition `comp_id` and its parent folder to `name`; for each file of `paths`,
        replaces the footage in that folder named after the file (its decoded base name, or the
        URI-encoded one the reference gave its items: `a%20b` for `a b.png`) and names it with
        the decoded base name, or imports it and adds it as a layer; then deletes footage in the
        folder that no file matches. So backgrounds loaded by the reference keep their layers,
        effects and transforms. Running it twice with the same arguments leaves the same
        project, so it is idempotent. The composition must sit in its own background folder
        (else `InvalidItemType`); the reference would have cleaned up whatever folder held it.
        Reference wire names: `comp_name` for `name`, `files` for `paths`.

        Args:
            comp_id: Id of the background composition to update. (at least 1)
            name: New name of the composition and its folder. Reference wire name: `comp_name`.
                (non-empty)
            paths: Absolute paths of the new images. Reference wire name: `files`. (non-empty)

        Returns:
            The folder, composition and current items.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            InvalidItemType: Item is of the wrong type for this operation (code 1005).
            FileNotFound: File not found (code 1004).
            ImportFailed: Import failed (code 1009).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
            "name": name,
            "paths": paths,
        }
        return cast(
            "BackgroundResult", self._host.call_blocking("reload_background", params, self._options)
        )

    def remove_comp_from_render_queue(
        self,
        *,
        comp_id: int,
    ) -> bool:
        """Remove a composition's render-queue items.

        Removes every render-queue item whose comp is `comp_id`. Returns true when at least one
        was removed, false when none existed. The reference's lookup returned the first queue
        item whatever its comp (an empty `if` block), so it could remove another comp's item.

        Args:
            comp_id: Id of the composition. (at least 1)

        Returns:
            true if an item was removed, false if the comp was not queued.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
        }
        return cast(
            "bool", self._host.call_blocking("remove_comp_from_render_queue", params, self._options)
        )

    def remove_instance(
        self,
        *,
        instance_id: str,
    ) -> None:
        """Remove a publish instance's metadata record.

        Deletes from the stored metadata every record whose `instance_id` equals `instance_id`,
        or, for a legacy record without `instance_id`, whose `uuid` does (the reference's rule).
        Ids are compared as text, so a legacy record that stored its id as a JSON number
        (`"uuid": 17`) is removed by `"17"`. The project items themselves are kept. Removing an
        id that is not stored is a no-op, so the call is idempotent. In the reference this was a
        stub method without a route of its own: it fetched the whole list, filtered it in Python
        and re-sent it through `AfterEffects.imprint` (wire params `{payload}`; Python also
        accepted `metadata`).

        Args:
            instance_id: Id of the publish instance to forget (a legacy integer id as its
                decimal text). (non-empty)

        Returns:
            Nothing.

        Raises:
            MetadataCorrupt: Stored pipeline metadata is not valid JSON (code 1013).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "instance_id": instance_id,
        }
        self._host.call_blocking("remove_instance", params, self._options)

    def remove_metadata(
        self,
        *,
        item_id: int,
    ) -> int:
        """Remove the metadata records of a project item.

        Deletes from the stored metadata every record keyed on project item `item_id`: whose
        `members[0]` is `item_id` and that has no `instance_id` (containers). The item itself is
        kept. Removing what is not stored is a no-op, so the call is idempotent. This is what
        the reference's `imprint(item_id, {})` did (a loader's `remove` calls it before
        `delete_item`); the reference also matched a record whose `instance_id` equalled
        `item_id`, which `remove_instance` does here.

        Args:
            item_id: Id of the project item whose records to forget (it may already be deleted).
                (at least 1)

        Returns:
            How many records were removed.

        Raises:
            MetadataCorrupt: Stored pipeline metadata is not valid JSON (code 1013).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "item_id": item_id,
        }
        return cast("int", self._host.call_blocking("remove_metadata", params, self._options))

    def rename_item(
        self,
        *,
        item_id: int,
        name: str,
    ) -> None:
        """Rename a project item.

        Sets `Item.name` of any project item. Reference wire name of `name`: `item_name`. A
        missing item raised a ReferenceError in the reference ("EvalScript error."); it is
        `ItemNotFound` here.

        Args:
            item_id: Id of the project item. (at least 1)
            name: New name. Reference wire name: `item_name`. (non-empty)

        Returns:
            Nothing.

        Raises:
            ItemNotFound: Item not found (code 1001).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "item_id": item_id,
            "name": name,
        }
        self._host.call_blocking("rename_item", params, self._options)

    def render(
        self,
        *,
        comp_id: int,
        output_dir: str | os.PathLike[str],
        on_progress: Callable[[RenderProgress], object] | None = None,
    ) -> list[RenderOutput]:
        """Render one composition's render-queue item into a folder.

        Points the first output module of composition `comp_id`'s render-queue item at
        `output_dir` (keeping its file name, minus the publish marker), replaces the item by a
        fresh duplicate when it is already DONE, disables every other queued item, and runs
        `renderQueue.render()` with dialogs suppressed. Blocks until the render ends, hence the
        24 h deadline. Returns the outputs actually written (the reference returned nothing).
        Not idempotent: a repeat re-renders, which is costly and overwrites files, so a lost
        reply is reported, not retried. Reference wire name of `output_dir`: `folder_url`.

        Args:
            comp_id: Id of the composition. (at least 1)
            output_dir: Absolute path of the folder to render into; created if missing.
                Reference wire name: `folder_url`. (non-empty, a file path)
            on_progress: called with each ``render_progress`` event of the call (until
                its finish event, even when it trails the reply), on the thread that delivers
                events (keep it short); best-effort (docs/events.md).

        Returns:
            The output modules of the rendered item after the render, as `get_render_info`
            reports them.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            RenderQueueItemNotFound: Composition has no render queue item (code 1006).
            MultipleRenderQueueItems: Composition has more than one render queue item (code 1007).
            RenderFailed: Render failed (code 1008).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 24 h).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
            "output_dir": output_dir,
        }
        if on_progress is not None:
            with CallProgress(event_source(self._host), "render_progress", on_progress):
                return cast(
                    "list[RenderOutput]", self._host.call_blocking("render", params, self._options)
                )
        return cast("list[RenderOutput]", self._host.call_blocking("render", params, self._options))

    def replace_item(
        self,
        *,
        item_id: int,
        path: str | os.PathLike[str],
        name: str,
    ) -> None:
        """Point a footage item at a new file and rename it.

        Replaces the source of footage item `item_id` with the file at `path`
        (`FootageItem.replace`, or `replaceWithSequence` when the current source is an image
        sequence) and renames it to `name`. Used when a loaded container is updated to another
        version. Setting the same file and name twice leaves the same state, so the call is
        idempotent. Reference wire name of `name`: `item_name`.

        Args:
            item_id: Id of the footage item to update. (at least 1)
            path: Absolute path of the new source file (the first frame for a sequence).
                (non-empty, a file path)
            name: New name of the item. Reference wire name: `item_name`. (non-empty)

        Returns:
            Nothing.

        Raises:
            ItemNotFound: Item not found (code 1001).
            InvalidItemType: Item is of the wrong type for this operation (code 1005).
            FileNotFound: File not found (code 1004).
            ImportFailed: Import failed (code 1009).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 5 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "item_id": item_id,
            "path": path,
            "name": name,
        }
        self._host.call_blocking("replace_item", params, self._options)

    def run_jsx_file(
        self,
        *,
        path: str | os.PathLike[str],
    ) -> JsonValue:
        """Evaluate an ExtendScript file inside After Effects.

        Runs the .jsx file at `path` with `$.evalFile()` and returns the value of its last
        expression, converted to JSON (undefined becomes null). After Effects objects (an item,
        a layer, a file) become a short description such as `"[CompItem 12 sh010_comp]"`, never
        walked; a value nested deeper than 64 levels or with more than 100000 values raises
        `ScriptFailed` instead of serialising for ever. Used by the Run Scripts tool. The script
        can do anything inside AE, so the call is not idempotent and only trusted pipeline code
        may send it. The reference wrapped the value in `{"result": ...}` and reported failures
        as an `{"error"}` string.

        Args:
            path: Absolute path of the .jsx file to evaluate. (non-empty, a file path)

        Returns:
            The script's completion value as JSON; null when it has none.

        Raises:
            FileNotFound: File not found (code 1004).
            ScriptFailed: Script failed (code 1010).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Not idempotent: fails (maybe applied) if the panel is away past its grace.
        """
        params: dict[str, object] = {
            "path": path,
        }
        return cast("JsonValue", self._host.call_blocking("run_jsx_file", params, self._options))

    def save(self) -> None:
        """Save the project to its current file.

        Saves the current project in place (`app.project.save()`). Raises `NoDocumentOpen` for
        an untitled project, where AE would otherwise open a Save As dialog and block; use
        `save_as` for those.

        Returns:
            Nothing.

        Raises:
            NoDocumentOpen: No project file is open (code 1003).
            SaveFailed: Save failed (code 1011).
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {}
        self._host.call_blocking("save", params, self._options)

    def save_as(
        self,
        *,
        path: str | os.PathLike[str],
        as_copy: bool = False,
    ) -> None:
        """Save the project to another path, optionally as a copy.

        Writes the project to `path`. With `as_copy` false (the default) the open project then
        refers to the new file (Save As). With `as_copy` true the file is written but the open
        project stays associated with its current file and keeps its unsaved-changes state (Save
        a Copy). Semantic change from the reference: its JSX ignored `as_copy`, so the project
        always moved to `path`, and AYON's `save_workfile` calls `saveAs(dst, True)` relying on
        that; a port of it must call `save_as(path=dst)` (or use `aerpc.ayon`'s `saveAs`, which
        keeps the reference's behaviour). Reference route: `AfterEffects.saveAs`, the one
        camelCase route; reference wire name of `path`: `image_path` (the Python stub called it
        `project_path`).

        Args:
            path: Absolute path of the .aep to write; an existing file is overwritten. Reference
                wire name: `image_path`. (non-empty, a file path)
            as_copy: Write a copy and keep working on the current file. The reference ignored
                this flag and always moved the project.

        Returns:
            Nothing.

        Raises:
            SaveFailed: Save failed (code 1011).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "path": path,
            "as_copy": as_copy,
        }
        self._host.call_blocking("save_as", params, self._options)

    def select_items(
        self,
        *,
        item_ids: list[int],
    ) -> None:
        """Select exactly the given items in the Project panel.

        Sets `Item.selected` to true for the listed items and to false for every other item.
        Reference wire name of `item_ids`: `items`. Unknown ids now raise `ItemNotFound` before
        anything changes (the reference ignored them).

        Args:
            item_ids: Ids of the items to select; an empty list clears the selection. Reference
                wire name: `items`.

        Returns:
            Nothing.

        Raises:
            ItemNotFound: Item not found (code 1001).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 30 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "item_ids": item_ids,
        }
        self._host.call_blocking("select_items", params, self._options)

    def set_comp_properties(
        self,
        *,
        comp_id: int,
        frame_start: int | Unset = UNSET,
        frames_duration: int | Unset = UNSET,
        frame_rate: float | Unset = UNSET,
        width: int | Unset = UNSET,
        height: int | Unset = UNSET,
    ) -> None:
        """Change a composition's frame range, frame rate and/or resolution.

        Sets any subset of the composition's frame start (`displayStartFrame`), length, frame
        rate and size; every parameter except `comp_id` is optional and an absent one is left
        unchanged. Each is applied on its own: the reference applied the frame block only when
        start, count and fps were all truthy, so a start of 0 was silently ignored. The length
        is set as `frames_duration / frame_rate` seconds, using the new frame rate when one is
        given. A size change moves every layer's position (each keyframe, or the static value)
        by half the size difference so the content stays centred, as the reference did.
        Parameter names follow `CompProperties`; reference wire names were `item_id`, `start`
        and `duration`.

        Args:
            comp_id: Id of the composition. Reference wire name: `item_id`. (at least 1)
            frame_start: New first frame number (e.g. 1001). 0 is a valid value. Reference wire
                name: `start`.
            frames_duration: New length in frames. Reference wire name: `duration` (also in
                frames). (at least 1)
            frame_rate: New frame rate in frames per second, e.g. 23.976 or 25. (1 to 999)
            width: New width in pixels. (4 to 30000)
            height: New height in pixels. (4 to 30000)

        Returns:
            Nothing.

        Raises:
            ItemNotFound: Item not found (code 1001).
            NotAComposition: Item is not a composition (code 1002).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 1 min).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "comp_id": comp_id,
        }
        if not isinstance(frame_start, Unset):
            params["frame_start"] = frame_start
        if not isinstance(frames_duration, Unset):
            params["frames_duration"] = frames_duration
        if not isinstance(frame_rate, Unset):
            params["frame_rate"] = frame_rate
        if not isinstance(width, Unset):
            params["width"] = width
        if not isinstance(height, Unset):
            params["height"] = height
        self._host.call_blocking("set_comp_properties", params, self._options)

    def set_label_color(
        self,
        *,
        item_id: int,
        label: int,
    ) -> None:
        """Set the label color of a project item.

        Sets `Item.label` (0 = none, 1-16 = the label colors of the Preferences). The pipeline
        uses 9 (green) for loaded items and blue for created ones. Reference wire name of
        `label`: `color_idx`.

        Args:
            item_id: Id of the project item. (at least 1)
            label: Label color index, 0 (none) to 16. Reference wire name: `color_idx`. (0 to
                16)

        Returns:
            Nothing.

        Raises:
            ItemNotFound: Item not found (code 1001).
            InvalidParams: the params break the schema; nothing was sent.
            NotConnected: no host connected within the deadline; nothing was sent.
            RpcTimeout: no reply within the deadline (default 10 s).
            ConnectionLost: the host went away; ``maybe_applied`` says if it may have run.
            ResultValidationError: the result breaks the schema.

        Idempotent: waits past the reconnect grace for the panel it was sent to.
        """
        params: dict[str, object] = {
            "item_id": item_id,
            "label": label,
        }
        self._host.call_blocking("set_label_color", params, self._options)
