"""The sender against the local push service (it checks VAPID and decrypts every push): kept-alive
connections that the push service closed, a push read and left unanswered, a broken
subscription among good ones, and the answers that decide a retry (429 with Retry-After) or a
gone phone (410)."""

import json
import ssl

import pytest
from py_vapid import Vapid

from tests.fakepush import FakePushService
from webapp.services import push_http
from webapp.services.push import Sender

PAYLOAD = json.dumps({"title": "Elke Stap", "body": "Hoi", "id": 1}).encode()


@pytest.fixture
def fake():
    with FakePushService() as service:
        yield service


@pytest.fixture
def sender():
    key = Vapid()
    key.generate_keys()
    sender = Sender(key, "mailto:team@elkestap.nl", in_flight=2)
    yield sender
    sender.close()


def test_a_connection_the_push_service_closed_is_opened_again(fake, sender):
    first, second = fake.subscription(), fake.subscription()
    assert sender.send_one(first, PAYLOAD, "t1").sent
    fake.close_connections()  # as a push service closes idle kept-alive connections
    outcome = sender.send_one(second, PAYLOAD, "t2")
    assert outcome.sent, outcome
    assert fake.messages_for(first) == [json.loads(PAYLOAD)]
    assert fake.messages_for(second) == [json.loads(PAYLOAD)]
    assert fake.rejected == []


def test_a_push_left_unanswered_on_a_kept_alive_connection_is_sent_once_more(fake, sender):
    """The push service closed the connection as the push went out: it never took it (it
    answered nothing), so the sender sends it again on a new connection, once."""
    first, second = fake.subscription(), fake.subscription("drop_once")
    assert sender.send_one(first, PAYLOAD, "t1").sent
    outcome = sender.send_one(second, PAYLOAD, "t2")
    assert outcome.sent, outcome
    assert fake.dropped == 1
    assert len(fake.messages_for(second)) == 1


def test_on_a_new_connection_an_unanswered_push_waits_for_its_retry(fake, sender):
    """Not sent again at once when the connection was new: then the push service itself
    closed it, and the delivery's backoff decides when to try again."""
    sub = fake.subscription("drop_once")
    outcome = sender.send_one(sub, PAYLOAD, "t1")
    assert not outcome.sent and outcome.status_code is None
    assert outcome.detail == "RemoteDisconnected"
    assert fake.dropped == 1 and fake.messages_for(sub) == []


def test_a_broken_subscription_does_not_stop_the_others(fake, sender):
    good = [fake.subscription() for _ in range(3)]
    broken = {**fake.subscription(), "keys": {"p256dh": "bm90IGEga2V5", "auth": "eA"}}
    items = [(s, PAYLOAD, f"t{i}") for i, s in enumerate([good[0], broken, good[1], good[2]])]
    outcomes = dict(o for got in sender.results(items) for o in got)
    assert outcomes[1].status_code is None and outcomes[1].detail.startswith("invalid:")
    assert [outcomes[i].sent for i in (0, 2, 3)] == [True, True, True]
    assert [len(fake.messages_for(s)) for s in good] == [1, 1, 1]


def test_throttled_and_gone_answers_keep_the_connection(fake, sender):
    slow, gone, ok = fake.subscription("slowdown"), fake.subscription("gone"), fake.subscription()
    throttled = sender.send_one(slow, PAYLOAD, "t1")
    assert (throttled.status_code, throttled.retry_after, throttled.sent) == (429, 120.0, False)
    went = sender.send_one(gone, PAYLOAD, "t2")
    assert went.gone and went.detail == "http 410"
    assert sender.send_one(ok, PAYLOAD, "t3").sent
    assert fake.requests == 3 and len(fake.received) == 1


def test_every_push_carries_ttl_urgency_and_topic(fake, sender):
    sub = fake.subscription()
    assert sender.send_one(sub, PAYLOAD, "es-1-2", urgency="high").sent
    [got] = fake.received
    assert (got["ttl"], got["urgency"], got["topic"]) == (sender.ttl, "high", "es-1-2")
    assert got["claims"]["aud"] == fake.origin


