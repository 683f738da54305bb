"""The server half of the offline engine: ONE idempotency layer for every form that can be
sent later from the phone's outbox (see DEVELOPERS.md, "Offline writes").

A view decorated with `@offline_mutation` (under `@roles`) receives forms carrying a
`mutation_id` (a UUID made on the phone) and a `client_time` (ISO time the change was made).
The first request with a given (user, mutation_id) runs the view; its answer is stored and every
replay gets the same answer without running the view again. Views read the phone time with
`client_time()` for last-write-wins, and report `not_applied` / `superseded` with `report()`.

Outbox replays send `Accept: application/json` and get
`{"result": "applied"|"superseded"|"not_applied"|"pending"|"invalid"|"not_yours", "message": …}`
("not_yours": the form's `owner` is someone else, logged in before on this phone).
"""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import wraps

from flask import Blueprint, Response, abort, flash, g, jsonify, redirect, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import NotFound

from webapp.extensions import db
from webapp.models import Role, utcnow
from webapp.models.mutations import AppliedMutation
from webapp.security import roles

bp = Blueprint("offline", __name__, url_prefix="/offline")

# A claim left "pending" this long belongs to a request that died: the mutation runs again
# (harmless, mutations are absolute).
PENDING_TIMEOUT = timedelta(minutes=2)
KEEP_FOR = timedelta(days=60)


class NotApplied(Exception):
    """Raised by a view when the change cannot be applied any more (the step was deleted on
    another phone). The outbox shows `message`; the mutation is answered the same way again."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def report(result: str, message="") -> None:
    """Called by a view: 'superseded' when a later change had already won."""
    g.offline_result = (result, str(message))


def report_superseded() -> None:
    """A later change she made (on this phone or another) had already won: the outbox tells
    her, in the same words for every feature."""
    report(
        "superseded",
        _(
            "Dit is later op een andere telefoon of computer veranderd. Die verandering blijft staan."
        ),
    )


def report_outcome(outcome) -> None:
    """Pass on what the one conflict rule decided (`services.conflicts.Outcome`)."""
    if outcome.superseded:
        report_superseded()


def mutation_id() -> str | None:
    value = request.form.get("mutation_id") or request.headers.get("X-Mutation-Id")
    try:
        return str(uuid.UUID(value)) if value else None
    except ValueError:
        return None


def client_time() -> datetime | None:
    """When the change was made on the phone (naive UTC), or None."""
    value = request.form.get("client_time") or request.headers.get("X-Client-Time")
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def owned_by_current_user() -> bool:
    """The form says whose change it is (`owner`, macros/offline.html): hers, or unsaid."""
    owner = request.form.get("owner")
    return not owner or (current_user.is_authenticated and owner == str(current_user.id))


def is_replay() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _json(result: str, message: str = "", status: int = 200, replayed: bool = False):
    response = jsonify(result=result, message=message, replayed=replayed)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def _from_record(record: AppliedMutation) -> Response:
    if is_replay():
        return _json(record.result, record.message, replayed=True)
    response = Response(
        record.body, status=record.status_code, content_type=record.content_type or None
    )
    if record.location:
        response.headers["Location"] = record.location
    response.headers["X-Mutation-Replayed"] = "1"
    return response


def _claim(user_id: int, key: str, endpoint: str) -> AppliedMutation | None:
    """Claim the mutation id for this request; returns the existing record if it was taken."""
    record = AppliedMutation(
        user_id=user_id,
        mutation_id=key,
        endpoint=endpoint[:80],
        result="pending",
        client_time=client_time(),
    )
    db.session.add(record)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        existing = db.session.scalar(
            select(AppliedMutation).where(
                AppliedMutation.user_id == user_id, AppliedMutation.mutation_id == key
            )
        )
        if existing is None:  # deleted meanwhile: try once more
            return _claim(user_id, key, endpoint)
        if existing.result == "pending" and utcnow() - existing.created_at > PENDING_TIMEOUT:
            existing.created_at = utcnow()
            db.session.commit()
            g.offline_record_id = existing.id
            return None
        return existing
    g.offline_record_id = record.id
    return None


def _release() -> None:
    db.session.rollback()
    db.session.execute(delete(AppliedMutation).where(AppliedMutation.id == g.offline_record_id))
    db.session.commit()


def offline_mutation(view: Callable) -> Callable:
    """Make a POST view safe to receive from the outbox: applied at most once per user and
    mutation id, a replay answered with the stored answer."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not owned_by_current_user():
            # Made by someone else on this phone (a shared phone, another login since): never
            # applied as the person logged in now. The outbox keeps it for its owner.
            if is_replay():
                return _json("not_yours", status=403)
            abort(403)
        key = mutation_id()
        if key is None or not current_user.is_authenticated:
            try:
                return view(*args, **kwargs)
            except NotApplied:
                abort(404)  # sent directly (no outbox): simply not found
        user_id = current_user.id
        existing = _claim(user_id, key, request.endpoint or "")
        if existing is not None:
            if existing.result == "pending":
                return _json("pending", status=409)
            return _from_record(existing)
        g.offline_result = ("applied", "")
        try:
            response = view(*args, **kwargs)
        except NotApplied as e:
            return _finish_not_applied(str(e.message))
        except NotFound:
            # The thing is gone (removed on another phone): answered, so the queue goes on.
            return _finish_not_applied(
                _(
                    "Dit is er niet meer, het is ergens anders verwijderd. Je wijziging is niet bewaard."
                )
            )
        except Exception:
            _release()
            raise
        if not isinstance(response, Response):
            from flask import current_app

            response = current_app.make_response(response)
        if response.status_code >= 400:
            # Not applied (a mistake in the form): nothing to remember, she can fix and resend.
            _release()
            if is_replay():
                return _json("invalid", status=response.status_code)
            return response
        result, message = g.offline_result
        record = db.session.get(AppliedMutation, g.offline_record_id)
        record.result = result
        record.message = message[:300]
        record.status_code = response.status_code
        record.content_type = response.content_type or ""
        record.location = response.headers.get("Location", "")[:500]
        response.direct_passthrough = False
        record.body = response.get_data(as_text=True)
        db.session.execute(
            delete(AppliedMutation).where(
                AppliedMutation.user_id == user_id,
                AppliedMutation.created_at < utcnow() - KEEP_FOR,
            )
        )
        db.session.commit()
        if is_replay():
            return _json(result, message)
        return response

    return wrapper


def _finish_not_applied(message: str):
    db.session.rollback()
    record = db.session.get(AppliedMutation, g.offline_record_id)
    record.result = "not_applied"
    record.message = message[:300]
    back = _safe_back()
    record.status_code = 303
    record.location = back
    db.session.commit()
    if is_replay():
        return _json("not_applied", message)
    flash(message)
    response = redirect(back, code=303)
    if request.headers.get("HX-Request"):
        response = Response("", status=200, headers={"HX-Redirect": back})
    return response


def _safe_back() -> str:
    from urllib.parse import urlsplit

    ref = urlsplit(request.referrer or "")
    if ref.netloc and ref.netloc != request.host:
        return "/"
    return (ref.path or "/") if (ref.path or "").startswith("/") else "/"


@bp.get("/token")
@roles(*Role)
def token():
    """A fresh CSRF token before the outbox replays (a logged-out phone gets 401 JSON)."""
    response = jsonify(token=generate_csrf(), user=current_user.id)
    response.headers["Cache-Control"] = "no-store"
    return response
