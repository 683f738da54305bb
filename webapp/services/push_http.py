"""The HTTP part of web push: kept-alive HTTP/1.1 connections to each push service, and the few
bytes a push is: one POST written in one piece, one short answer read.

Not requests, nor http.client under it: a push is a small POST to one of a handful of hosts,
and either spent more CPU per push than its encryption (requests: merging settings, preparing
the request, urllib3's pool; http.client: a header at a time, and the answer's headers parsed
by the email package). What a push service answers is read as HTTP/1.1 has it (a length, a
chunked body, or a body until the connection closes) and only the status and Retry-After are
kept. Nothing is looked up in the environment per request (no netrc, proxy or
certificate-path lookups): the push services are reached directly, with the system's trust
store, loaded once.
"""

import http.client
import re
import socket
import ssl
from functools import cache, lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit

# A kept-alive connection the push service has closed meanwhile fails on the next push
# before any answer; the push then never reached it, and is sent once more on a new one.
_CLOSED_MEANWHILE = (
    http.client.RemoteDisconnected,
    ConnectionResetError,
    BrokenPipeError,
    ConnectionAbortedError,
    ssl.SSLEOFError,
)
_MAX_LINE = 8192  # a status or header line; longer is not a push service
_MAX_HEADERS = 100
_UNSAFE_IN_PATH = re.compile(r"[\x00-\x20\x7f]")  # would end the request line early


class Answer(NamedTuple):
    status: int
    retry_after: str | None  # the header as it came, parsed by the caller


class Target(NamedTuple):
    """An endpoint split once: which connection, and the path to post to."""

    origin: str  # scheme://host[:port], also the VAPID `aud`
    scheme: str
    host: str
    port: int
    netloc: str  # the Host header
    path: str


@cache
def _tls() -> ssl.SSLContext:
    return ssl.create_default_context()  # verifies the push service's certificate and name


def target(endpoint: str) -> Target:
    scheme, sep, rest = endpoint.partition("://")
    netloc, _, path = rest.partition("/")
    if not sep:
        raise ValueError("not an http(s) endpoint")
    path = "/" + path.partition("#")[0]
    if _UNSAFE_IN_PATH.search(path):
        raise ValueError("a space or control character in the endpoint")
    return Target(*_service(scheme, netloc), path)


@lru_cache(maxsize=64)  # a handful of push services; urlsplit's checks once for each
def _service(scheme: str, netloc: str) -> tuple[str, str, str, int, str]:
    parts = urlsplit(f"{scheme}://{netloc}")
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError("not an http(s) endpoint")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{parts.netloc}", parts.scheme, parts.hostname, port, parts.netloc


