"""Static files under content-hashed names, so browsers may keep them for a year and a new
version is fetched exactly when the content changes.

`asset_url("app.css")` gives `/assets/app.3f2a1b9c0d.css`. htmx is served from node_modules
(installed by `npm ci`, never committed) under the same scheme, as `vendor/htmx.min.js`.

Our own JavaScript and CSS are written to be read (comments say why); they are served minified
(rjsmin, rcssmin: comments and spaces out, about a third fewer bytes after brotli), made once per
process and named by the hash of what is served.
"""

import gzip
import hashlib
import mimetypes
import os
from functools import lru_cache

import brotli
import rcssmin
import rjsmin
from flask import Blueprint, Flask, Response, abort, current_app, request, send_file

from webapp.security import public

bp = Blueprint("assets", __name__)
STATIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")
ONE_YEAR = 60 * 60 * 24 * 365
VENDOR_FILES = {"vendor/htmx.min.js": ("node_modules", "htmx.org", "dist", "htmx.min.js")}


def _collect(app: Flask) -> dict[str, str]:
    """Logical name -> absolute path of every file the app serves as an asset."""
    files = {}
    for root, _dirs, names in os.walk(STATIC):
        for name in names:
            path = os.path.join(root, name)
            files[os.path.relpath(path, STATIC).replace(os.sep, "/")] = path
    project_root = os.path.dirname(app.root_path)
    for logical, parts in VENDOR_FILES.items():
        path = os.path.join(project_root, *parts)
        if not os.path.exists(path):
            raise RuntimeError(f"{path} is missing: run `npm ci` (make run does)")
        files[logical] = path
    return files


@lru_cache(maxsize=128)
def _served(path: str, _mtime: float) -> bytes:
    """The bytes served for this file: ours minified, a vendor's `.min.js` as it is."""
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".min.js"):
        return data
    if path.endswith(".js"):
        return rjsmin.jsmin(data)
    if path.endswith(".css"):
        return rcssmin.cssmin(data)
    return data


def minified_js(text: str) -> str:
    """A script made from a template (the service worker), minified as our files are."""
    return rjsmin.jsmin(text)


def served_bytes(path: str) -> bytes:
    return _served(path, os.path.getmtime(path))


def _digest(path: str) -> str:
    return hashlib.sha256(served_bytes(path)).hexdigest()[:10]


def hashed_name(logical: str, digest: str) -> str:
    stem, dot, ext = logical.rpartition(".")
    return f"{stem}.{digest}.{ext}" if dot else f"{logical}.{digest}"


def init_app(app: Flask) -> None:
    files = _collect(app)
    digests = {logical: _digest(path) for logical, path in files.items()}
    app.extensions["assets"] = {
        "files": files,
        "urls": {logical: "/assets/" + hashed_name(logical, d) for logical, d in digests.items()},
        "by_hashed": {hashed_name(logical, d): logical for logical, d in digests.items()},
        # Names the service worker's caches: changes whenever any asset changes.
        "version": hashlib.sha256("".join(sorted(digests.values())).encode()).hexdigest()[:12],
    }
    app.register_blueprint(bp)
    app.jinja_env.globals["asset_url"] = asset_url


def asset_url(logical: str) -> str:
    return current_app.extensions["assets"]["urls"][logical]


def asset_version() -> str:
    return current_app.extensions["assets"]["version"]


@bp.get("/assets/<path:hashed>")
@public
def serve(hashed: str):
    assets = current_app.extensions["assets"]
    logical = assets["by_hashed"].get(hashed)
    if logical is None:
        abort(404)
    mimetype = mimetypes.guess_type(logical)[0] or "application/octet-stream"
    if logical.endswith(".js"):
        mimetype = "text/javascript"
    path = assets["files"][logical]
    encoding = _accepted_encoding() if mimetype in COMPRESSIBLE else None
    if mimetype not in COMPRESSIBLE:
        response = send_file(path, mimetype=mimetype, conditional=True)
    else:
        body = _compressed(path, os.path.getmtime(path), encoding)
        response = Response(body, mimetype=mimetype)
        if encoding:
            response.headers["Content-Encoding"] = encoding
        response.set_etag(f"{hashed}:{encoding or 'identity'}")
        response.make_conditional(request)
    if mimetype in COMPRESSIBLE:
        response.vary.add("Accept-Encoding")
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response


# Text assets are compressed once per process at the best level (brotli 11, gzip 9) and kept in
# memory, as WhiteNoise does. Flask-Compress would compress the streamed file on every request at
# a cheaper level, and would not compress it at all for a client that only accepts gzip.
COMPRESSIBLE = {"text/css", "text/javascript", "image/svg+xml", "application/json"}


def _accepted_encoding() -> str | None:
    accepted = request.accept_encodings
    for encoding in ("br", "gzip"):
        if accepted[encoding]:
            return encoding
    return None


@lru_cache(maxsize=128)
def _compressed(path: str, _mtime: float, encoding: str | None) -> bytes:
    data = served_bytes(path)
    if encoding is None:
        return data
    if encoding == "br":
        return brotli.compress(data, quality=11)
    return gzip.compress(data, compresslevel=9, mtime=0)
