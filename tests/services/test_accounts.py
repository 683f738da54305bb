import pytest

from webapp import create_app
from webapp.config import ConfigError
from webapp.models import Role
from webapp.services import ServiceError, accounts


def test_passwords_are_stored_as_argon2_hashes(app):
    user = accounts.create_user("lina", "geheim-123", "Lina", Role.PARTICIPANT)
    assert user.password_hash.startswith("$argon2id$")
    assert "geheim-123" not in user.password_hash


def test_login_names_are_case_insensitive_and_checked(app):
    accounts.create_user("Lina", "geheim-123", "Lina", Role.PARTICIPANT)
    assert accounts.authenticate("LINA", "geheim-123") is not None
    with pytest.raises(ServiceError, match="al in gebruik"):
        accounts.create_user("lina", "geheim-123", "Lina", Role.PARTICIPANT)
    with pytest.raises(ServiceError, match="3 tot 30"):
        accounts.create_user("a b", "geheim-123", "A", Role.PARTICIPANT)


def test_inactive_accounts_cannot_log_in(app):
    from webapp.extensions import db

    user = accounts.create_user("lina", "geheim-123", "Lina", Role.PARTICIPANT)
    user.active = False
    db.session.commit()
    assert accounts.authenticate("lina", "geheim-123") is None


def test_unknown_language_is_refused(app, sara):
    with pytest.raises(ServiceError):
        accounts.set_language(sara, "xx")
    accounts.set_language(sara, "tr")
    assert sara.language == "tr"


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("ELKESTAP_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite"})


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("ELKESTAP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
