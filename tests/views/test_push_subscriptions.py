"""Her phones' push subscriptions: a few per participant (the oldest replaced), only the known
push services in production, and a renewal that proves it comes from the same browser."""

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models.reminders import PushSubscription
from webapp.services import reminders
from webapp.services.reminders.subscriptions import MAX_SUBSCRIPTIONS


def _sub(n: int, host: str = "fcm.googleapis.com", auth: str = "auth-secret") -> dict:
    return {
        "endpoint": f"https://{host}/fcm/send/phone-{n}",
        "keys": {"p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQ", "auth": f"{auth}-{n}"},
    }


def _subscribe(client, auth, sub):
    return client.post("/push/subscriptions", json=sub, headers={"X-CSRFToken": auth.token()})


def _endpoints(user) -> set[str]:
    return set(
        db.session.scalars(
            select(PushSubscription.endpoint).where(PushSubscription.user_id == user.id)
        )
    )


def test_a_new_phone_beyond_the_cap_replaces_the_oldest(client, auth, sara):
    auth.login(sara)
    for n in range(MAX_SUBSCRIPTIONS + 3):
        assert _subscribe(client, auth, _sub(n)).status_code == 201
    kept = _endpoints(sara)
    assert len(kept) == MAX_SUBSCRIPTIONS
    assert _sub(0)["endpoint"] not in kept
    assert _sub(MAX_SUBSCRIPTIONS + 2)["endpoint"] in kept


def test_production_takes_only_known_push_services(app, client, auth, sara):
    auth.login(sara)
    app.config["ENV_NAME"] = "production"
    try:
        for host in ("evil.example.org", "fcm.googleapis.com.evil.example.org", "127.0.0.1"):
            assert _subscribe(client, auth, _sub(1, host)).status_code == 400, host
        for host in (
            "fcm.googleapis.com",
            "updates.push.services.mozilla.com",
            "web.push.apple.com",
        ):
            assert _subscribe(client, auth, _sub(2, host)).status_code == 201, host
        app.config["PUSH_HOSTS"] = ["push.gemeente.example"]
        assert _subscribe(client, auth, _sub(3, "push.gemeente.example")).status_code == 201
        assert _subscribe(client, auth, _sub(4, "fcm.googleapis.com")).status_code == 400
    finally:
        app.config["ENV_NAME"] = "testing"
    assert len(_endpoints(sara)) == 4


def _renew(client, old: dict, new: dict, old_auth: str | None):
    body = {"oldEndpoint": old["endpoint"], "subscription": new}
    if old_auth is not None:
        body["oldAuth"] = old_auth
    return client.post("/push/subscriptions/renew", json=body)


def test_renewal_with_only_the_old_endpoint_moves_nothing(app, client, sara, amina):
    old = _sub(1)
    reminders.save_subscription(sara, old)
    # Someone who learnt the endpoint tries to move her pushes to a browser of theirs.
    response = _renew(client, old, _sub(9, auth="attacker"), old_auth=None)
    assert response.status_code == 404
    response = _renew(client, old, _sub(9, auth="attacker"), old_auth="wrong")
    assert response.status_code == 404
    assert _endpoints(sara) == {old["endpoint"]}


def test_renewal_from_the_same_browser_keeps_her_pushes(app, client, sara):
    old = _sub(1)
    reminders.save_subscription(sara, old)
    response = _renew(client, old, _sub(2), old_auth=old["keys"]["auth"])
    assert response.status_code == 201
    assert _endpoints(sara) == {_sub(2)["endpoint"]}


def test_renewal_with_her_own_login_needs_no_secret(app, client, auth, sara, amina):
    old = _sub(1)
    reminders.save_subscription(sara, old)
    auth.login(amina)
    assert _renew(client, old, _sub(2), old_auth=None).status_code == 404  # not hers
    auth.logout()
    auth.login(sara)
    assert _renew(client, old, _sub(2), old_auth=None).status_code == 201
    assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 1
