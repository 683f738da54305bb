"""The rules of login sessions, without HTTP: expiry, last use, a new key, ending them."""

from datetime import timedelta

import pytest

from webapp.extensions import db
from webapp.models import LoginSession, utcnow
from webapp.services import access_codes, accounts, sessions

SECRET = "testing-not-secret"


def test_a_token_names_the_session_and_only_its_key_opens_it(sara):
    row, token = sessions.start_session(sara)
    session_id, key = sessions.parse_token(token)
    assert session_id == row.id
    assert key not in row.key_hash  # only the hash is stored
    assert sessions.check_key(row, key, SECRET).ok
    assert not sessions.check_key(row, key[:-1] + ("A" if key[-1] != "A" else "B"), SECRET).ok


@pytest.mark.parametrize("token", [None, "", "12", "abc.def", str(7), "1.short", "x.y" * 30])
def test_anything_but_a_session_token_names_no_session(token):
    assert sessions.parse_token(token) is None


def test_her_own_phone_stays_logged_in_for_a_month_from_login(sara):
    now = utcnow()
    row, token = sessions.start_session(sara, now=now)
    key = sessions.parse_token(token)[1]
    assert row.expires_at == now + timedelta(days=30)
    sessions.touch(row, now + timedelta(days=10))
    assert row.expires_at == now + timedelta(days=30)  # using it does not stretch the month
    assert sessions.check_key(row, key, SECRET, now + timedelta(days=29, hours=23)).ok
    assert not sessions.check_key(row, key, SECRET, now + timedelta(days=30)).ok


def test_a_shared_phone_ends_after_a_quarter_hour_unused_and_within_half_a_day(sara):
    now = utcnow()
    row, token = sessions.start_session(sara, shared=True, now=now)
    key = sessions.parse_token(token)[1]
    assert sessions.check_key(row, key, SECRET, now + timedelta(minutes=14)).ok
    assert not sessions.check_key(row, key, SECRET, now + timedelta(minutes=16)).ok
    # Used every ten minutes, it goes on, but not past twelve hours.
    for minutes in range(10, 12 * 60 + 30, 10):
        sessions.touch(row, now + timedelta(minutes=minutes))
    assert row.expires_at == now + timedelta(hours=12)


def test_last_use_is_written_at_most_once_a_minute(sara):
    now = utcnow()
    row, _token = sessions.start_session(sara, now=now)
    sessions.touch(row, now + timedelta(seconds=30))
    assert row.last_used_at == now
    sessions.touch(row, now + timedelta(seconds=61))
    db.session.expire_all()
    assert db.session.get(LoginSession, row.id).last_used_at == now + timedelta(seconds=61)


def test_a_new_key_stops_the_old_one_after_a_short_grace(sara):
    now = utcnow()
    row, token = sessions.start_session(sara, now=now)
    old = sessions.parse_token(token)[1]
    new_token = sessions.rotate_key(row, old, SECRET, now)
    new = sessions.parse_token(new_token)[1]
    assert new != old
    assert sessions.check_key(row, new, SECRET, now).ok
    raced = sessions.check_key(row, old, SECRET, now + timedelta(seconds=5))
    assert raced.ok and raced.renewed == new_token
    assert not sessions.check_key(row, old, SECRET, now + timedelta(minutes=3)).ok
    assert db.session.get(LoginSession, row.id) is None  # the copy ended the session


def test_a_new_password_or_a_reset_code_ends_every_session(sara, medewerker):
    sara = sara
    sessions.start_session(sara)
    sessions.start_session(sara, shared=True)
    accounts.set_password(sara, "nieuw-geheim-1")
    assert sessions.sessions_of(sara) == ([], 0)
    sessions.start_session(sara)
    reset = access_codes.create_reset_code(medewerker, sara)
    assert sessions.sessions_of(sara)[1] == 1  # making the code ends nothing yet
    access_codes.redeem_reset_code("sara", reset.code, "nog-een-geheim")
    assert sessions.sessions_of(sara) == ([], 0)


def test_a_too_short_new_password_ends_nothing(sara):
    sessions.start_session(sara)
    with pytest.raises(accounts.ServiceError):
        accounts.set_password(sara, "kort")
    assert sessions.sessions_of(sara)[1] == 1


def test_she_ends_only_her_own_sessions(sara, amina):
    mine, _ = sessions.start_session(sara)
    hers, _ = sessions.start_session(amina)
    assert not sessions.end_session(sara.id, hers.id)
    assert sessions.end_session(sara.id, mine.id)
    assert sessions.sessions_of(amina)[1] == 1


def test_her_list_is_bounded_last_used_first_and_forgets_expired_sessions(sara):
    sara = sara
    start = utcnow() - timedelta(hours=30)
    for hour in range(25):
        sessions.start_session(sara, shared=hour < 2, now=start + timedelta(hours=hour))
    rows, total = sessions.sessions_of(sara)
    assert total == 23  # the two shared-phone sessions have ended
    assert len(rows) == sessions.SESSIONS_SHOWN
    assert rows[0].last_used_at > rows[-1].last_used_at
    sessions.start_session(sara)
    assert db.session.query(LoginSession).filter_by(user_id=sara.id).count() == 24


@pytest.mark.parametrize(
    "user_agent, label",
    [
        (
            "Mozilla/5.0 (Linux; Android 13; SM-A145R) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0.0.0 Mobile Safari/537.36",
            "Android · Chrome",
        ),
        (
            "Mozilla/5.0 (Linux; Android 13; SM-A145R) AppleWebKit/537.36 (KHTML, like Gecko) "
            "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
            "Android · Samsung Internet",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "iPhone · Safari",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Windows · Firefox",
        ),
        ("", ""),
    ],
)
def test_the_device_is_named_as_she_would_name_it(user_agent, label):
    assert sessions.device_label(user_agent) == label
