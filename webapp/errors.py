"""Error pages: short, translated, and never a stack trace."""

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from webapp.security import wants_no_redirect


def _page(status: int, title: str, text: str):
    if wants_no_redirect():
        return {"error": title}, status
    return render_template("errors/error.html", title=title, text=text), status


def init_app(app: Flask) -> None:
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
        return _page(413, _("Te groot"), _("Dit bestand is te groot om te versturen."))

    @app.errorhandler(429)
    def too_many(_e):
        if request.endpoint == "auth.login":
            from webapp.auth.views import login_page_after_rate_limit

            return login_page_after_rate_limit()
        return _page(429, _("Even rustig aan"), _("Je probeerde het heel vaak. Wacht een minuut."))

    @app.errorhandler(500)
    def server_error(_e):
        return _page(
            500,
            _("Er ging iets mis"),
            _("Dat ligt niet aan jou. Probeer het zo nog een keer."),
        )
