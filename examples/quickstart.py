r"""A pipeline process: serve the panel's calls, start After Effects connected to it, list the
compositions and queue the first for render.

    python quickstart.py "C:\Program Files\Adobe\Adobe After Effects 2025\Support Files\AfterFX.exe"

(the panel must be installed first: ``aerpc cep install``).
"""

from __future__ import annotations

import os
import subprocess
import sys

from aerpc import aftereffects
from aerpc.aftereffects import (
    AfterEffects,
    PipelineHandlers,
    SettingsScope,
    TemplateAction,
    Tool,
)


class StudioHandlers:
    """What the panel's buttons call in the pipeline; mypy checks it against PipelineHandlers."""

    def launched(self) -> None:
        print("the aerpc panel started in After Effects")

    def open_tool(self, *, tool: Tool) -> None:
        print(f"open the {tool} tool")

    def apply_settings(self, *, what: SettingsScope) -> None:
        print(f"apply the task's {what} settings")

    def set_context(self, *, project: str, folder: str, task: str) -> None:
        os.environ.update(PROJECT=project, FOLDER=folder, TASK=task)

    def version_up_workfile(self) -> None:
        print("save the next workfile version")

    def workfile_template(self, *, action: TemplateAction) -> None:
        print(f"workfile template: {action}")


def main(afterfx: str) -> None:
    handlers: PipelineHandlers = StudioHandlers()
    server = aftereffects.server(handlers=handlers)  # 127.0.0.1, a free port, a new token
    server.start()  # its own thread and event loop
    try:
        # The panel reads AERPC_URL and AERPC_TOKEN from After Effects' environment.
        subprocess.Popen([afterfx], env={**os.environ, **server.launch_env()})
        ae = AfterEffects(server.wait_for_host(timeout=300))
        print("After Effects", ae.get_app_version())
        comps = ae.get_items(comps=True)
        for comp in comps:
            print(comp["id"], comp["name"])
        if comps:
            ae.add_comp_to_render_queue(comp_id=comps[0]["id"], output_dir="/tmp/renders")
    finally:
        server.stop()


if __name__ == "__main__":
    main(sys.argv[1])
