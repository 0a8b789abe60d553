from aerpc import aftereffects


class OnlyLaunched:
    def launched(self) -> None:
        pass


aftereffects.server(OnlyLaunched())  # E: Argument 1 to "server" has incompatible type "OnlyLaunched"; expected "PipelineHandlers | AsyncPipelineHandlers | None"
