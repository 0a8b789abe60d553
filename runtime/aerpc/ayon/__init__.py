"""A drop-in for the AYON reference's ``AfterEffectsServerStub`` on aerpc's typed client."""

from .records import AEItem
from .stub import (
    AfterEffectsServerStub,
    ConnectionNotEstablishedYet,
    StubError,
    get_stub,
    install,
    uninstall,
)

__all__ = [
    "AEItem",
    "AfterEffectsServerStub",
    "ConnectionNotEstablishedYet",
    "StubError",
    "get_stub",
    "install",
    "uninstall",
]
