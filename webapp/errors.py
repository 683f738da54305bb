"""Error pages: short, translated, and never a stack trace.

Every error page first rolls back what the failed request had begun (a half-done write would
otherwise make the page's own queries fail). When the database itself is away, her account
cannot be loaded: the page is then made without it (as for someone not logged in, no tab bar),
in the language her session cookie keeps since she logged in (`login_sessions.log_in`).
"""

import logging

from flask import Flask, g, render_template, request
from flask_babel import lazy_gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError

from webapp.extensions import db, htmx, login_manager
from webapp.security import wants_no_redirect

log = logging.getLogger(__name__)


def _roll_back() -> None:
    try:
        db.session.rollback()
    except SQLAlchemyError:  # the connection itself is gone: nothing left to undo
        db.session.invalidate()


def _without_her_account() -> None:
    """Make the rest of this request anonymous: her account cannot be loaded now."""
    _roll_back()
    g._login_user = login_manager.anonymous_user()


def _page(status: int, title, text):
    _roll_back()
    try:
        current_user.is_authenticated  # noqa: B018  (loads her: one query)
    except SQLAlchemyError:
        _without_her_account()
    if request.accept_mimetypes.best == "application/json" or (wants_no_redirect() and not htmx):
        return {"error": str(title)}, status
    # htmx: a fragment the page shows (app.js puts it in the banner).
    template, headers = ("errors/_fragment.html", {"ES-Error": "1"}) if htmx else (
        "errors/error.html", {}
    )  # fmt: skip
    try:
        return render_template(template, title=title, text=text), status, headers
    except SQLAlchemyError:
        log.warning("error page made without her account: the database does not answer")
        _without_her_account()
        return render_template(template, title=title, text=text), status, headers


def init_app(app: Flask) -> None:
    # The texts are lazy: made when the page is, after _page knows whether she can be loaded
    # (her language is that of her account).
    @app.errorhandler(400)
    def bad_request(_e):
        return _page(
            400,
            _("Dit ging niet goed"),
            _(
                "Er klopte iets niet aan wat de pagina verstuurde. Ga terug en probeer het nog eens."
            ),
        )

    @app.errorhandler(405)
    def wrong_method(_e):
        return _page(404, _("Niet gevonden"), _("Deze pagina bestaat niet (meer)."))

    @app.errorhandler(403)
    def forbidden(_e):
        return _page(403, _("Hier kun je niet komen"), _("Deze pagina is niet voor jouw account."))

    @app.errorhandler(404)
    def not_found(_e):
        return _page(404, _("Niet gevonden"), _("Deze pagina bestaat niet (meer)."))

    @app.errorhandler(CSRFError)
    def csrf_failed(_e):
        return _page(
            400,
            _("Probeer het nog een keer"),
            _(
                "De pagina was te lang open. Ga terug, laad de pagina opnieuw en probeer het nog eens."
            ),
        )

    @app.errorhandler(413)
    def too_large(_e):
        # Too large a file, or a very long text pasted into a field: the same answer fits both.
        return _page(
            413,
            _("Te groot"),
            _(
                "Dit is te groot om te versturen: een bestand of een heel lange tekst. Kies een "
                "kleiner bestand, of maak de tekst korter."
            ),
        )

    @app.errorhandler(429)
    def too_many(_e):
        if request.endpoint == "auth.login":
            from webapp.auth.views import login_page_after_rate_limit

            return login_page_after_rate_limit()
        if request.endpoint == "auth.reset_password":
            from webapp.auth.views import reset_page_after_rate_limit

            return reset_page_after_rate_limit()
        return _page(429, _("Even rustig aan"), _("Je probeerde het heel vaak. Wacht een minuut."))

    @app.errorhandler(500)
    def server_error(_e):
        return _page(
            500,
            _("Er ging iets mis"),
            _("Dat ligt niet aan jou. Probeer het zo nog een keer."),
        )
