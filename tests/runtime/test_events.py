"""The event hub without sockets: validation like results (a bad payload is logged and dropped),
order and dedupe by sequence per stream, nothing after a render's ``render_finished``, bounded
subscriber queues, the callback, blocking and async readers, and close when the host goes; and
the generated ``events`` API on the clients."""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any, cast

import pytest

from aerpc.aftereffects import (
    CONTRACT,
    EVENT_NAMES,
    AfterEffects,
    AsyncAfterEffects,
    RenderProgress,
)
from aerpc.runtime.channel import HostChannel
from aerpc.runtime.events import (
    EVENT_METHOD,
    CallProgress,
    EventCatalog,
    EventHub,
    EventsUnavailable,
    Subscription,
)

WAIT = 10.0  # seconds: the bound of every wait below


def progress(status: str = "rendering", render_id: str = "r1", **changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "render_id": render_id,
        "source": "in_app",
        "comp_id": 42,
        "comp_name": "sh010_comp",
        "item_index": 1,
        "status": status,
        "frames_done": None,
        "frames_total": 48,
        "elapsed_s": 1.5,
        "outputs": ["/renders/sh010_[#####].png"],
    }
    payload.update(changes)
    return payload


def finished(render_id: str = "r1") -> dict[str, Any]:
    payload = progress("done", render_id)
    del payload["frames_done"], payload["frames_total"]
    payload.update(ok=True, error=None)
    return payload


def note(event: str, seq: int, payload: dict[str, Any], stream: str = "panel-a") -> dict[str, Any]:
    return {"event": event, "stream": stream, "seq": seq, "payload": payload}


@pytest.fixture
def hub() -> EventHub:
    return EventHub(EventCatalog.from_document(CONTRACT.document))


def test_the_catalog_holds_the_schema_events() -> None:
    catalog = EventCatalog.from_document(CONTRACT.document)
    assert sorted(catalog.specs) == sorted(EVENT_NAMES)
    expected = {"render_progress", "render_finished", "project_changed", "host_busy"}
    assert expected <= set(EVENT_NAMES)
    assert EVENT_METHOD == "aerpc.event"
    assert not EventCatalog.from_document({"methods": []}).specs


def test_a_valid_event_reaches_every_subscriber_of_its_name(hub: EventHub) -> None:
    first = hub.subscribe("render_progress")
    second = hub.subscribe("render_progress")
    other = hub.subscribe("host_busy")
    assert hub.receive(note("render_progress", 1, progress()))
    assert first.get_nowait() == progress()
    assert second.get_nowait() == progress()
    assert other.get_nowait() is None
    assert hub.stats.delivered == 1


@pytest.mark.parametrize(
    "params",
    [
        None,
        [],
        {"event": "render_progress", "seq": 1, "payload": {}},  # no stream
        {"event": "render_progress", "stream": "s", "seq": 0, "payload": {}},
        {"event": "render_progress", "stream": "s", "seq": True, "payload": {}},
        {"event": "render_progress", "stream": "s", "seq": 1, "payload": []},
        {"event": "no_such_event", "stream": "s", "seq": 1, "payload": {}},
    ],
)
def test_a_malformed_notification_is_logged_and_dropped(
    hub: EventHub, params: object, caplog: pytest.LogCaptureFixture
) -> None:
    sub = hub.subscribe("render_progress")
    with caplog.at_level(logging.WARNING, logger="aerpc.events"):
        assert hub.receive(params) is False
    assert sub.get_nowait() is None
    assert hub.stats.invalid == 1
    assert caplog.records, "the drop is logged"


def test_a_payload_that_breaks_the_schema_is_logged_and_dropped(
    hub: EventHub, caplog: pytest.LogCaptureFixture
) -> None:
    sub = hub.subscribe("render_progress")
    with caplog.at_level(logging.WARNING, logger="aerpc.events"):
        assert not hub.receive(note("render_progress", 1, progress(status="exploded")))
        assert not hub.receive(note("render_progress", 2, progress(extra=1)))
    assert sub.get_nowait() is None
    assert hub.stats.invalid == 2
    assert "render_progress #1" in caplog.text
    assert "/status" in caplog.text
    assert hub.receive(note("render_progress", 3, progress())), "the next good one still arrives"


