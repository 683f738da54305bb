"""The session cookie's serializer is made once (webapp.SessionInterface): a cookie signed by
Flask's own serializer still opens her session, and a forged one does not."""

from flask import request
from flask.sessions import SecureCookieSessionInterface


def test_a_cookie_signed_by_flasks_own_serializer_is_read(app):
    stock = SecureCookieSessionInterface().get_signing_serializer(app)
    ours = app.session_interface.get_signing_serializer(app)
    cookie = stock.dumps({"lang": "ar"})
    assert ours.loads(cookie) == {"lang": "ar"}
    assert stock.loads(ours.dumps({"lang": "pl"})) == {"lang": "pl"}
    with app.test_request_context("/", headers={"Cookie": f"session={cookie}"}):
        assert app.session_interface.open_session(app, request) == {"lang": "ar"}
    with app.test_request_context("/", headers={"Cookie": f"session={cookie[:-2]}xx"}):
        assert app.session_interface.open_session(app, request) == {}
