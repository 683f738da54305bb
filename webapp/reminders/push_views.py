"""Web push: the JSON endpoints push.js and the service worker call to (un)subscribe her
phone, and the offer to turn push on shown after she did something worth a reminder."""

from flask import g, jsonify, request, session
from flask_login import current_user

from webapp.extensions import csrf
from webapp.models import Role
from webapp.push_offer import SESSION_FLAG
from webapp.reminders import bp
from webapp.security import public, roles
from webapp.services import ServiceError
from webapp.services import push as push_service
from webapp.services import reminders as service


@bp.after_app_request
def _offer_push_header(response):
    if getattr(g, "offer_push", False) and request.headers.get("HX-Request"):
        response.headers["ES-Offer-Push"] = "1"
        session.pop(SESSION_FLAG, None)
    return response


@bp.app_context_processor
def _push_globals():
    def push_script_data() -> dict:
        if not (current_user.is_authenticated and current_user.role == Role.PARTICIPANT):
            return {}
        return {
            "key": push_service.public_key() or "",
            "offer": "1" if session.pop(SESSION_FLAG, False) else "",
        }

    return {"push_script_data": push_script_data}


@bp.get("/push/key")
@public
def vapid_key():
    return jsonify(key=push_service.public_key())


@bp.post("/push/subscriptions")
@roles(Role.PARTICIPANT)
def subscribe():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify(error="json expected"), 400
    try:
        service.save_subscription(current_user, data)
    except ServiceError as e:
        return jsonify(error=str(e.message)), 400
    return jsonify(ok=True), 201


@bp.post("/push/subscriptions/renew")
@public
@csrf.exempt
def renew():
    """From the service worker on `pushsubscriptionchange`: it has no page and so no CSRF
    token. The old subscription's auth secret (only her browser has it), or her own login
    cookie, says whose it is."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("subscription"), dict):
        return jsonify(error="json expected"), 400
    try:
        renewed = service.renew_subscription(
            str(data.get("oldEndpoint") or ""),
            data["subscription"],
            old_auth=str(data.get("oldAuth") or ""),
            user=current_user if current_user.is_authenticated else None,
        )
    except ServiceError as e:
        return jsonify(error=str(e.message)), 400
    return (jsonify(ok=True), 201) if renewed else (jsonify(error="unknown"), 404)


@bp.delete("/push/subscriptions")
@roles(*Role)
def unsubscribe():
    data = request.get_json(silent=True) or {}
    endpoint = data.get("endpoint") if isinstance(data, dict) else None
    if not endpoint:
        return jsonify(error="endpoint expected"), 400
    removed = service.delete_subscription(current_user, str(endpoint))
    return jsonify(removed=removed)
