"""Rate limits: failed logins per (address, login name) with a wider bound per address, or per
phone on a phone she logged in on before (nobody else's guesses lock her out of it), wrong
codes per address and per code beginning, the address from a trusted proxy only, and logins
that keep working when Redis is away."""

import hashlib
import logging

import pytest
from flask.globals import request_ctx

from tests import factories
from tests.conftest import Auth
from webapp import create_app
from webapp.extensions import _LIMITER_STATE, limiter
from webapp.login_devices import COOKIE
from webapp.services import access_codes

CLOSED_REDIS = "redis://127.0.0.1:9/0"


def _login(client, auth, username, password=factories.PASSWORD, address="10.1.1.1", **headers):
    token = auth.csrf()
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
        headers=headers,
    )


def test_eleven_mothers_log_in_from_one_address(client, auth, zuid):
    people = [factories.participant(zuid) for _ in range(11)]
    for her in people:
        response = _login(client, auth, her.username)
        assert response.status_code == 302, her.username
        auth.logout()


def test_one_mother_logging_in_often_is_never_limited(client, auth, sara):
    for _ in range(12):
        assert _login(client, auth, "sara").status_code == 302
        auth.logout()


def test_wrong_guesses_from_elsewhere_do_not_lock_her_out(client, auth, sara):
    statuses = [
        _login(client, auth, "sara", "fout", address="10.9.9.9").status_code for _ in range(11)
    ]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429
    assert _login(client, auth, "sara", address="10.1.1.1").status_code == 302


def test_an_address_guessing_many_names_meets_the_wider_bound(app, client, auth, sara):
    app.config["LOGIN_ADDRESS_RATE_LIMIT"] = "15 per minute"
    statuses = [
        _login(client, auth, f"naam{i}", "fout", address="10.7.7.7").status_code for i in range(16)
    ]
    assert statuses[:15] == [400] * 15
    assert statuses[15] == 429
    # Another address is not affected.
    assert _login(client, auth, "sara", address="10.1.1.2").status_code == 302


def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(app, client, auth, sara):
    for _ in range(10):
        _login(client, auth, "sara", "fout", X_Forwarded_For="10.5.5.5")
    # The header is anyone's to write: without TRUSTED_PROXIES the count is the connection's.
    assert _login(client, auth, "sara", "fout", X_Forwarded_For="10.6.6.6").status_code == 429


def test_behind_a_trusted_proxy_each_phone_has_its_own_count(database_url, upload_folder):
    proxied = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": database_url,
            "UPLOAD_FOLDER": upload_folder,
            "TRUSTED_PROXIES": 1,
        }
    )
    with proxied.app_context():
        limiter.reset()
        client = proxied.test_client()

        def wrong(address):
            page = client.get("/login").get_data(as_text=True)
            token = page.split('"X-CSRFToken": "')[1].split('"')[0]
            return client.post(
                "/login",
                data={"username": "iemand", "password": "fout", "csrf_token": token},
                headers={"X-Forwarded-For": address},
                environ_base={"REMOTE_ADDR": "127.0.0.1"},
            ).status_code

        assert [wrong("10.5.5.5") for _ in range(11)][-1] == 429
        assert wrong("10.6.6.6") == 400  # another phone behind the same proxy


@pytest.fixture
def invitation(medewerker, zuid):
    return access_codes.create_invitation(medewerker, "deelneemster", zuid.organisation, zuid)


def _wrong_code(n: int) -> str:
    alphabet = access_codes.CODE_ALPHABET
    return "".join(alphabet[(n * 7 + i) % len(alphabet)] for i in range(8))


def test_guessing_invitation_codes_is_limited(client, auth, invitation):
    token = auth.csrf("/uitnodiging")
    statuses = [
        client.post("/uitnodiging", data={"code": _wrong_code(i), "csrf_token": token}).status_code
        for i in range(11)
    ]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429


def test_guessing_codes_in_the_url_is_limited(client, invitation):
    statuses = [client.get(f"/uitnodiging/{_wrong_code(i)}").status_code for i in range(11)]
    assert statuses[:10] == [404] * 10
    assert statuses[10] == 429
    assert "Wacht een minuut" in client.get("/uitnodiging/abcd").get_data(as_text=True)


def test_a_right_code_opened_often_is_never_limited(client, invitation):
    for _ in range(15):
        assert client.get(f"/uitnodiging/{invitation.code}").status_code == 200


def test_guessing_reset_codes_is_limited(client, auth, sara):
    token = auth.csrf("/wachtwoord")
    statuses = [
        client.post(
            "/wachtwoord",
            data={
                "username": "sara",
                "code": _wrong_code(i),
                "password": "nieuw-wachtwoord-1",
                "csrf_token": token,
            },
        ).status_code
        for i in range(11)
    ]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429