def test_a_resent_or_late_event_is_dropped_and_gaps_are_counted(hub: EventHub) -> None:
    sub = hub.subscribe("render_progress")
    assert hub.receive(note("render_progress", 1, progress(elapsed_s=1)))
    assert not hub.receive(note("render_progress", 1, progress(elapsed_s=1)))  # resent
    assert hub.receive(note("render_progress", 4, progress(elapsed_s=4)))
    assert not hub.receive(note("render_progress", 3, progress(elapsed_s=3)))  # late
    assert [p["elapsed_s"] for p in iter_now(sub)] == [1, 4]
    assert (hub.stats.duplicates, hub.stats.missed) == (2, 2)


def test_a_new_stream_counts_from_one_again(hub: EventHub) -> None:
    sub = hub.subscribe("host_busy")
    busy = {"busy": True, "method": "render", "call_id": "py:1", "caller": None, "elapsed_s": 0}
    assert hub.receive(note("host_busy", 5, busy, stream="page-1"))
    assert hub.receive(note("host_busy", 1, busy, stream="page-2")), "a reloaded page"
    assert len(list(iter_now(sub))) == 2


def test_nothing_of_a_render_follows_its_render_finished(hub: EventHub) -> None:
    sub = hub.subscribe("render_progress")
    done = hub.subscribe("render_finished")
    assert hub.receive(note("render_progress", 1, progress()))
    assert hub.receive(note("render_finished", 2, finished()))
    assert not hub.receive(note("render_progress", 3, progress("done")))
    assert not hub.receive(note("render_finished", 4, finished()))
    assert hub.receive(note("render_progress", 5, progress(render_id="r2"))), "another render"
    assert [p["render_id"] for p in iter_now(sub)] == ["r1", "r2"]
    assert len(list(iter_now(done))) == 1
    assert hub.stats.after_finish == 2


def test_a_slow_reader_keeps_the_newest_maxsize_events(hub: EventHub) -> None:
    sub = hub.subscribe("render_progress", maxsize=2)
    for seq in range(1, 6):
        hub.receive(note("render_progress", seq, progress(elapsed_s=seq)))
    assert [p["elapsed_s"] for p in iter_now(sub)] == [4, 5]
    assert sub.dropped == 3
    with pytest.raises(ValueError, match="maxsize"):
        hub.subscribe("render_progress", maxsize=0)


def test_a_callback_gets_each_payload_and_its_failure_is_only_logged(
    hub: EventHub, caplog: pytest.LogCaptureFixture
) -> None:
    got: list[dict[str, Any]] = []

    def broken(_payload: object) -> None:
        raise RuntimeError("the callback's own bug")

    hub.subscribe("render_progress", callback=broken)
    hub.subscribe("render_progress", callback=got.append)
    with caplog.at_level(logging.ERROR, logger="aerpc.events"):
        assert hub.receive(note("render_progress", 1, progress()))
    assert got == [progress()]
    assert "callback raised" in caplog.text


def test_close_unsubscribes_and_ends_the_reader(hub: EventHub) -> None:
    sub = hub.subscribe("render_progress")
    hub.receive(note("render_progress", 1, progress()))
    with sub:
        pass
    assert sub.closed
    hub.receive(note("render_progress", 2, progress(elapsed_s=2)))
    assert list(sub) == [progress()], "what was queued is still read, then iteration ends"
    with pytest.raises(ValueError, match="no event 'nope'"):
        hub.subscribe("nope")


def test_host_gone_ends_blocking_readers_on_other_threads(hub: EventHub) -> None:
    sub = hub.subscribe("render_progress")
    read: list[dict[str, Any]] = []
    reader = threading.Thread(target=lambda: read.extend(sub))
    reader.start()
    hub.receive(note("render_progress", 1, progress()))
    hub.host_gone()
    reader.join(WAIT)
    assert not reader.is_alive()
    assert read == [progress()]
    assert sub.get(timeout=0) is None
    after = hub.subscribe("render_progress")
    assert hub.receive(note("render_progress", 2, progress(elapsed_s=2)))
    assert after.get(timeout=WAIT) == progress(elapsed_s=2), "new subscriptions after it work"


def test_async_for_reads_events_delivered_from_another_thread_and_ends_with_the_host(
    hub: EventHub,
) -> None:
    async def main() -> list[float]:
        sub = hub.subscribe("render_progress")
        seen: list[float] = []

        def feed() -> None:
            for seq in (1, 2, 3):
                hub.receive(note("render_progress", seq, progress(elapsed_s=seq)))
            hub.host_gone()

        async def read() -> None:
            async for payload in sub:
                seen.append(payload["elapsed_s"])

        reader = asyncio.ensure_future(read())
        await asyncio.sleep(0)  # lets the reader start first (either order must work)
        threading.Thread(target=feed).start()
        await asyncio.wait_for(reader, WAIT)
        return seen

    assert asyncio.run(main()) == [1, 2, 3]


