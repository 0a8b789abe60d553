# Generated from schema/aftereffects.openrpc.json (After Effects 1.0.0)
# by `aerpc generate`. Do not edit: edit the schema and run `aerpc generate`.
# Schema hash: sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce
"""Protocols for the methods the pipeline serves: the panel calls them.

Implement :class:`PipelineHandlers` (plain methods: run off the event loop, or on your own main
thread through the server's ``run_sync`` hook) or :class:`AsyncPipelineHandlers` (coroutines:
run on the loop) and pass the object to ``Server(handlers=...)``. Raise a declared error class
from ``errors`` to answer with its code; anything else reaches the panel as an internal error.
"""

from __future__ import annotations

from typing import Protocol

from .types import SettingsScope, TemplateAction, Tool

__all__ = ["AsyncPipelineHandlers", "PipelineHandlers"]


class PipelineHandlers(Protocol):
    """The pipeline's side of the schema."""

    def apply_settings(
        self,
        *,
        what: SettingsScope,
    ) -> None:
        """Apply the task's resolution and/or frame range to the selected compositions.

        Queues the pipeline's settings routine, which reads the task attributes and calls back
        into AE (`get_selected_items`, `set_comp_properties`, `print_msg`), and returns once it
        is queued. Setting values is idempotent. Replaces the reference routes
        `AfterEffects.setresolution_route`, `setframes_route` and `setall_route`.

        Args:
            what: Which settings to apply.
        """
        ...

    def launched(self) -> None:
        """The panel announces that it has started.

        Sent by the panel once its hello succeeded. The first call emits the pipeline's
        `application.launched` event (queued on the Qt main thread: inventory check, workfiles
        tool); later calls, e.g. after a panel reload, do nothing, so it is idempotent.
        Reference route: `AfterEffects.ping`, which the old panel sent once at startup and never
        again after a reconnect.
        """
        ...

    def open_tool(
        self,
        *,
        tool: Tool,
    ) -> None:
        """Open a pipeline tool window.

        Shows the requested tool on the pipeline's Qt main thread and returns as soon as that is
        queued; opening an open tool raises it, so the call is idempotent. Replaces seven
        argument-less reference routes: `AfterEffects.workfiles_route`, `loader_route` (opened
        with the current context), `publish_route` (opens the publisher),
        `sceneinventory_route`, `experimental_tools_route`, `script_editor_route` and
        `run_scripts_route`.

        Args:
            tool: The tool to open.
        """
        ...

    def set_context(
        self,
        *,
        project: str,
        folder: str,
        task: str,
    ) -> None:
        """Switch the pipeline's current project, folder and task.

        Sets `AYON_PROJECT_NAME`, `AYON_FOLDER_PATH` and `AYON_TASK_NAME` in the pipeline
        process. Not called by the panel: a second launcher connects with role `tool` and calls
        it when AE is already running. Setting values is idempotent.

        Args:
            project: Project name.
            folder: Folder path, e.g. `/shots/sq01/sh010`.
            task: Task name, e.g. `compositing`.
        """
        ...

    def version_up_workfile(self) -> None:
        """Save the workfile as its next version.

        Queues the pipeline's save-next-version routine (which calls `save_as` back into AE) and
        returns. Not idempotent: each run creates another version. The panel shows the button
        only when `AYON_VERSION_UP_WORKFILE` is true. Reference route:
        `AfterEffects.version_up_workfile_route`.
        """
        ...

    def workfile_template(
        self,
        *,
        action: TemplateAction,
    ) -> None:
        """Run a workfile-template builder action.

        Queues the builder action on the Qt main thread and returns. Not idempotent: `build`
        loads content and `create_placeholder` opens a dialog that creates a placeholder each
        time. Replaces the reference routes `AfterEffects.create_placeholder_route`,
        `update_placeholder_route` and `build_workfile_template_route`.

        Args:
            action: The builder action.
        """
        ...


class AsyncPipelineHandlers(Protocol):
    """The pipeline's side of the schema, as coroutines."""

    async def apply_settings(
        self,
        *,
        what: SettingsScope,
    ) -> None:
        """Apply the task's resolution and/or frame range to the selected compositions.

        Queues the pipeline's settings routine, which reads the task attributes and calls back
        into AE (`get_selected_items`, `set_comp_properties`, `print_msg`), and returns once it
        is queued. Setting values is idempotent. Replaces the reference routes
        `AfterEffects.setresolution_route`, `setframes_route` and `setall_route`.

        Args:
            what: Which settings to apply.
        """
        ...

    async def launched(self) -> None:
        """The panel announces that it has started.

        Sent by the panel once its hello succeeded. The first call emits the pipeline's
        `application.launched` event (queued on the Qt main thread: inventory check, workfiles
        tool); later calls, e.g. after a panel reload, do nothing, so it is idempotent.
        Reference route: `AfterEffects.ping`, which the old panel sent once at startup and never
        again after a reconnect.
        """
        ...

    async def open_tool(
        self,
        *,
        tool: Tool,
    ) -> None:
        """Open a pipeline tool window.

        Shows the requested tool on the pipeline's Qt main thread and returns as soon as that is
        queued; opening an open tool raises it, so the call is idempotent. Replaces seven
        argument-less reference routes: `AfterEffects.workfiles_route`, `loader_route` (opened
        with the current context), `publish_route` (opens the publisher),
        `sceneinventory_route`, `experimental_tools_route`, `script_editor_route` and
        `run_scripts_route`.

        Args:
            tool: The tool to open.
        """
        ...

    async def set_context(
        self,
        *,
        project: str,
        folder: str,
        task: str,
    ) -> None:
        """Switch the pipeline's current project, folder and task.

        Sets `AYON_PROJECT_NAME`, `AYON_FOLDER_PATH` and `AYON_TASK_NAME` in the pipeline
        process. Not called by the panel: a second launcher connects with role `tool` and calls
        it when AE is already running. Setting values is idempotent.

        Args:
            project: Project name.
            folder: Folder path, e.g. `/shots/sq01/sh010`.
            task: Task name, e.g. `compositing`.
        """
        ...

    async def version_up_workfile(self) -> None:
        """Save the workfile as its next version.

        Queues the pipeline's save-next-version routine (which calls `save_as` back into AE) and
        returns. Not idempotent: each run creates another version. The panel shows the button
        only when `AYON_VERSION_UP_WORKFILE` is true. Reference route:
        `AfterEffects.version_up_workfile_route`.
        """
        ...

    async def workfile_template(
        self,
        *,
        action: TemplateAction,
    ) -> None:
        """Run a workfile-template builder action.

        Queues the builder action on the Qt main thread and returns. Not idempotent: `build`
        loads content and `create_placeholder` opens a dialog that creates a placeholder each
        time. Replaces the reference routes `AfterEffects.create_placeholder_route`,
        `update_placeholder_route` and `build_workfile_template_route`.

        Args:
            action: The builder action.
        """
        ...