def test_finishing_a_code_half_seen_is_limited_from_any_address(client, auth, sara):
    token = auth.csrf("/wachtwoord")
    statuses = [
        client.post(
            "/wachtwoord",
            data={
                "username": "sara",
                "code": "abcd" + _wrong_code(i)[:4],
                "password": "x",
                "csrf_token": token,
            },
            environ_base={"REMOTE_ADDR": f"10.2.0.{i}"},
        ).status_code
        for i in range(11)
    ]
    assert statuses[10] == 429


@pytest.fixture
def redis_away(database_url, upload_folder, caplog):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": database_url,
            "UPLOAD_FOLDER": upload_folder,
            "RATELIMIT_STORAGE_URI": CLOSED_REDIS,
            "REDIS_URL": CLOSED_REDIS,
        }
    )
    yield app
    # The limiter object is shared by every app the tests make: forget that Redis was away.
    limiter._storage_dead = False


@pytest.mark.commits
def test_logins_work_with_redis_at_a_closed_port_and_it_is_logged_once(
    app, sara, redis_away, caplog
):
    one_phone = redis_away.test_client()

    def login(password, client=one_phone):
        page = client.get("/login").get_data(as_text=True)
        token = page.split('"X-CSRFToken": "')[1].split('"')[0]
        return client.post(
            "/login", data={"username": "sara", "password": password, "csrf_token": token}
        )

    with caplog.at_level(logging.WARNING):
        assert login("fout").status_code == 400
        assert login(factories.PASSWORD, redis_away.test_client()).status_code == 302
        # The limit still holds, counted in memory.
        statuses = [login("fout").status_code for _ in range(10)]
    assert statuses[-1] == 429
    unreachable = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(unreachable) == 1


# A phone she logged in on before (webapp/login_devices.py): its failed logins for her count in
# its own bucket, so nobody else's guesses lock her out of it; every other login counts in the
# shared (address, login name) bucket as above.
ADDRESS = "10.3.3.3"  # the buurthuis Wi-Fi, or the production proxy: everyone on one address
OWN_TRIES = "Je hebt het vaak geprobeerd."
SOMEONE_ELSES = "Log in op de telefoon die je meestal gebruikt"


def _phone(app):
    """Another phone: a client with its own cookies."""
    return Auth(app.test_client())


def _try(phone, username, password=factories.PASSWORD):
    return phone.client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": phone.csrf()},
        environ_base={"REMOTE_ADDR": ADDRESS},
    )


def _her_phone(app, *people):
    """A phone each of `people` logged in on once (and logged out of again)."""
    phone = _phone(app)
    for her in people:
        assert _try(phone, her).status_code == 302
        phone.logout()
    return phone


def _guess_wrong(app, username, times):
    stranger = _phone(app)
    statuses = [_try(stranger, username, "fout").status_code for _ in range(times)]
    assert statuses[:10] == [400] * 10 and set(statuses[10:]) <= {429}
    return stranger


def test_a_strangers_guesses_on_her_address_do_not_lock_out_her_own_phone(app, client, sara):
    her_phone = _her_phone(app, "sara")
    stranger = _guess_wrong(app, "sara", 60)
    assert _try(her_phone, "sara").status_code == 302
    # The guesser is still limited, even with the right password now.
    assert _try(stranger, "sara").status_code == 429
    # A first login on a new phone meets the shared limit, and is told where it does work.
    response = _try(_phone(app), "sara")
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert SOMEONE_ELSES in page and OWN_TRIES not in page
    assert 'value="sara"' in page  # her name stays in the form


def test_her_phone_logs_in_when_the_address_met_its_wider_bound(app, client, sara):
    app.config["LOGIN_ADDRESS_RATE_LIMIT"] = "15 per minute"
    her_phone = _her_phone(app, "sara")
    stranger = _phone(app)
    statuses = [_try(stranger, f"naam{i}", "fout").status_code for i in range(16)]
    assert statuses[-1] == 429
    assert _try(_phone(app), "sara").status_code == 429  # a new phone on this address
    assert _try(her_phone, "sara").status_code == 302


def test_her_own_phone_guessing_wrong_is_limited_in_its_own_bucket(app, client, sara):
    her_phone = _her_phone(app, "sara")
    statuses = [_try(her_phone, "sara", "fout").status_code for _ in range(11)]
    assert statuses == [400] * 10 + [429]
    page = _try(her_phone, "sara").get_data(as_text=True)
    assert OWN_TRIES in page and SOMEONE_ELSES not in page
    # Its tries were its own: another phone on the same address is not limited by them.
    assert _try(_phone(app), "sara").status_code == 302


