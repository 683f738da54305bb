"""A local push service on 127.0.0.1, for the tests and the benchmark.

It does what a real one does with a message: checks the VAPID JWT (RFC 8292: signature, `aud`
is this service's origin, `exp` within 24 h, `sub` a mailto:) and decrypts the aes128gcm body
(RFC 8291) with the subscription's private key. Each subscription it hands out is exactly what
a browser gives from `PushSubscription.toJSON()`.

A subscription can be made to answer 410 (gone), 404, 429 with Retry-After, or 500, or to read
its first push and close the connection without an answer ("drop_once"); `close_connections()`
closes every kept-alive connection, as a push service does with idle ones. The whole
service can stop answering after n messages (`stall_after`), as a push service that hangs:
what comes then is held unanswered, never delivered, until `resume()`.
"""

import base64
import contextlib
import datetime
import ipaddress
import json
import os
import secrets
import socket
import ssl
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from py_vapid import jwt as vapid_jwt


def b64u(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real push services

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        self.server.service._connections.add(self.connection)
        self.server.service.connections_made += 1

    def finish(self):
        self.server.service._connections.discard(self.connection)
        super().finish()

    def do_POST(self):
        service: FakePushService = self.server.service
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        token = self.path.rsplit("/", 1)[-1]
        if service.drop_now(token):  # read, then the connection closed without an answer
            self.close_connection = True
            return
        code, extra = service.handle(token, self.headers, body)
        self.send_response(code)
        for key, value in extra.items():
            self.send_header(key, value)
        self._answer_body(service.answer_style, b'{"reason": "%d"}' % code)

    def _answer_body(self, style: str, text: bytes) -> None:
        """The ways HTTP/1.1 lets a body end, as push services use them."""
        if style == "empty":
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif style == "length":
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)
        elif style == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            half = len(text) // 2
            for chunk in (text[:half], text[half:]):
                self.wfile.write(b"%x;ext=1\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\nX-Trailer: 1\r\n\r\n")
        elif style == "bad-length":  # not HTTP: a length that is not a number
            self.send_header("Content-Length", "many")
            self.end_headers()
            self.close_connection = True
        elif style == "until-close":  # no length: the body ends when the connection does
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(text)
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # a real push service takes many connections at once


