"""Error pages: the failed request's work rolled back, in her language (400, 403, 404, 413, 429 and
500, as a page and as an htmx fragment, logged in and before login), also when the database
is away; a NUL byte or a number too large for the database is never a 500."""

import pytest
from sqlalchemy import text

from webapp import create_app
from webapp.extensions import db
from webapp.models import User

CLOSED_PORT = "postgresql+psycopg://127.0.0.1:9/nothing-here?connect_timeout=2"


def _cookies(client) -> dict:
    names = ("session", "remember_token")
    return {n: c.value for n in names if (c := client.get_cookie(n)) is not None}


@pytest.mark.parametrize("path", ["/", "/plan/", "/agenda"])
def test_database_down_her_error_page_is_in_arabic(app, client, auth, amina, path):
    auth.login(amina)
    down = create_app({"ENV_NAME": "testing", "DATABASE_URL": CLOSED_PORT})
    other = down.test_client()
    for name, value in _cookies(client).items():
        other.set_cookie(name, value)
    response = other.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert '<html lang="ar" dir="rtl">' in html
    assert "حدث خطأ" in html or "خطأ" in html, html[:400]
    assert "Internal Server Error" not in html
    assert '<nav class="tabs"' not in html  # made without her account: no tab bar that needs it


def test_database_down_anonymous_login_page_is_an_error_page_in_her_browser_language(app):
    down = create_app({"ENV_NAME": "testing", "DATABASE_URL": CLOSED_PORT})
    response = down.test_client().post(
        "/login",
        data={"username": "sara", "password": "x"},
        headers={"Accept-Language": "pl"},
    )
    assert response.status_code in (400, 500)
    assert '<html lang="pl"' in response.get_data(as_text=True)


def test_a_nul_byte_in_the_login_name_is_a_plain_wrong_login(client, auth, sara):
    token = auth.csrf()
    response = client.post(
        "/login", data={"username": "sa\x00ra", "password": "x", "csrf_token": token}
    )
    assert response.status_code == 400
    assert "klopt niet" in response.get_data(as_text=True)


def test_a_nul_byte_in_her_name_is_dropped_not_a_500(client, auth, sara):
    auth.login(sara)
    response = client.post(
        "/meer/naam", data={"display_name": "Sa\x00ra\x07", "csrf_token": auth.token()}
    )
    assert response.status_code < 400
    assert db.session.get(User, sara.id).display_name == "Sara"


def test_a_number_too_large_for_the_database_is_not_found_or_ignored(client, auth, medewerker):
    auth.login(medewerker)
    assert client.get("/medewerker/groepen/99999999999999999999").status_code == 404
    token = auth.csrf("/medewerker/")
    response = client.post(
        "/plan/medewerker/groep/1/sjabloon/kopie",
        data={"bron": "99999999999999999999", "csrf_token": token},
    )
    assert response.status_code < 500


def test_an_error_page_rolls_back_the_failed_work(app, client, auth, sara):
    """A view that fails after a write: the 500 page still shows her tab bar (its queries would
    fail on a session left in a failed transaction) and the write is undone."""

    def fails_after_a_write():
        db.session.get(User, sara.id).display_name = "Half gedaan"
        db.session.flush()
        db.session.execute(text("SELECT * FROM no_such_table"))

    app.add_url_rule("/test-fails-after-a-write", view_func=fails_after_a_write)
    auth.login(sara)
    response = client.get("/test-fails-after-a-write")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Er ging iets mis" in html
    assert '<nav class="tabs"' in html
    assert db.session.get(User, sara.id).display_name == "Sara"


def test_an_htmx_request_gets_a_fragment_in_her_language(client, auth, amina):
    auth.login(amina)
    response = client.get("/plan/stappen/not-a-step", headers={"HX-Request": "true"})
    assert response.status_code == 404
    assert response.headers["ES-Error"] == "1"
    html = response.get_data(as_text=True)
    assert html.strip().startswith('<p class="error-box" role="alert">')
    assert "<html" not in html
    assert "لم نجد هذه الصفحة" in html, html


