"""Where she is logged in, logging out elsewhere, and the lock on her phone."""

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.app_names import NEUTRAL, remember_app_name
from webapp.login_sessions import current_session, log_out, logged_out
from webapp.models import Role
from webapp.safety import bp
from webapp.security import found_or_404, public, roles
from webapp.services import sessions


@bp.get("/meer/telefoons")
@roles(*Role)
def her_sessions():
    rows, total = sessions.sessions_of(current_user)
    return render_template(
        "safety/sessions.html", rows=rows, total=total, this_phone=current_session().id
    )


@bp.post("/meer/telefoons/<int:session_id>/uitloggen")
@roles(*Role)
def end_session(session_id: int):
    found_or_404(sessions.end_session(current_user.id, session_id) or None)
    flash(_("Je bent op die telefoon uitgelogd."))
    return redirect(url_for("safety.her_sessions"))


@bp.post("/meer/telefoons/uitloggen")
@roles(*Role)
def end_all_sessions():
    sessions.end_all_sessions(current_user)
    log_out()
    return logged_out(url_for("auth.login", bye="overal"))


# How long without use before the app locks, as she can choose (0: when she closes the app).
IDLE_CHOICES = (1, 5, 15, 30, 0)
DEFAULT_IDLE = 5


@bp.get("/slot")
@public
def lock():
    """The lock screen: the same for everyone, nothing of hers on it (lock.js opens it)."""
    return render_template("safety/lock.html", neutral=True)


@bp.get("/meer/veilig")
@roles(Role.PARTICIPANT)
def settings():
    """Her PIN and when the app locks. They live on her phone only (lock.js), so the lock holds
    without internet; this page carries the form."""
    return render_template(
        "safety/settings.html", idle_choices=IDLE_CHOICES, default_idle=DEFAULT_IDLE
    )


@bp.get("/klok")
@public
def away():
    """Where "Snel weg" goes by default: a clock, nothing of the app on it."""
    g.cacheable_publicly = True
    return render_template("safety/away.html")


@bp.post("/meer/veilig/naam")
@roles(Role.PARTICIPANT)
def choose_app_name():
    """A neutral name and icon for this phone's home screen, or Elke Stap again."""
    neutral = request.form.get("app") == NEUTRAL
    flash(
        _(
            "Bewaard. Op deze telefoon heet de app nu %(name)s.",
            name=_("Agenda") if neutral else "Elke Stap",
        )
    )
    response = redirect(url_for("safety.settings", _anchor="app-name"))
    remember_app_name(response, neutral, secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response
