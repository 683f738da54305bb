"""Sessions the server knows, through real requests: after logout, a new password, a reset code
or "log out on all phones", the cookies she had before open nothing, on any phone."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import Auth
from tests.factories import PASSWORD
from webapp.extensions import db
from webapp.models import LoginSession, utcnow
from webapp.services import access_codes

ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145R) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


def cookies_of(client) -> dict[str, str]:
    return {
        name: cookie.value
        for name in ("session", "remember_token")
        if (cookie := client.get_cookie(name)) is not None
    }


def phone_with(app, cookies: dict[str, str]):
    """Another browser holding copies of these cookies (a thief, or the same phone later)."""
    other = app.test_client()
    for name, value in cookies.items():
        other.set_cookie(name, value)
    return other


def opens_her_plan(client) -> bool:
    response = client.get("/plan/")
    if response.status_code == 302:
        assert "/login" in response.headers["Location"]
        return False
    assert response.status_code == 200
    return True


def only(cookies: dict[str, str], name: str) -> dict[str, str]:
    return {name: cookies[name]}


def her_rows(user) -> list[LoginSession]:
    db.session.expire_all()
    return list(db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)))


def test_every_login_is_a_session_the_server_knows(client, auth, sara):
    client.environ_base["HTTP_USER_AGENT"] = ANDROID_CHROME
    auth.login("sara")
    [row] = her_rows(sara)
    assert row.device == "Android · Chrome"
    assert not row.shared
    assert str(sara.id) not in cookies_of(client)["session"].split(".")[0]
    html = client.get("/meer/telefoons").get_data(as_text=True)
    assert "Android · Chrome" in html
    assert "Deze telefoon" in html


@pytest.mark.parametrize("which", ["session", "remember_token"])
def test_old_cookies_are_refused_after_logout(app, client, auth, sara, which):
    auth.login("sara")
    before = cookies_of(client)
    assert opens_her_plan(phone_with(app, only(before, which)))
    auth.logout()
    assert her_rows(sara) == []
    assert not opens_her_plan(phone_with(app, only(before, which)))


def test_old_cookies_are_refused_after_a_password_change_and_this_phone_stays_in(
    app, client, auth, sara
):
    auth.login("sara")
    before = cookies_of(client)
    elsewhere = app.test_client()
    Auth(elsewhere).login("sara")
    response = client.post(
        "/meer/wachtwoord",
        data={"current": PASSWORD, "password": "nieuw-geheim-1", "csrf_token": auth.token()},
    )
    assert response.status_code == 302
    assert opens_her_plan(client)  # this phone got a new session
    assert cookies_of(client)["session"] != before["session"]
    assert not opens_her_plan(elsewhere)
    for which in ("session", "remember_token"):
        assert not opens_her_plan(phone_with(app, only(before, which)))
    assert len(her_rows(sara)) == 1


def test_old_cookies_are_refused_after_a_reset_code(app, client, auth, medewerker, sara):
    auth.login("sara")
    before = cookies_of(client)
    reset = access_codes.create_reset_code(medewerker, sara)
    at_the_meeting = app.test_client()
    token = Auth(at_the_meeting).csrf("/wachtwoord")
    response = at_the_meeting.post(
        "/wachtwoord",
        data={
            "username": "sara",
            "code": reset.code,
            "password": "nieuw-geheim-1",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    assert opens_her_plan(at_the_meeting)
    assert not opens_her_plan(client)
    for which in ("session", "remember_token"):
        assert not opens_her_plan(phone_with(app, only(before, which)))


def test_log_out_on_all_phones_ends_every_session_and_wipes_this_one(app, client, auth, sara):
    auth.login("sara")
    mine = cookies_of(client)
    other_phone = app.test_client()
    Auth(other_phone).login("sara")
    theirs = cookies_of(other_phone)
    response = client.post("/meer/telefoons/uitloggen", data={"csrf_token": auth.token()})
    assert response.status_code == 302
    assert "bye=overal" in response.headers["Location"]
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    assert her_rows(sara) == []
    for cookies in (mine, theirs):
        for which in ("session", "remember_token"):
            assert not opens_her_plan(phone_with(app, only(cookies, which)))
    assert "alle telefoons uitgelogd" in client.get("/login?bye=overal").get_data(as_text=True)


def test_she_logs_out_one_other_phone_from_her_list(app, client, auth, sara):
    auth.login("sara")
    other_phone = app.test_client()
    Auth(other_phone).login("sara")
    html = client.get("/meer/telefoons").get_data(as_text=True)
    [action] = re.findall(r'action="(/meer/telefoons/\d+/uitloggen)"', html)
    assert client.post(action, data={"csrf_token": auth.token()}).status_code == 302
    assert not opens_her_plan(other_phone)
    assert opens_her_plan(client)


def test_another_participants_session_is_not_hers_to_end(app, client, auth, amina, sara):
    aminas_phone = app.test_client()
    Auth(aminas_phone).login("amina")
    [row] = her_rows(amina)
    auth.login("sara")
    response = client.post(f"/meer/telefoons/{row.id}/uitloggen", data={"csrf_token": auth.token()})
    assert response.status_code == 404
    assert opens_her_plan(aminas_phone)


def test_the_remember_cookie_gets_a_new_key_each_time_it_is_used(app, client, auth, sara):
    auth.login("sara")
    first = cookies_of(client)["remember_token"]
    reopened = phone_with(app, {"remember_token": first})  # the browser was closed
    assert opens_her_plan(reopened)
    second = cookies_of(reopened)["remember_token"]
    assert second != first
    assert opens_her_plan(phone_with(app, {"remember_token": second}))
    # Its expiry on the phone is the session's on the server, not a new month.
    [row] = her_rows(sara)
    assert row.rotated_at is not None
    assert row.expires_at - row.created_at == timedelta(days=30)


def test_a_copied_remember_cookie_used_after_the_rotation_ends_the_session(app, client, auth, sara):
    auth.login("sara")
    copied = cookies_of(client)["remember_token"]
    hers = phone_with(app, {"remember_token": copied})
    assert opens_her_plan(hers)
    # Two requests racing with the old cookie a moment apart both get in...
    assert opens_her_plan(phone_with(app, {"remember_token": copied}))
    # ...but long after the rotation the old key is a copy: the session ends for everyone.
    [row] = her_rows(sara)
    row.rotated_at = utcnow() - timedelta(minutes=10)
    db.session.commit()
    assert not opens_her_plan(phone_with(app, {"remember_token": copied}))
    assert her_rows(sara) == []
    assert not opens_her_plan(hers)


def test_the_server_ends_a_session_when_it_expires(app, client, auth, sara):
    auth.login("sara")
    before = cookies_of(client)
    [row] = her_rows(sara)
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    for which in ("session", "remember_token"):
        assert not opens_her_plan(phone_with(app, only(before, which)))


def test_a_shared_phone_is_not_remembered_and_ends_when_left_alone(app, client, auth, sara):
    response = client.post(
        "/login",
        data={
            "username": "sara",
            "password": PASSWORD,
            "shared": "y",
            "csrf_token": auth.csrf(),
        },
    )
    assert response.status_code == 302
    assert client.get_cookie("remember_token") is None
    [row] = her_rows(sara)
    assert row.shared
    assert row.expires_at - row.last_used_at == timedelta(minutes=15)
    assert opens_her_plan(client)
    row.last_used_at -= timedelta(minutes=16)
    row.expires_at -= timedelta(minutes=16)
    db.session.commit()
    assert not opens_her_plan(client)


def test_a_cookie_from_before_sessions_were_known_gets_the_login_page(client, auth, sara):
    auth.login("sara")
    with client.session_transaction() as session:
        session["_user_id"] = str(sara.id)
    client.delete_cookie("remember_token")
    assert not opens_her_plan(client)