class FakePushService:
    def __init__(self, application_server_key: str | None = None, tls: bool = False):
        self.application_server_key = application_server_key  # None: accept any key
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.service = self
        self.ca_file: str | None = None  # with tls: the certificate a client must trust
        if tls:  # https, as every real push service: a certificate of its own for 127.0.0.1
            self.ca_file, context = _self_signed_tls()
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        scheme = "https" if tls else "http"
        self.origin = f"{scheme}://127.0.0.1:{self.server.server_address[1]}"
        self.keys: dict[str, tuple] = {}  # token -> (private key, auth secret)
        self.behaviour: dict[
            str, str
        ] = {}  # token -> ok | gone | notfound | slowdown | error | drop_once
        self.received: list[dict] = []
        self.rejected: list[dict] = []
        self.requests = 0
        self._lock = threading.Lock()
        self._verified: set[str] = set()
        self._stall_after: int | None = None
        self._resumed = threading.Event()
        self.held = 0  # requests waiting unanswered while stalled
        self.dropped = 0  # requests read and then left without an answer ("drop_once")
        self.answer_style = "empty"  # or "length", "chunked", "until-close", "bad-length"
        self.connections_made = 0
        self._connections: set = set()  # open client connections, to close them (idle or not)
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def subscription(self, behaviour: str = "ok") -> dict:
        """A new subscription, as PushSubscription.toJSON() gives it."""
        private = ec.generate_private_key(ec.SECP256R1())
        public = private.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        auth = os.urandom(16)
        token = secrets.token_urlsafe(12)
        with self._lock:
            self.keys[token] = (private, auth)
            self.behaviour[token] = behaviour
        return {
            "endpoint": f"{self.origin}/push/{token}",
            "expirationTime": None,
            "keys": {"p256dh": b64u(public), "auth": b64u(auth)},
        }

    def messages_for(self, subscription: dict) -> list[dict]:
        token = subscription["endpoint"].rsplit("/", 1)[-1]
        return [m["payload"] for m in self.received if m["token"] == token]

    def stall_after(self, n: int) -> None:
        self._stall_after = n
        self._resumed.clear()

    def resume(self) -> None:
        self._stall_after = None
        self._resumed.set()

    def close_connections(self) -> None:
        """Close every kept-alive connection, as a push service does with idle ones (or when
        it restarts): a sender's next push on one finds it closed."""
        for connection in list(self._connections):
            with contextlib.suppress(OSError):  # one that was closing already
                connection.shutdown(socket.SHUT_RDWR)

    def drop_now(self, token: str) -> bool:
        with self._lock:
            if self.behaviour.get(token) != "drop_once":
                return False
            self.behaviour[token] = "ok"
            self.dropped += 1
            return True

    # -- one request --
    def handle(self, token: str, headers, body: bytes) -> tuple[int, dict]:
        with self._lock:
            stalled = self._stall_after is not None and len(self.received) >= self._stall_after
            if stalled:
                self.held += 1
        if stalled:  # never delivered: the sender gets no answer until the service resumes
            self._resumed.wait()
            return 503, {}
        with self._lock:
            self.requests += 1
            behaviour = self.behaviour.get(token)
            keys = self.keys.get(token)
        if behaviour is None:
            return 404, {}
        if behaviour == "gone":
            return 410, {}
        if behaviour == "notfound":
            return 404, {}
        if behaviour == "slowdown":
            return 429, {"Retry-After": "120"}
        if behaviour == "error":
            return 500, {}
        try:
            claims = self._check_vapid(headers.get("Authorization", ""))
            assert headers.get("Content-Encoding") == "aes128gcm", "not aes128gcm"
            ttl = int(headers.get("TTL", "0"))
            assert ttl > 0, "TTL missing"
            private, auth = keys
            plain = http_ece.decrypt(
                body, private_key=private, auth_secret=auth, version="aes128gcm"
            )
            payload = json.loads(plain)
        except Exception as e:  # anything wrong is a rejected request, visible to the test
            with self._lock:
                self.rejected.append({"token": token, "error": repr(e)})
            return 400, {}
        with self._lock:
            self.received.append(
                {
                    "token": token,
                    "payload": payload,
                    "ttl": ttl,
                    "urgency": headers.get("Urgency"),
                    "topic": headers.get("Topic"),
                    "claims": claims,
                }
            )
        return 201, {"Location": f"/message/{len(self.received)}"}

    def _check_vapid(self, authorization: str) -> dict:
        scheme, params = authorization.split(" ", 1)
        assert scheme.lower() == "vapid", scheme
        parts = dict(p.strip().split("=", 1) for p in params.split(","))
        if self.application_server_key is not None:
            assert parts["k"] == self.application_server_key, "k is not the applicationServerKey"
        claims = vapid_jwt.decode(parts["t"], parts["k"])  # raises on a bad signature
        assert claims["aud"] == self.origin, f"aud {claims['aud']} != {self.origin}"
        now = time.time()
        assert now < claims["exp"] <= now + 86400, "exp out of range"
        assert claims["sub"].startswith(("mailto:", "https:")), "sub is not mailto/https"
        assert not claims["sub"].endswith("@localhost"), "sub @localhost"
        return claims


def _self_signed_tls() -> tuple[str, ssl.SSLContext]:
    """A certificate for 127.0.0.1 (in a temporary file, as ssl reads them) and the server's
    context with it."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fake push service")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tempfile.mkdtemp(prefix="fakepush-")
    cert_file, key_file = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    with open(cert_file, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_file, "wb") as f:
        f.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return cert_file, context