def test_the_generated_clients_subscribe_through_the_connections_hub(hub: EventHub) -> None:
    class WithEvents:
        events = hub

    for client in (AfterEffects, AsyncAfterEffects):
        ae = client(cast(HostChannel, WithEvents()))
        sub: Subscription[RenderProgress] = ae.events.render_progress()
        hub.receive(note("render_progress", hub.stats.delivered + 1, progress()))
        payload = sub.get(timeout=WAIT)
        assert payload is not None
        assert payload["status"] == "rendering"
        sub.close()


def test_a_connection_without_events_says_so(hub: EventHub) -> None:
    ae = AfterEffects(cast(HostChannel, object()))
    with pytest.raises(EventsUnavailable, match="does not deliver host events"):
        ae.events.render_finished()


def iter_now(sub: Subscription[dict[str, Any]]) -> list[dict[str, Any]]:
    """Everything queued now, without waiting."""
    out = []
    while (item := sub.get_nowait()) is not None:
        out.append(item)
    return out


# -- CallProgress: waiting after the reply only when it is warranted ---------------------------


class WhenWaiting(logging.Handler):
    """Calls ``then`` when CallProgress logs that it waits for a finish (its wait state)."""

    def __init__(self, then: Any) -> None:
        super().__init__(logging.DEBUG)
        self.then = then

    def emit(self, record: logging.LogRecord) -> None:
        if "waiting up to" in record.getMessage():
            self.then()


def test_a_capabilities_announcement_sets_what_the_host_can_send(hub: EventHub) -> None:
    assert hub.extendscript_events is None
    assert hub.receive({"capabilities": {"extendscript_events": False}})
    assert hub.extendscript_events is False
    assert not hub.receive({"capabilities": {"extendscript_events": "yes"}})
    assert hub.stats.invalid == 1
    assert hub.extendscript_events is False
    hub.host_gone()
    assert hub.extendscript_events is None, "a new host says it again"


def test_call_progress_does_not_wait_when_the_host_said_extendscript_cannot_send(
    hub: EventHub,
) -> None:
    hub.receive({"capabilities": {"extendscript_events": False}})
    got: list[dict[str, Any]] = []
    watch = CallProgress(hub, "render_progress", got.append, linger=WAIT)
    with watch:
        pass  # the call: no event came
    assert watch.waited is False
    assert got == []


def test_call_progress_does_not_wait_when_the_finish_came_before_the_reply(hub: EventHub) -> None:
    got: list[dict[str, Any]] = []
    watch = CallProgress(hub, "render_progress", got.append, linger=WAIT)
    with watch:
        hub.receive(note("render_progress", 1, progress()))
        hub.receive(note("render_finished", 2, finished()))
    assert watch.waited is False
    assert [p["status"] for p in got] == ["rendering"]


@pytest.mark.parametrize(
    ("mode", "said", "before"),
    [
        ("sync", None, ["queued"]),  # a render seen, its finish not yet
        ("async", None, ["queued"]),
        ("sync", True, []),  # nothing seen yet from a host whose ExtendScript sends
        ("async", True, []),
        ("sync", None, []),  # nothing seen from a host that did not say
    ],
)
def test_call_progress_waits_for_the_finish_when_warranted(
    hub: EventHub, mode: str, said: bool | None, before: list[str]
) -> None:
    if said is not None:
        hub.receive({"capabilities": {"extendscript_events": said}})
    got: list[dict[str, Any]] = []
    senders: list[threading.Thread] = []

    def trailing() -> None:  # the panel forwards the rest after the reply, from its thread
        def send() -> None:
            hub.receive(note("render_progress", 2, progress("done")))
            hub.receive(note("render_finished", 3, finished()))

        senders.append(threading.Thread(target=send))
        senders[-1].start()

    handler = WhenWaiting(trailing)
    logger = logging.getLogger("aerpc.events")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        watch = CallProgress(hub, "render_progress", got.append, linger=WAIT)
        if mode == "sync":
            with watch:
                for status in before:
                    hub.receive(note("render_progress", 1, progress(status)))
        else:

            async def call() -> None:
                async with watch:
                    for status in before:
                        hub.receive(note("render_progress", 1, progress(status)))

            asyncio.run(call())
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
        for sender in senders:
            sender.join(WAIT)
    assert watch.waited is True
    assert len(senders) == 1
    assert [p["status"] for p in got] == [*before, "done"], "the trailing event reached it"
