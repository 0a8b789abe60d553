"""What a :class:`~aerpc.runtime.peer.Peer` does with what it receives, by the role of the other
side: given to the peer when it is built, never changed afterwards.

A :class:`Role` answers three questions for one socket: where a request (or notification) of the
other side goes, where a reply to this side's call goes, and how the socket's in-flight gate runs
a request. The base :class:`Role` is the plain answer (requests through the gate to the socket's
dispatcher, replies to the socket's own call table, ``rpc.cancel`` to its running requests). The
server's roles (:class:`HostRole`, :class:`ToolRole`) are chosen by the socket's session
(:mod:`.session`) once the hello is accepted; a client names its own (``client.py``).
"""

from __future__ import annotations

import collections
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from .events import EVENT_METHOD
from .relay import EVENTS_NOTIFICATION
from .scheduler import RUN_NOTIFICATION

if TYPE_CHECKING:
    from .host import Host
    from .inflight import Run
    from .peer import Peer
    from .protocol import Id, Request, Response
    from .relay import Relay

__all__ = ["PENDING", "HostRole", "Role", "ToolRole"]


class Role:
    """The plain behaviour of a socket (module doc); ``name`` names the other side in logs and
    call events (``"host"``, ``"tool"``, ``"server"``)."""

    def __init__(self, name: str):
        self.name: Final = name

    def requests(self, peer: Peer) -> Callable[[Request], None]:
        """Where the other side's requests and notifications go: through the gate."""
        return peer.gate.serve

    def replies(self, peer: Peer) -> Callable[[Response], None]:
        """Where the replies to this side's calls go: its own call table."""
        return peer.settle

    def cancels(self, peer: Peer) -> Callable[[Id], None]:
        """Where the other side's ``rpc.cancel`` goes: the requests running here."""
        return peer.cancel_running

    def runner(self, peer: Peer) -> Run:
        """How the gate runs an admitted request: the socket's dispatcher."""
        return peer.dispatch

    def orphans(self, peer: Peer) -> Callable[[str], None]:
        """Where a reply that names no call goes (why it is one): logged only."""
        return _ignore

    def closed(self, peer: Peer) -> None:
        """The socket closed (after its hello was accepted)."""


_ANSWERED = 1024
"""Ids a host socket's replies are remembered by, to notice a second reply to one."""


def _ignore(why: str) -> None:
    pass


def _show(id: Id) -> str:
    return repr(id[:80]) if isinstance(id, str) else repr(id)


PENDING: Final = Role("?")
"""No role yet: a server's socket before its hello (only in logs)."""


class HostRole(Role):
    """The After Effects panel's socket on a server.

    Replies to the pipeline's calls go to :class:`~aerpc.runtime.host.Host`, which owns those
    calls across reconnects. Requests and notifications from the host (pipeline methods the
    panel calls) take the plain path: the gate, then the dispatcher; a notification the runtime
    itself should act on lands in :meth:`requests`.
    """

    def __init__(self, host: Host, relay: Relay):
        super().__init__("host")
        self.host = host
        self.relay = relay

    def replies(self, peer: Peer) -> Callable[[Response], None]:
        """To :meth:`Host.on_response`, but a second reply to one id on this socket (the
        server never sends an id twice on one socket) fails the calls in flight instead."""
        host = self.host
        # the last ids this socket answered, oldest first (an OrderedDict drops its oldest in
        # constant time; a dict's first key is found past the slots of those already dropped)
        answered: collections.OrderedDict[Id, None] = collections.OrderedDict()

        def reply(response: Response) -> None:
            id = response.id
            if id in answered:
                host.stray_reply(f"a second reply to {_show(id)}")
                return
            answered[id] = None
            if len(answered) > _ANSWERED:
                answered.popitem(last=False)
            host.on_response(response)

        return reply

    def orphans(self, peer: Peer) -> Callable[[str], None]:
        return self.host.stray_reply

    def requests(self, peer: Peer) -> Callable[[Request], None]:
        serve, on_run, on_event = peer.gate.serve, self.host.on_run, self.host.on_event

        def request(request: Request) -> None:
            if request.id is None and request.method == EVENT_METHOD:
                on_event(request.params)  # a host event: to the hub and the tools
            elif request.id is None and request.method == RUN_NOTIFICATION:
                on_run(request.params)  # a host call started or ended running
            else:
                serve(request)

        return request

    def closed(self, peer: Peer) -> None:
        self.host.detach(peer, peer.cause)
        if not self.host.connected:
            self.host.host_gone()  # subscriptions to its events end
            self.relay.host_gone()


class ToolRole(Role):
    """A tool's socket on a server: its requests for host methods (and ``aerpc.hosts``) go to
    the relay, the others to the dispatcher, behind the one gate (:meth:`Relay.runner`)."""

    def __init__(self, relay: Relay):
        super().__init__("tool")
        self.relay = relay

    def runner(self, peer: Peer) -> Run:
        return self.relay.runner(peer, peer.dispatch)

    def requests(self, peer: Peer) -> Callable[[Request], None]:
        serve, events = peer.gate.serve, self.relay.subscribe_events

        def request(request: Request) -> None:
            if request.id is None and request.method == EVENTS_NOTIFICATION:
                events(peer, request.params)  # the tool wants the host's events, or no more
            else:
                serve(request)

        return request

    def cancels(self, peer: Peer) -> Callable[[Id], None]:
        cancel_running, cancel = peer.cancel_running, self.relay.cancel

        def on_cancel(id: Id) -> None:
            cancel(peer, id)  # the host call is given up at once (its status says so)
            cancel_running(id)

        return on_cancel

    def closed(self, peer: Peer) -> None:
        self.relay.tool_closed(peer)
