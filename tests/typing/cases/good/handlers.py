"""A pipeline handler object that satisfies the generated Protocol."""

from aerpc.aftereffects import PipelineHandlers, SettingsScope, TemplateAction, Tool


class Handlers:
    def launched(self) -> None:
        print("launched")

    def open_tool(self, *, tool: Tool) -> None:
        print(tool)

    def apply_settings(self, *, what: SettingsScope) -> None:
        print(what)

    def workfile_template(self, *, action: TemplateAction) -> None:
        print(action)

    def version_up_workfile(self) -> None:
        print("version up")

    def set_context(self, *, project: str, folder: str, task: str) -> None:
        print(project, folder, task)


handlers: PipelineHandlers = Handlers()
