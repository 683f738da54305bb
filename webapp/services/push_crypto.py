"""A push message's encryption: the aes128gcm content coding (RFC 8188) as Web Push uses it
(RFC 8291), one record, no padding, a new ephemeral key and salt for every message.

Our own because of the cost per message: http_ece's general encoder (any record size, three
versions of the coding, HKDF objects and backend look-ups on every call) spent as much CPU
around the cryptography as the ECDH itself (about 80 µs of its 180 µs, bench/README.md). Here
the same steps are the `cryptography` primitives called directly, and HKDF is the few HMACs
it comes to when every output is at most 32 bytes. The tests decrypt what it makes with
http_ece, an independent implementation.
"""

import hmac
import os
import struct

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_CURVE = ec.SECP256R1()
_ECDH = ec.ECDH()
_UNCOMPRESSED = (serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)

# The record size in the header. One record must hold the whole message, its delimiter and its
# tag, with rs greater than their sum (RFC 8291, section 4); 4096 covers any message a push
# service takes (they accept 4096 bytes of body, header included).
RECORD_SIZE = 4096
TAG_LENGTH = 16
LAST_RECORD = b"\x02"  # the padding delimiter of the last (here: only) record, RFC 8188 2

WEB_PUSH_INFO = b"WebPush: info\x00"
CEK_INFO = b"Content-Encoding: aes128gcm\x00"
NONCE_INFO = b"Content-Encoding: nonce\x00"


def encrypt(ua_public: bytes, auth_secret: bytes, payload: bytes) -> bytes:
    """The message body for a subscription whose keys are `ua_public` (the phone's P-256 key,
    X9.62 point) and `auth_secret`. Raises ValueError when `ua_public` is not a point on
    the curve."""
    ua_key = ec.EllipticCurvePublicKey.from_encoded_point(_CURVE, ua_public)
    if len(ua_public) != 65:  # the key info holds the uncompressed form (RFC 8291, 3.4)
        ua_public = ua_key.public_bytes(*_UNCOMPRESSED)
    as_private = ec.generate_private_key(_CURVE)
    as_public = as_private.public_key().public_bytes(*_UNCOMPRESSED)
    ecdh_secret = as_private.exchange(_ECDH, ua_key)

    # RFC 8291, 3.3 and 3.4: the auth secret and both public keys mixed into the input key.
    prk_key = _hkdf_extract(auth_secret, ecdh_secret)
    ikm = _hkdf_expand(prk_key, WEB_PUSH_INFO + ua_public + as_public, 32)

    # RFC 8188, 2.2 and 2.3: the content key and nonce from a random salt.
    salt = os.urandom(16)
    prk = _hkdf_extract(salt, ikm)
    cek = _hkdf_expand(prk, CEK_INFO, 16)
    nonce = _hkdf_expand(prk, NONCE_INFO, 12)  # record 0: the nonce as it is (XOR 0)

    record = AESGCM(cek).encrypt(nonce, payload + LAST_RECORD, None)
    rs = max(RECORD_SIZE, len(payload) + len(LAST_RECORD) + TAG_LENGTH + 1)
    # RFC 8188, 2.1: salt, record size, key id (ours: the ephemeral public key).
    return salt + struct.pack("!IB", rs, len(as_public)) + as_public + record


def _hkdf_extract(salt: bytes, ikm: bytes) -> bytes:
    """HKDF-SHA256's extract (RFC 5869, 2.2)."""
    return hmac_sha256(salt, ikm)


def _hkdf_expand(prk: bytes, info: bytes, length: int) -> bytes:
    """HKDF-SHA256's expand (RFC 5869, 2.3) for at most one hash of output: T(1) only."""
    return hmac_sha256(prk, info + b"\x01")[:length]


def hmac_sha256(key: bytes, message: bytes) -> bytes:
    """HMAC-SHA256 (RFC 2104), the standard library's one-shot form (no HMAC object)."""
    return hmac.digest(key, message, "sha256")
