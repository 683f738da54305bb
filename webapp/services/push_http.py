"""The HTTP part of web push: one kept-alive connection per push service, per sending thread.

The standard library's http.client, not requests: a push is one small POST to a handful of
hosts, and requests spent more CPU per push than the encryption (merging settings, preparing
the request, urllib3's pool bookkeeping). Nothing is looked up in the environment per request
(no netrc, proxy or certificate-path lookups): the push services are reached directly, with
the system's trust store, loaded once.
"""

import http.client
import ssl
from functools import cache
from typing import NamedTuple
from urllib.parse import urlsplit

# A kept-alive connection the push service has closed meanwhile fails on the next request
# before any answer; the request then never reached it, and is sent once more on a new one.
_CLOSED_MEANWHILE = (
    http.client.RemoteDisconnected,
    http.client.BadStatusLine,
    ConnectionResetError,
    BrokenPipeError,
    ConnectionAbortedError,
)


class Answer(NamedTuple):
    status: int
    retry_after: str | None  # the header as it came, parsed by the caller


class Target(NamedTuple):
    """An endpoint split once: which connection, and the path to post to."""

    origin: str  # scheme://host[:port], also the VAPID `aud`
    scheme: str
    netloc: str
    path: str


@cache
def _tls() -> ssl.SSLContext:
    return ssl.create_default_context()  # verifies the push service's certificate and name


def target(endpoint: str) -> Target:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ValueError("not an http(s) endpoint")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(f"{parts.scheme}://{parts.netloc}", parts.scheme, parts.netloc, path)


class Connections:
    """One thread's connections, by push service. Not shared between threads: http.client
    connections are not thread-safe, and a thread that owns its connections needs no lock."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._open: dict[str, http.client.HTTPConnection] = {}

    def post(self, to: Target, headers: dict, body: bytes) -> Answer:
        """POST `body`; raises OSError or http.client.HTTPException when no answer came."""
        connection = self._connection(to)
        reused = connection.sock is not None
        try:
            return self._exchange(connection, to.path, headers, body)
        except _CLOSED_MEANWHILE:
            connection.close()
            if not reused:
                raise
        except BaseException:
            connection.close()  # half a request on it: start the next one clean
            raise
        try:  # http.client opens a new connection for a closed one
            return self._exchange(connection, to.path, headers, body)
        except BaseException:
            connection.close()
            raise

    def _connection(self, to: Target) -> http.client.HTTPConnection:
        connection = self._open.get(to.origin)
        if connection is None:
            if to.scheme == "https":
                connection = http.client.HTTPSConnection(
                    to.netloc, timeout=self.timeout, context=_tls()
                )
            else:  # only the local test push service (subscriptions accept https only)
                connection = http.client.HTTPConnection(to.netloc, timeout=self.timeout)
            self._open[to.origin] = connection
        return connection

    @staticmethod
    def _exchange(connection, path: str, headers: dict, body: bytes) -> Answer:
        # Headers and body go in two writes; http.client sets TCP_NODELAY, so the second
        # does not wait for the push service to acknowledge the first.
        connection.request("POST", path, body, headers)
        response = connection.getresponse()
        answer = Answer(response.status, response.getheader("Retry-After"))
        response.read()  # the rest of the answer, so the connection can carry the next push
        if response.will_close:
            connection.close()
        return answer

    def close(self) -> None:
        for connection in self._open.values():
            connection.close()
        self._open.clear()