def test_the_outbox_still_gets_json(client, auth, sara):
    auth.login(sara)
    response = client.get(
        "/plan/stappen/not-a-step", headers={"HX-Request": "true", "Accept": "application/json"}
    )
    assert response.status_code == 404
    assert response.get_json() == {"error": "Niet gevonden"}


def _too_many(client, headers):
    for _ in range(10):
        client.get("/uitnodiging/ABCDEFGH", headers=headers)
    return client.get("/uitnodiging/ABCDEFGH", headers=headers)


# Each error as a person meets it, without mocks: a form without its token (the page open
# from before a new login), a staff page, a page that is not there, a paste of many megabytes,
# an invitation code guessed too often.
ERRORS = {
    400: ("Probeer het nog een keer", lambda c, h: c.post("/meer/naam", data={}, headers=h)),
    403: ("Hier kun je niet komen", lambda c, h: c.get("/medewerker/", headers=h)),
    404: ("Niet gevonden", lambda c, h: c.get("/niet-bestaand", headers=h)),
    413: (
        "Te groot",
        lambda c, h: c.post("/meer/naam", data={"display_name": "x" * (9 << 20)}, headers=h),
    ),
    429: ("Even rustig aan", _too_many),
}
# The 413 text fits what she sent: a file, or a very long text pasted into a field.
TOO_LARGE = (
    "Dit is te groot om te versturen: een bestand of een heel lange tekst. Kies een kleiner "
    "bestand, of maak de tekst korter."
)
ANONYMOUS_ERRORS = {
    400: lambda c, h: c.post("/login", data={"username": "sara"}, headers=h),
    404: ERRORS[404][1],
    413: lambda c, h: c.post("/login", data={"username": "x" * (9 << 20)}, headers=h),
    429: _too_many,
}


def _in_language(app, lang: str, text: str) -> str:
    from flask_babel import gettext

    from webapp.i18n import in_language

    with app.test_request_context(), in_language(lang):
        return gettext(text)


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("status", sorted(ERRORS))
def test_each_error_page_is_in_her_language(app, client, auth, amina, status, htmx):
    auth.login(amina)
    title, provoke = ERRORS[status]
    response = provoke(client, {"HX-Request": "true"} if htmx else {})
    html = response.get_data(as_text=True)
    assert response.status_code == status
    assert _in_language(app, "ar", title) in html, html[:600]
    assert title not in html
    if status == 413:
        assert _in_language(app, "ar", TOO_LARGE) in html, html[:600]
    if htmx:  # a fragment the page shows in its banner
        assert response.headers["ES-Error"] == "1"
        assert "<html" not in html
    else:
        assert '<html lang="ar" dir="rtl">' in html
        assert '<nav class="tabs"' in html  # her own page around it


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("status", sorted(ANONYMOUS_ERRORS))
def test_each_error_page_is_in_the_browsers_language_before_login(app, client, status, htmx):
    headers = {"Accept-Language": "tr", **({"HX-Request": "true"} if htmx else {})}
    response = ANONYMOUS_ERRORS[status](client, headers)
    html = response.get_data(as_text=True)
    title = ERRORS[status][0]
    assert response.status_code == status
    assert _in_language(app, "tr", title) in html, html[:600]
    assert title not in html
    if status == 413:
        assert _in_language(app, "tr", TOO_LARGE) in html, html[:600]
    assert ("<html" not in html) if htmx else ('<html lang="tr"' in html)


@pytest.mark.parametrize("sent", ["long text", "large file"])
def test_too_large_names_both_a_file_and_a_long_text(client, auth, sara, sent):
    from io import BytesIO

    auth.login(sara)
    big = "x" * (9 << 20)
    data = {"display_name": big} if sent == "long text" else {
        "display_name": "Sara", "file": (BytesIO(big.encode()), "foto.jpg")
    }  # fmt: skip
    response = client.post("/meer/naam", data=data)
    assert response.status_code == 413
    assert TOO_LARGE in response.get_data(as_text=True)
