"""Our aes128gcm encoder (webapp/services/push_crypto.py), read back by http_ece, an independent
implementation of RFC 8188 and 8291, as a phone's browser would read it."""

import base64
import hmac
import os
import struct

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from webapp.services import push, push_crypto

HEADER = 16 + 4 + 1 + 65  # salt, record size, key id length, the ephemeral key
OVERHEAD = 1 + 16  # the padding delimiter and the tag


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def phone(point: serialization.PublicFormat = serialization.PublicFormat.UncompressedPoint):
    """A phone's private key and auth secret, and its subscription as the browser gives it."""
    private = ec.generate_private_key(ec.SECP256R1())
    public = private.public_key().public_bytes(serialization.Encoding.X962, point)
    auth = os.urandom(16)
    keys = {"p256dh": b64u(public), "auth": b64u(auth)}
    return private, auth, {"endpoint": "https://push.example/x", "keys": keys}


def read_back(body: bytes, private, auth: bytes) -> bytes:
    return http_ece.decrypt(body, private_key=private, auth_secret=auth, version="aes128gcm")


@pytest.mark.parametrize("size", [0, 1, 57, 3000, 3993])
def test_each_size_is_one_record_that_the_phone_reads(size):
    private, auth, subscription = phone()
    payload = os.urandom(size)
    body = push.encrypt(subscription, payload)
    assert read_back(body, private, auth) == payload
    assert len(body) == HEADER + size + OVERHEAD  # one record, no padding
    rs, key_id_length = struct.unpack("!IB", body[16:21])
    assert key_id_length == 65 and body[21] == 0x04  # the ephemeral key, uncompressed
    assert rs > size + OVERHEAD  # the record fits, as RFC 8291 asks


def test_a_message_too_big_for_the_usual_record_size_still_fits_its_record():
    private, auth, subscription = phone()
    payload = os.urandom(5000)
    body = push.encrypt(subscription, payload)
    assert struct.unpack("!I", body[16:20])[0] > len(payload) + OVERHEAD
    assert read_back(body, private, auth) == payload


def test_every_message_has_its_own_ephemeral_key_and_salt():
    private, auth, subscription = phone()
    bodies = [push.encrypt(subscription, b"same text") for _ in range(5)]
    assert len({b[:16] for b in bodies}) == 5  # salts
    assert len({b[21:HEADER] for b in bodies}) == 5  # ephemeral public keys
    assert {read_back(b, private, auth) for b in bodies} == {b"same text"}


def test_a_compressed_phone_key_is_used_in_its_uncompressed_form():
    private, auth, subscription = phone(serialization.PublicFormat.CompressedPoint)
    assert read_back(push.encrypt(subscription, b"hoi"), private, auth) == b"hoi"


@pytest.mark.parametrize(
    ("keys", "error"),
    [
        ({"p256dh": "bm90IGEga2V5", "auth": "eA"}, ValueError),  # base64 of "not a key"
        ({"p256dh": b64u(b"\x04" + b"\x01" * 64), "auth": "eA"}, ValueError),  # off the curve
        ({"p256dh": "", "auth": "eA"}, ValueError),
        ({"p256dh": "k", "auth": "a"}, ValueError),  # not base64 (binascii.Error)
        ({"auth": "eA"}, KeyError),
        ({"p256dh": None, "auth": "eA"}, TypeError),
    ],
)
def test_keys_that_are_missing_or_not_a_point_raise(keys, error):
    with pytest.raises(error):
        push.encrypt({"endpoint": "https://push.example/x", "keys": keys}, b"hoi")


def test_a_subscription_without_keys_raises():
    with pytest.raises(KeyError):
        push.encrypt({"endpoint": "https://push.example/x"}, b"hoi")


@pytest.mark.parametrize("key_length", [0, 16, 32, 64, 65, 200])
def test_the_hmac_is_the_standard_one(key_length):
    """Keys here are 16 or 32 bytes, but a subscription's auth secret can be any length."""
    key, message = os.urandom(key_length), os.urandom(150)
    assert push_crypto.hmac_sha256(key, message) == hmac.digest(key, message, "sha256")
