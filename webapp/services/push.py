"""Web push, the protocol part: VAPID keys and sending encrypted messages to push services.

No database here: `webapp.services.reminders` decides what to send and records the outcome.

Keys: `VAPID_PRIVATE_KEY` from the app config or the environment (PEM, or the raw key in
base64url), else `instance/vapid_private.pem`, made by `flask push init-keys`. The `sub` claim
is `PUSH_CONTACT`, a real `mailto:` (Apple refuses `@localhost`).
"""

import base64
import http.client
import logging
import os
import queue
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import lru_cache
from urllib.parse import urlsplit

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from flask import current_app
from py_vapid import Vapid
from py_vapid.utils import b64urlencode

from webapp.services import push_http

log = logging.getLogger("elkestap.push")

KEY_FILE = "vapid_private.pem"
TTL_SECONDS = 4 * 24 * 60 * 60  # a phone that is off for a long weekend still gets it
REQUEST_TIMEOUT = 10
SEND_THREADS = 16  # sending waits on the network; encryption is the CPU part


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
    """Sends many messages: VAPID headers signed once per push service and reused until they
    are close to expiry, and a pool of threads, each with its own kept-alive connection per
    push service (`push_http`). Sending waits on the network; the CPU goes to encrypting."""

    def __init__(self, key: Vapid, sub: str, threads: int = SEND_THREADS, ttl: int = TTL_SECONDS):
        self.key = key
        self.sub = sub
        self.ttl = ttl
        self.threads = threads
        self._headers: dict[str, tuple[float, dict]] = {}
        self._lock = threading.Lock()
        self._local = threading.local()
        self._pool: ThreadPoolExecutor | None = None  # kept: its threads keep their connections

    def _headers_for(self, origin: str) -> dict:
        """What every push to this service carries: its VAPID Authorization (RFC 8292), the
        TTL and the encoding. Signed once and kept until an hour before it expires."""
        now = time.time()
        with self._lock:
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

    def _connections(self) -> push_http.Connections:
        connections = getattr(self._local, "connections", None)
        if connections is None:
            connections = self._local.connections = push_http.Connections(REQUEST_TIMEOUT)
        return connections

    def send_one(
        self, subscription: dict, payload: bytes, topic: str | None = None, urgency: str = "normal"
    ) -> Outcome:
        """One push. `topic` (RFC 8030): a push service holding an undelivered message with the
        same topic replaces it, so a message sent again after a crash arrives once."""
        try:
            to = push_http.target(subscription["endpoint"])
            body = encrypt(subscription, payload)
        except Exception as e:  # a broken subscription (bad keys) must not stop the others
            return Outcome(None, detail=f"invalid:{type(e).__name__}")
        headers = {**self._headers_for(to.origin), "Urgency": urgency}
        if topic:
            headers["Topic"] = topic
        try:
            answer = self._connections().post(to, headers, body)
        except (OSError, http.client.HTTPException) as e:  # no answer: refused, reset, timeout
            return Outcome(None, detail=type(e).__name__)
        ok = 200 <= answer.status < 300
        return Outcome(
            answer.status,
            retry_after=parse_retry_after(answer.retry_after),
            detail=None if ok else f"http {answer.status}",
        )

    def results(
        self, items: list[tuple[dict, bytes, str | None]], wait: float | None = None
    ) -> Iterator[list[tuple[int, Outcome]]]:
        """Send every (subscription, payload, topic) and yield the outcomes as they come, by
        the item's index: each time what has finished since the last yield (at least one), or
        an empty list when nothing finished within `wait` seconds (the caller renews its
        lease). The caller records them as they come: a sender that dies has recorded what it
        sent."""
        if not items:
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(
                max_workers=max(1, self.threads), thread_name_prefix="push"
            )
        finished: queue.SimpleQueue = queue.SimpleQueue()

        def send(index: int, item: tuple) -> None:
            try:
                finished.put((index, self.send_one(*item)))
            except BaseException as e:  # never lose an item: it counts as not sent
                finished.put((index, Outcome(None, detail=type(e).__name__)))

        for index, item in enumerate(items):
            self._pool.submit(send, index, item)
        left = len(items)
        while left:
            try:
                got = [finished.get(timeout=wait)]
            except queue.Empty:
                yield []
                continue
            while True:
                try:
                    got.append(finished.get_nowait())
                except queue.Empty:
                    break
            left -= len(got)
            yield got

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


def encrypt(subscription: dict, payload: bytes) -> bytes:
    """The aes128gcm body (RFC 8291) for her phone's keys, with a new ephemeral key of ours
    for each message, as the RFC requires. Raises on keys that are missing or not a point."""
    keys = subscription["keys"]
    return http_ece.encrypt(
        payload,
        private_key=ec.generate_private_key(ec.SECP256R1()),
        dh=_b64decode(keys["p256dh"]),
        auth_secret=_b64decode(keys["auth"]),
        version="aes128gcm",
    )


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
