"""Configuration: safe defaults here, secrets and deployment choices from the environment."""

import os
from datetime import timedelta

ENVIRONMENTS = ("development", "production", "testing")


class ConfigError(RuntimeError):
    """The app was asked to start with settings that would be unsafe."""


def load_config(instance_path: str, overrides: dict | None = None) -> dict:
    env = (overrides or {}).get("ENV_NAME") or os.environ.get("ELKESTAP_ENV", "production")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"ELKESTAP_ENV must be one of {ENVIRONMENTS}, not {env!r}")
    config = {
        "ENV_NAME": env,
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", f"sqlite:///{os.path.join(instance_path, 'elkestap.sqlite')}"
        ),
        # Cookies: the session lives in a signed cookie, so app servers stay stateless.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": env == "production",
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 30,
        # Staying logged in saves her typing on her own phone, but phones are shared: a month,
        # not Flask-Login's default of a year.
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        "WTF_CSRF_TIME_LIMIT": None,  # a token lives as long as the session: pages stay open for days
        "WTF_CSRF_SSL_STRICT": env == "production",
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI")
        or os.environ.get("REDIS_URL")
        or "memory://",
        "RATELIMIT_HEADERS_ENABLED": False,
        # Failed logins per address and login name; per address alone (a buurthuis Wi-Fi, or
        # everyone behind a proxy without TRUSTED_PROXIES), a wider bound.
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute; 60 per hour"),
        "LOGIN_ADDRESS_RATE_LIMIT": os.environ.get(
            "LOGIN_ADDRESS_RATE_LIMIT", "100 per minute; 300 per hour"
        ),
        # Wrong invitation and reset codes, per address and per code beginning.
        "CODE_RATE_LIMIT": os.environ.get("CODE_RATE_LIMIT", "10 per minute; 30 per hour"),
        "RATELIMIT_SWALLOW_ERRORS": True,
        # The number of proxies in front of the app that set X-Forwarded-For/-Proto (0: none,
        # the address is the connection's own). Only set it when there are: the header is
        # otherwise anyone's to write.
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
        "REDIS_URL": os.environ.get("REDIS_URL"),
        "INVITATION_DAYS": int(os.environ.get("INVITATION_DAYS", "14")),
        "RESET_CODE_HOURS": int(os.environ.get("RESET_CODE_HOURS", "48")),
        "PUSH_CONTACT": os.environ.get("PUSH_CONTACT", "mailto:privacy@elkestap.example.org"),
        # In production the server sends pushes only to these hosts (and their subdomains):
        # Chrome/Android, Firefox, Safari/iOS, Edge/Windows. Comma-separated to change.
        "PUSH_HOSTS": [
            h.strip().lower()
            for h in os.environ.get(
                "PUSH_HOSTS",
                "fcm.googleapis.com,android.googleapis.com,push.services.mozilla.com,"
                "push.apple.com,notify.windows.com",
            ).split(",")
            if h.strip()
        ],
        "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,
        # Uploaded materials: a folder outside static/, shared by every app server.
        "UPLOAD_FOLDER": os.environ.get("UPLOAD_FOLDER") or os.path.join(instance_path, "uploads"),
        # "Snel weg" replaces her page with this neutral one: a page of the app that shows a
        # clock, or any https address the deployment chooses (a weather site).
        "QUICK_EXIT_URL": os.environ.get("QUICK_EXIT_URL", "/klok"),
        "COMPRESS_MIMETYPES": [
            "text/html",
            "text/css",
            "text/javascript",
            "application/javascript",
            "application/json",
            "application/manifest+json",
            "image/svg+xml",
            "text/calendar",
        ],
        "COMPRESS_MIN_SIZE": 256,
    }
    if env == "development":
        config["SECRET_KEY"] = config["SECRET_KEY"] or "dev-only-not-secret"
    if env == "testing":
        config.update(SECRET_KEY="testing-not-secret", RATELIMIT_STORAGE_URI="memory://")
    config.update(overrides or {})
    exit_url = config["QUICK_EXIT_URL"]
    if not (exit_url.startswith("https://") or (exit_url.startswith("/") and "//" not in exit_url)):
        raise ConfigError(f"QUICK_EXIT_URL must be an https:// address or a path, not {exit_url!r}")
    if not config["SECRET_KEY"]:
        raise ConfigError("SECRET_KEY is not set: refusing to start in production without one.")
    return config
