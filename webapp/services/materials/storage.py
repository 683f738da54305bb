"""Where uploaded files are kept: a folder outside `static/` (`UPLOAD_FOLDER`, by default
`instance/uploads`), never served by the web server itself, only through the app's check of who
may see them. Files are named by a random key, never by what the uploader called them.

Several app servers need the same folder (a shared disk). An S3-compatible store would be
another class with these three methods; none is built (see README, "Production")."""

import contextlib
import os
import secrets

from flask import current_app


def _root() -> str:
    return current_app.config["UPLOAD_FOLDER"]


def path_of(key: str) -> str:
    if not key.isalnum():  # keys are made here; anything else is not ours
        raise ValueError("not a storage key")
    return os.path.join(_root(), key[:2], key)


def save(data: bytes, extension: str) -> str:
    """Write the file; returns its key. Written aside first, so a half file is never seen."""
    key = secrets.token_hex(16) + extension.lower()
    path = path_of(key)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = path + ".part"
    with open(partial, "wb") as f:
        f.write(data)
    os.replace(partial, path)
    return key


def delete(key: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path_of(key))
