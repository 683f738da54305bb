"""Domain rules as plain functions. They take the user as an argument, never a request global,
and they own the commit."""


class ServiceError(Exception):
    """A rule said no. `message` is a lazy translated string fit to show to the person."""

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field