def request(to: Target, headers: dict, body: bytes) -> bytes:
    """The whole POST, written at once (no waiting on Nagle between headers and body)."""
    lines = [f"POST {to.path} HTTP/1.1", f"Host: {to.netloc}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class Stale(Exception):
    """A kept-alive connection was closed before the push service answered: the push never
    reached it, so it goes again on a new connection (once: a new one raises the error)."""


class Connection:
    """One kept-alive connection to a push service, opened when needed; closed after an
    error or when the push service says so. One push at a time: send, then receive."""

    def __init__(self, to: Target, timeout: float) -> None:
        self.to, self.timeout = to, timeout
        self.sock: socket.socket | None = None
        self.reader = None
        self.fresh = True  # opened for the push on it now

    def send(self, data: bytes) -> None:
        """Raises OSError or Stale."""
        self.fresh = self.sock is None
        if self.fresh:
            self._open()
        try:
            self.sock.sendall(data)
        except BaseException as e:
            self._failed(e)

    def receive(self) -> Answer:
        """The answer to what was sent. Raises OSError, http.client.HTTPException or Stale."""
        try:
            status_line = self.reader.readline(_MAX_LINE + 1)
            if not status_line:
                raise http.client.RemoteDisconnected("closed without an answer")
        except BaseException as e:
            self._failed(e)
        try:
            answer, keep_alive = _read_answer(status_line, self.reader)
        except BaseException:
            self.close()
            raise
        if not keep_alive:
            self.close()
        return answer

    def _failed(self, error: BaseException):
        self.close()  # half a push on it: the next one starts clean
        if isinstance(error, _CLOSED_MEANWHILE) and not self.fresh:
            raise Stale from error
        raise error

    def _open(self) -> None:
        sock = socket.create_connection((self.to.host, self.to.port), timeout=self.timeout)
        if self.to.scheme == "https":
            sock = _tls().wrap_socket(sock, server_hostname=self.to.host)
        # Only the local test push service is plain http (subscriptions accept https only).
        self.sock, self.reader = sock, sock.makefile("rb")

    def close(self) -> None:
        if self.sock is not None:
            self.reader.close()
            self.sock.close()
            self.sock = self.reader = None


def _read_answer(status_line: bytes, reader) -> tuple[Answer, bool]:
    """(the answer, whether the connection stays open). The body is read and dropped: a push
    service's answer to a push says everything in its status."""
    while True:
        version, status = _status(status_line)
        headers = _headers(reader)
        if status >= 200:
            break
        status_line = reader.readline(_MAX_LINE + 1)  # 1xx: the real answer follows
        if not status_line:
            raise http.client.RemoteDisconnected("closed after an interim answer")
    # `find`, not `in`: `bytes in bytes` first tries the word as a number, and the
    # TypeError it makes and drops costs more than the search.
    keep_alive = version == b"HTTP/1.1" and headers.get(b"connection", b"").find(b"close") < 0
    if headers.get(b"transfer-encoding", b"").find(b"chunked") >= 0:
        _skip_chunked(reader)
    elif b"content-length" in headers:
        _skip(reader, int(headers[b"content-length"]))
    elif status not in (204, 304):  # the body lasts until the push service closes
        while reader.read(65536):
            pass
        keep_alive = False
    retry_after = headers.get(b"retry-after")
    return Answer(status, retry_after.decode("latin-1") if retry_after else None), keep_alive


def _status(line: bytes) -> tuple[bytes, int]:
    parts = line.split(None, 2)
    if len(line) > _MAX_LINE or len(parts) < 2 or not parts[0].startswith(b"HTTP/1."):
        raise http.client.BadStatusLine(line[:100].decode("latin-1"))
    if not (len(parts[1]) == 3 and parts[1].isdigit()):
        raise http.client.BadStatusLine(line[:100].decode("latin-1"))
    return parts[0], int(parts[1])


def _headers(reader) -> dict[bytes, bytes]:
    """Header names in lower case; values as they came (lower case for the ones we test)."""
    headers: dict[bytes, bytes] = {}
    for _ in range(_MAX_HEADERS):
        line = reader.readline(_MAX_LINE + 1)
        if line in (b"\r\n", b"\n"):
            return headers
        if not line or len(line) > _MAX_LINE:
            raise http.client.IncompleteRead(line[:100])
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        value = value.strip()
        headers[name] = value if name == b"retry-after" else value.lower()
    raise http.client.LineTooLong("too many headers")


def _skip(reader, size: int) -> None:
    while size > 0:
        chunk = reader.read(min(size, 65536))
        if not chunk:
            raise http.client.IncompleteRead(b"", size)
        size -= len(chunk)


def _skip_chunked(reader) -> None:
    while True:
        line = reader.readline(_MAX_LINE + 1)
        try:
            size = int(line.split(b";", 1)[0].strip(), 16)
        except ValueError:
            raise http.client.IncompleteRead(line[:100]) from None
        if size == 0:
            break
        _skip(reader, size + 2)  # the chunk and the line end after it
    _headers(reader)  # trailers, if any, up to the empty line


class Pool:
    """Idle connections by push service, kept between pushes (and between batches: a sender
    lives as long as its worker process)."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._idle: dict[str, list[Connection]] = {}

    def take(self, to: Target) -> Connection:
        idle = self._idle.get(to.origin)
        if idle:
            connection = idle.pop()
            connection.to = to
            return connection
        return Connection(to, self.timeout)

    def give_back(self, connection: Connection) -> None:
        self._idle.setdefault(connection.to.origin, []).append(connection)

    def post(self, to: Target, data: bytes) -> Answer:
        """One push, waiting for its answer; raises OSError or http.client.HTTPException when
        none came."""
        connection = self.take(to)
        try:
            try:
                connection.send(data)
                return connection.receive()
            except Stale:
                connection.send(data)
                return connection.receive()
        finally:
            self.give_back(connection)

    def close(self) -> None:
        for idle in self._idle.values():
            for connection in idle:
                connection.close()
        self._idle.clear()
