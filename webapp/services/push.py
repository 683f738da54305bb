"""Web push, the protocol part: VAPID keys and sending encrypted messages to push services.

No database here: `webapp.services.reminders` decides what to send and records the outcome.

Keys: `VAPID_PRIVATE_KEY` from the app config or the environment (PEM, or the raw key in
base64url), else `instance/vapid_private.pem`, made by `flask push init-keys`. The `sub` claim
is `PUSH_CONTACT`, a real `mailto:` (Apple refuses `@localhost`).
"""

import base64
import logging
import os
import select
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from flask import current_app
from py_vapid import Vapid
from py_vapid.utils import b64urlencode

from webapp.services import push_crypto, push_http

log = logging.getLogger("elkestap.push")

KEY_FILE = "vapid_private.pem"
TTL_SECONDS = 4 * 24 * 60 * 60  # a phone that is off for a long weekend still gets it
REQUEST_TIMEOUT = 10
IN_FLIGHT = 16  # pushes waiting for their answers at once, each on its own connection
# Pushes encrypted in one run before they are sent (a run of 128 takes about 15 ms here).
ENCRYPT_AHEAD = 128


class PushConfigError(RuntimeError):
    pass


def key_path() -> str:
    return os.path.join(current_app.instance_path, KEY_FILE)


def init_keys() -> tuple[str, bool]:
    """Make a key pair in the instance folder unless one exists (or comes from the
    environment). Returns (public key for the page, created)."""
    if _configured_private_key():
        return public_key(), False
    path = key_path()
    if os.path.exists(path):
        return public_key(), False
    vapid = Vapid()
    vapid.generate_keys()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(vapid.private_pem())
    _vapid_cache.clear()
    return public_key(), True


def _configured_private_key() -> str | None:
    return current_app.config.get("VAPID_PRIVATE_KEY") or os.environ.get("VAPID_PRIVATE_KEY")


_vapid_cache: dict[str, Vapid] = {}


def vapid() -> Vapid | None:
    """The application's key, or None when push is not set up (then everything is inbox only)."""
    raw = _configured_private_key()
    source = raw or key_path()
    if source in _vapid_cache:
        return _vapid_cache[source]
    if raw:
        key = Vapid.from_pem(raw.encode()) if "BEGIN" in raw else Vapid.from_raw(raw.encode())
    elif os.path.exists(source):
        key = Vapid.from_file(source)
    else:
        return None
    _vapid_cache[source] = key
    return key


def public_key() -> str | None:
    """The applicationServerKey for pushManager.subscribe (base64url, uncompressed point)."""
    key = vapid()
    return None if key is None else _public_key_of(key)


@lru_cache(maxsize=4)  # her pages carry it on every visit; a key's public half never changes
def _public_key_of(key: Vapid) -> str:
    raw = key.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64urlencode(raw)


def contact() -> str:
    sub = current_app.config.get("PUSH_CONTACT") or ""
    if not sub.startswith(("mailto:", "https:")) or sub.endswith("@localhost"):
        raise PushConfigError("PUSH_CONTACT must be a real mailto: or https: address")
    return sub