@pytest.mark.parametrize("style", ["empty", "length", "chunked", "until-close"])
def test_each_way_an_answer_can_end_is_read_to_its_end(fake, sender, style):
    """Whatever the push service's answers carry, the sender reads each to its end, so the
    next push on the same connection reads its own answer; a body that lasts until the
    connection closes means a new connection for the next push."""
    fake.answer_style = style
    subs = [fake.subscription(b) for b in ("ok", "slowdown", "gone", "ok", "error", "ok")]
    outcomes = [sender.send_one(s, PAYLOAD, f"t{i}") for i, s in enumerate(subs)]
    assert [o.status_code for o in outcomes] == [201, 429, 410, 201, 500, 201]
    assert outcomes[1].retry_after == 120.0
    assert [len(fake.messages_for(s)) for s in subs] == [1, 0, 0, 1, 0, 1]
    assert fake.connections_made == (len(subs) if style == "until-close" else 1)


def test_over_tls_the_push_service_certificate_is_checked_and_connections_kept(sender, monkeypatch):
    """Every real push service is https: the connection is verified against the trust store
    (here: the local service's own certificate), kept for the next push, and opened again
    when the push service closed it."""
    with FakePushService(tls=True) as fake:
        subs = [fake.subscription() for _ in range(3)]
        untrusted = sender.send_one(subs[0], PAYLOAD, "t0")
        assert untrusted.status_code is None
        assert untrusted.detail == "SSLCertVerificationError"

        trusted = ssl.create_default_context(cafile=fake.ca_file)
        monkeypatch.setattr(push_http, "_tls", lambda: trusted)
        assert sender.send_one(subs[0], PAYLOAD, "t0").sent
        assert sender.send_one(subs[1], PAYLOAD, "t1").sent
        fake.close_connections()
        outcome = sender.send_one(subs[2], PAYLOAD, "t2")
        assert outcome.sent, outcome
        assert [len(fake.messages_for(s)) for s in subs] == [1, 1, 1]
        assert fake.connections_made == 2  # kept for two pushes, then one after it closed


def test_an_endpoint_that_would_change_the_request_is_refused(fake, sender):
    """A line break or space in the path would end the request line and add headers of its
    own: such a subscription counts as broken and nothing is sent for it."""
    sub = fake.subscription()
    for endpoint in (sub["endpoint"] + "\r\nX-Evil: 1", sub["endpoint"] + " x", "ftp://host/p"):
        outcome = sender.send_one({**sub, "endpoint": endpoint}, PAYLOAD, "t")
        assert outcome.detail == "invalid:ValueError", endpoint
    assert fake.requests == 0


def test_pushes_wait_for_their_answers_together_and_time_out(fake, monkeypatch):
    """`in_flight` pushes wait on the push service at once (not one after the other), and one
    it never answers ends as not answered after the request timeout, without holding up the
    others."""
    from webapp.services import push

    monkeypatch.setattr(push, "REQUEST_TIMEOUT", 1.0)
    key = Vapid()
    key.generate_keys()
    sender = Sender(key, "mailto:team@elkestap.nl", in_flight=3)
    subs = [fake.subscription() for _ in range(5)]
    fake.stall_after(0)  # holds every push unanswered
    outcomes, held_before_any_outcome = {}, 0
    for got in sender.results([(s, PAYLOAD, f"t{i}") for i, s in enumerate(subs)], wait=0.1):
        if not outcomes:
            held_before_any_outcome = fake.held
        outcomes.update(got)
    fake.resume()
    sender.close()
    assert held_before_any_outcome == 3  # three out at once, waiting together
    assert [outcomes[i].detail for i in range(5)] == ["TimeoutError"] * 5
    assert fake.held == 5 and fake.received == []


def test_an_answer_that_is_not_http_ends_that_push_only(fake, sender):
    """A push service whose answer cannot be read (a length that is no number): that push
    counts as not answered, the others go on, and the next push gets a new connection."""
    fake.answer_style = "bad-length"
    subs = [fake.subscription() for _ in range(3)]
    outcomes = dict(o for got in sender.results([(s, PAYLOAD, "t") for s in subs]) for o in got)
    assert [outcomes[i].detail for i in range(3)] == ["ValueError"] * 3
    fake.answer_style = "empty"
    assert sender.send_one(fake.subscription(), PAYLOAD, "t").sent
