"""HSTS in production, SameSite on every cookie, private pages never stored by the browser."""

from tests.factories import PASSWORD
from webapp import create_app
from webapp.app_names import COOKIE, NEUTRAL
from webapp.assets import asset_url


def test_every_cookie_of_a_login_has_samesite(client, auth, sara):
    token = auth.csrf()
    response = client.post(
        "/login", data={"username": "sara", "password": PASSWORD, "csrf_token": token}
    )
    cookies = response.headers.getlist("Set-Cookie")
    names = {c.split("=", 1)[0] for c in cookies}
    assert {"session", "remember_token"} <= names
    for cookie in cookies:
        assert "SameSite=Lax" in cookie, cookie
        assert "HttpOnly" in cookie, cookie


def test_the_neutral_name_cookie_and_its_removal_have_samesite(client, auth, sara):
    auth.login(sara)
    for choice in (NEUTRAL, "elkestap"):
        response = client.post(
            "/meer/veilig/naam", data={"app": choice, "csrf_token": auth.token()}
        )
        cookies = response.headers.getlist("Set-Cookie")
        assert any(c.startswith(f"{COOKIE}=") for c in cookies), cookies
        for cookie in cookies:
            assert "SameSite=Lax" in cookie and "HttpOnly" in cookie, cookie


def test_her_pages_are_no_store(client, auth, sara):
    auth.login(sara)
    for path in ("/", "/plan/", "/meer"):
        assert client.get(path).headers["Cache-Control"] == "private, no-store", path


def test_hsts_in_production_only(client, database_url):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    production = create_app(
        {"ENV_NAME": "production", "SECRET_KEY": "x" * 32, "DATABASE_URL": database_url}
    )
    response = production.test_client().get("/login", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Secure" in response.headers["Set-Cookie"]


def test_assets_carry_a_short_strict_policy_and_pages_the_whole_one(app, client):
    """Scripts, styles and icons are never a page: the page policies mean nothing to them and
    cost bytes on each (about 340), so they get `default-src 'none'` and nosniff only."""
    with app.test_request_context():
        url = asset_url("app.js")
    asset = client.get(url)
    assert asset.status_code == 200
    assert asset.headers["Content-Security-Policy"] == "default-src 'none'"
    assert asset.headers["X-Content-Type-Options"] == "nosniff"
    assert "Permissions-Policy" not in asset.headers
    page = client.get("/login")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "camera=()" in page.headers["Permissions-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
