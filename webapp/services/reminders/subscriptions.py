"""Her phones: the web push subscriptions her browsers send, renew and withdraw.

The server POSTs to whatever endpoint a browser gives, so in production only the known push
services' hosts are taken (`PUSH_HOSTS`), and each participant keeps at most
`MAX_SUBSCRIPTIONS` phones (a new one replaces the one seen longest ago)."""

import hmac
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import User, utcnow
from webapp.models.reminders import PushSubscription
from webapp.services import ServiceError
from webapp.services.reminders.settings import get_settings

MAX_SUBSCRIPTIONS = 5


def save_subscription(user: User, data: dict) -> PushSubscription:
    """PushSubscription.toJSON() from her browser; sent again on every visit. An endpoint that
    belonged to someone else on this phone now belongs to her (shared phone)."""
    parsed = _parse(data)
    if parsed is None:
        raise ServiceError(_l("Meldingen aanzetten is niet gelukt. Probeer het nog een keer."))
    endpoint, p256dh, auth = parsed
    sub = db.session.scalar(select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    if sub is None:
        sub = PushSubscription(endpoint=endpoint, user_id=user.id)
        db.session.add(sub)
    sub.user_id = user.id
    sub.p256dh = p256dh
    sub.auth = auth
    sub.last_seen_at = utcnow()
    settings = get_settings(user)
    settings.push_enabled = True  # subscribing on this phone means she wants push
    db.session.add(settings)
    db.session.flush()
    _keep_the_newest(user)
    db.session.commit()
    return sub


def _keep_the_newest(user: User) -> None:
    older = db.session.scalars(
        select(PushSubscription)
        .where(PushSubscription.user_id == user.id)
        .order_by(PushSubscription.last_seen_at.desc(), PushSubscription.id.desc())
        .offset(MAX_SUBSCRIPTIONS)
    )
    for sub in older:
        db.session.delete(sub)


def _known_push_service(endpoint: str) -> bool:
    if current_app.config.get("ENV_NAME") != "production":
        return True
    host = (urlsplit(endpoint).hostname or "").lower()
    return any(
        host == known or host.endswith("." + known) for known in current_app.config["PUSH_HOSTS"]
    )


def _parse(data: dict) -> tuple[str, str, str] | None:
    """(endpoint, p256dh, auth), or None when something is missing, too long or not https."""
    try:
        endpoint = str(data["endpoint"])
        p256dh = str(data["keys"]["p256dh"])
        auth = str(data["keys"]["auth"])
    except (KeyError, TypeError):
        return None
    if not endpoint.startswith("https://") and not _allowed_test_endpoint(endpoint):
        return None
    if endpoint.startswith("https://") and not _known_push_service(endpoint):
        return None
    if len(endpoint) > 1000 or len(p256dh) > 200 or len(auth) > 100:
        return None
    return endpoint, p256dh, auth


def _allowed_test_endpoint(endpoint: str) -> bool:
    # The local fake push service in tests and the benchmark speaks plain http on 127.0.0.1.
    return current_app.config.get("ENV_NAME") != "production" and endpoint.startswith(
        "http://127.0.0.1:"
    )


def renew_subscription(
    old_endpoint: str, data: dict, old_auth: str = "", user: User | None = None
) -> bool:
    """The browser replaced a subscription (pushsubscriptionchange): same owner, new one.
    The old endpoint alone is not proof (it passes through the push service and logs): the
    browser shows the old subscription's auth secret too, or the request is hers (her cookie)."""
    old = db.session.scalar(
        select(PushSubscription).where(PushSubscription.endpoint == old_endpoint)
    )
    if old is None or not old_endpoint:
        return False
    same_browser = bool(old_auth) and hmac.compare_digest(old_auth.encode(), old.auth.encode())
    if not same_browser and (user is None or user.id != old.user_id):
        return False
    user = db.session.get(User, old.user_id)
    db.session.delete(old)
    db.session.flush()
    save_subscription(user, data)
    return True


def delete_subscription(user: User, endpoint: str | None = None) -> int:
    """Remove this phone (or, without an endpoint, all her phones)."""
    query = select(PushSubscription).where(PushSubscription.user_id == user.id)
    if endpoint:
        query = query.where(PushSubscription.endpoint == endpoint)
    subs = list(db.session.scalars(query))
    for sub in subs:
        db.session.delete(sub)
    db.session.commit()
    return len(subs)


def subscription_count(user: User) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(PushSubscription)
        .where(PushSubscription.user_id == user.id)
    )
