"""Password hashing with argon2 (the library's recommended parameters)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def use_parameters(**parameters) -> None:
    """Swap the hashing cost (the test suite uses cheap parameters; hashes stay verifiable)."""
    global _hasher
    _hasher = PasswordHasher(**parameters)