@dataclass
class Outcome:
    status_code: int | None  # None: no answer
    retry_after: float | None = None  # seconds, from a 429 or 503
    detail: str | None = None  # the kind of error, never the content

    @property
    def sent(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def gone(self) -> bool:
        return self.status_code in (404, 410)


class Sender:
    """Sends many messages from one thread: VAPID headers signed once per push service and
    reused until they are close to expiry, connections kept alive between pushes (`Pool`),
    and up to `in_flight` pushes waiting for their answers at once while the next ones are
    encrypted. No threads: the CPU goes to encrypting, and handing each push to a thread
    and its result back cost about as much again (measured: bench/README.md)."""

    def __init__(self, key: Vapid, sub: str, in_flight: int = IN_FLIGHT, ttl: int = TTL_SECONDS):
        self.key = key
        self.sub = sub
        self.ttl = ttl
        self.in_flight = in_flight
        self._headers: dict[str, tuple[float, dict]] = {}
        self._pool = push_http.Pool(REQUEST_TIMEOUT)

    def _headers_for(self, origin: str) -> dict:
        """What every push to this service carries: its VAPID Authorization (RFC 8292), the
        TTL and the encoding. Signed once and kept until an hour before it expires."""
        now = time.time()
        cached = self._headers.get(origin)
        if cached and cached[0] - now > 3600:
            return cached[1]
        exp = int(now) + 12 * 3600
        # A fresh claims dict every time: py_vapid writes into it.
        headers = {
            **self.key.sign({"sub": self.sub, "aud": origin, "exp": exp}),
            "TTL": str(self.ttl),
            "Content-Encoding": "aes128gcm",
        }
        self._headers[origin] = (exp, headers)
        return headers

    def _prepare(
        self, subscription: dict, payload: bytes, topic: str | None, urgency: str = "normal"
    ) -> tuple[push_http.Target, bytes] | Outcome:
        """The push's bytes, or the Outcome of a broken subscription (bad keys or endpoint),
        which must not stop the others. `topic` (RFC 8030): a push service holding an
        undelivered message with the same topic replaces it, so a message sent again after a
        crash arrives once."""
        try:
            to = push_http.target(subscription["endpoint"])
            body = encrypt(subscription, payload)
        except Exception as e:
            return Outcome(None, detail=f"invalid:{type(e).__name__}")
        headers = {**self._headers_for(to.origin), "Urgency": urgency}
        if topic:
            headers["Topic"] = topic
        return to, push_http.request(to, headers, body)

    def send_one(
        self, subscription: dict, payload: bytes, topic: str | None = None, urgency: str = "normal"
    ) -> Outcome:
        """One push, waiting for its answer."""
        prepared = self._prepare(subscription, payload, topic, urgency)
        if isinstance(prepared, Outcome):
            return prepared
        try:
            return _outcome(self._pool.post(*prepared))
        except Exception as e:  # no answer, or one that is not HTTP
            return _no_answer(e)

    def results(
        self, items: list[tuple[dict, bytes, str | None]], wait: float | None = None
    ) -> Iterator[list[tuple[int, Outcome]]]:
        """Send every (subscription, payload, topic) and yield the outcomes as they come, by
        the item's index: each time what has finished since the last yield (at least one), or
        an empty list when nothing finished within `wait` seconds (the caller renews its
        lease). The caller records them as they come: a sender that dies has recorded what it
        sent."""
        flights = _Flights(self._pool, REQUEST_TIMEOUT)
        waiting = deque(enumerate(items))
        ready: deque = deque()  # encrypted, not yet sent
        try:
            while waiting or ready or flights:
                done: list[tuple[int, Outcome]] = []
                while (waiting or ready) and len(flights) < self.in_flight:
                    if not ready:
                        # Encrypted in runs, not one between two answers: the same encryption
                        # cost about 30 µs a message more when each one came between reading
                        # answers and writing results (bench/README.md, 2026-12-04), most
                        # likely OpenSSL's code and tables pushed out of the CPU's caches.
                        for _ in range(min(ENCRYPT_AHEAD, len(waiting))):
                            index, item = waiting.popleft()
                            ready.append((index, self._prepare(*item)))
                    index, prepared = ready.popleft()
                    if isinstance(prepared, Outcome):
                        done.append((index, prepared))
                    else:
                        done.extend(flights.start(index, *prepared))
                if flights:
                    done.extend(flights.answers(timeout=0 if done else wait))
                yield done
        finally:  # also when the caller stops early: unread answers make a connection useless
            flights.close()

    def close(self) -> None:
        self._pool.close()


class _Flight(NamedTuple):
    index: int
    data: bytes
    connection: push_http.Connection
    deadline: float


class _Flights:
    """Pushes sent and waiting for their answer, each on its own connection; their answers
    read as they arrive. A `select.poll` on the sockets, not `selectors`: registering a
    socket there is not a system call (epoll's is, twice a push) and costs no key objects;
    each push is registered once, while it waits."""

    def __init__(self, pool: push_http.Pool, timeout: float) -> None:
        self.pool, self.timeout = pool, timeout
        self.poll = select.poll()
        self.waiting: dict[int, _Flight] = {}  # by the socket's file descriptor

    def __len__(self) -> int:
        return len(self.waiting)

    def _wait_for(self, flight: _Flight) -> None:
        fd = flight.connection.sock.fileno()
        self.waiting[fd] = flight
        self.poll.register(fd, select.POLLIN)

    def _landed(self, fd: int) -> _Flight:
        self.poll.unregister(fd)
        return self.waiting.pop(fd)

    def start(self, index: int, to: push_http.Target, data: bytes) -> list[tuple[int, Outcome]]:
        """Send; [] once it is on its way, else its outcome."""
        connection = self.pool.take(to)
        try:
            try:
                connection.send(data)
            except push_http.Stale:
                connection.send(data)
        except Exception as e:  # refused, reset, a TLS or name error: this push only
            self.pool.give_back(connection)
            return [(index, _no_answer(e))]
        self._wait_for(_Flight(index, data, connection, time.monotonic() + self.timeout))
        return []

    def answers(self, timeout: float | None) -> list[tuple[int, Outcome]]:
        """What was answered within `timeout` seconds (None: until something is), and the
        pushes that waited longer than the request timeout, as not answered."""
        earliest = min(flight.deadline for flight in self.waiting.values())
        until_timeout = max(0.0, earliest - time.monotonic())
        wait = until_timeout if timeout is None else min(timeout, until_timeout)
        done = []
        # Any event counts: an error or a hang-up shows when the answer is read.
        for fd, _ in self.poll.poll(wait * 1000):  # milliseconds
            flight = self._landed(fd)
            try:
                try:
                    outcome = _outcome(flight.connection.receive())
                except push_http.Stale:  # closed as it went out: again, on a new connection
                    flight.connection.send(flight.data)
                    self._wait_for(flight)
                    continue
            except Exception as e:  # no answer, or one that is not HTTP: this push only
                outcome = _no_answer(e)
            self.pool.give_back(flight.connection)
            done.append((flight.index, outcome))
        now = time.monotonic()
        if earliest <= now:
            for fd, flight in list(self.waiting.items()):
                if flight.deadline <= now:  # no answer in time: the push service may be stuck
                    self._landed(fd)
                    flight.connection.close()
                    self.pool.give_back(flight.connection)
                    done.append((flight.index, Outcome(None, detail="TimeoutError")))
        return done

    def close(self) -> None:
        for fd, flight in list(self.waiting.items()):
            self._landed(fd)
            flight.connection.close()
            self.pool.give_back(flight.connection)


def _outcome(answer: push_http.Answer) -> Outcome:
    ok = 200 <= answer.status < 300
    return Outcome(
        answer.status,
        retry_after=parse_retry_after(answer.retry_after),
        detail=None if ok else f"http {answer.status}",
    )


def _no_answer(error: BaseException) -> Outcome:
    return Outcome(None, detail=type(error).__name__)  # refused, reset, timed out


def encrypt(subscription: dict, payload: bytes) -> bytes:
    """The aes128gcm body (RFC 8291) for her phone's keys, with a new ephemeral key of ours
    for each message, as the RFC requires. Raises on keys that are missing or not a point."""
    keys = subscription["keys"]
    return push_crypto.encrypt(_b64decode(keys["p256dh"]), _b64decode(keys["auth"]), payload)


def _b64decode(value: str) -> bytes:
    """base64url as browsers give it: unpadded."""
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def endpoint_host(endpoint: str) -> str:
    """For logs: the push service, never the subscription's own path."""
    return urlsplit(endpoint).netloc