def test_a_shared_phone_knows_each_who_logged_in_on_it(app, client, sara, amina):
    shared_phone = _phone(app)
    for her in ("sara", "amina"):
        response = shared_phone.client.post(
            "/login",
            data={
                "username": her,
                "password": factories.PASSWORD,
                "shared": "y",
                "csrf_token": shared_phone.csrf(),
            },
            environ_base={"REMOTE_ADDR": ADDRESS},
        )
        assert response.status_code == 302
        shared_phone.logout()
    _guess_wrong(app, "sara", 11)
    _guess_wrong(app, "amina", 11)
    assert _try(shared_phone, "amina").status_code == 302
    shared_phone.logout()
    assert _try(shared_phone, "sara").status_code == 302


def test_hostile_names_from_her_phone_get_a_4xx(app, client, sara):
    her_phone = _her_phone(app, "sara")  # the login name is looked up for its cookie
    for name in ("sa\x00ra", "sara\x00", "x" * 100_000, " SARA "):
        assert _try(her_phone, name, "fout").status_code == 400, name[:10]


def _forged(app, phone_id: str, user_id: int, key: str) -> str:
    from itsdangerous import Signer

    signer = Signer(key, salt="elke-stap login phone", digest_method=hashlib.sha256)
    return f"{phone_id}.{signer.get_signature(f'{phone_id}:{user_id}'.encode()).decode()}"


def test_a_forged_or_someone_elses_phone_cookie_counts_as_none(app, client, sara, amina):
    aminas_phone = _her_phone(app, "amina")  # a real cookie, for someone else
    saras_cookie = _her_phone(app, "sara").client.get_cookie(COOKIE, path="/login").value
    phone_id, tag = saras_cookie.split(".")
    other_id = "A" * 22
    forged = {
        "another key": _forged(app, phone_id, sara.id, "not-the-apps-key"),
        "her tag on another phone id": f"{other_id}.{tag}",
        "a tag changed": f"{phone_id}.{tag[:-2]}{'AA' if tag[-2:] != 'AA' else 'BB'}",
        "a tag for amina on her phone": aminas_phone.client.get_cookie(COOKIE, path="/login").value,
        "no tag": phone_id,
        "not a cookie of ours": "sara",
    }
    # The real cookie with the app's key does count (the forgeries differ only in what is forged).
    assert _forged(app, phone_id, sara.id, app.secret_key) == saras_cookie
    _guess_wrong(app, "sara", 11)
    for what, value in forged.items():
        phone = _phone(app)
        phone.client.set_cookie(COOKIE, value, path="/login")
        assert _try(phone, "sara").status_code == 429, what
    phone = _phone(app)
    phone.client.set_cookie(COOKIE, saras_cookie, path="/login")
    assert _try(phone, "sara").status_code == 302


def test_the_phone_cookie_names_nobody_and_stays_after_logout(app, client, sara):
    phone = _phone(app)
    response = _try(phone, "sara")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith(COOKIE))
    for attribute in ("HttpOnly", "SameSite=Lax", "Path=/login", f"Max-Age={60 * 60 * 24 * 365}"):
        assert attribute in cookie, cookie
    value = phone.client.get_cookie(COOKIE, path="/login").value
    assert "sara" not in value.lower() and f":{sara.id}" not in value
    logout = phone.logout()
    assert not any(c.startswith(COOKIE) for c in logout.headers.getlist("Set-Cookie"))
    assert phone.client.get_cookie(COOKIE, path="/login").value == value
    # It goes only to the login page, not with every request she makes.
    assert f"{COOKIE}=" in _try(phone, "sara").request.headers["Cookie"]
    assert f"{COOKIE}=" not in phone.client.get("/").request.headers["Cookie"]


def test_only_the_views_with_limits_consult_the_limiter(app, client, auth, sara):
    """The limited views check their limits in their decorators (the tests above); nothing of
    the limiter runs before the other pages (it found no limit there, at 7 % of each page)."""
    before = app.before_request_funcs.get(None, [])
    assert not [f for f in before if getattr(f, "__self__", None) is limiter]
    auth.login("sara")
    assert client.get("/").status_code == 200
    auth.logout()
    statuses = [_login(client, auth, "nobody", "fout").status_code for _ in range(11)]
    assert statuses[-1] == 429


def test_the_limiters_after_request_work_runs_only_after_a_limited_view(app, client, auth, sara):
    """Its after-request and teardown functions (2 % of each page) only where a limited view
    made its state: not after her home, yes after a login (which counts a refused one)."""
    seen = []

    def look(response):  # first in the list: Flask runs it after the other ones
        seen.append(hasattr(request_ctx._get_current_object(), _LIMITER_STATE))
        return response

    app.after_request_funcs[None].insert(0, look)
    try:
        auth.login("sara")
        seen.clear()
        assert client.get("/").status_code == 200
        auth.logout()
        _login(client, auth, "nobody", "fout")
    finally:
        app.after_request_funcs[None].remove(look)
    assert seen[0] is False and seen[-1] is True
