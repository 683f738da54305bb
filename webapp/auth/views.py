"""Login, logout, language choice, invitations and reset codes."""

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from webapp.auth import bp
from webapp.auth.forms import CodeForm, LanguageForm, LoginForm, ResetForm, SignupForm
from webapp.extensions import limiter, login_username_key
from webapp.i18n import LANGUAGES, SESSION_KEY
from webapp.models import Role
from webapp.security import public, roles
from webapp.services import ServiceError, access_codes, accounts


def safe_next(target: str | None) -> str | None:
    """Only a path on this site: never an open redirect."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def home_for(user) -> str:
    return url_for("home.index") if user.role == Role.PARTICIPANT else url_for("staff.index")


def _login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(_login_rate_limit, methods=["POST"])
@limiter.limit(_login_rate_limit, methods=["POST"], key_func=login_username_key)
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm(next=request.args.get("next", ""))
    error = None
    if form.validate_on_submit():
        user = accounts.authenticate(form.username.data, form.password.data)
        if user is not None:
            login_user(user, remember=True)
            session.pop(SESSION_KEY, None)
            session["warm_cache"] = user.role == Role.PARTICIPANT
            return redirect(safe_next(form.next.data) or home_for(user))
        error = _("Deze naam of dit wachtwoord klopt niet. Probeer het nog eens.")
    status = 400 if error or form.errors else 200
    return render_template("auth/login.html", form=form, error=error), status


def login_page_after_rate_limit():
    form = LoginForm(formdata=None, username=request.form.get("username", ""))
    error = _("Je hebt het vaak geprobeerd. Wacht een paar minuten en probeer het dan opnieuw.")
    return render_template("auth/login.html", form=form, error=error), 429


@bp.post("/logout")
@roles(*Role)
def logout():
    # Clear first: logout_user() leaves a flag in the session that deletes the remember cookie.
    session.clear()
    logout_user()
    response = redirect(url_for("auth.login", bye=1))
    # Wipes what this phone kept of her pages. Safari ignores it; app.js cleans up there too.
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.post("/taal")
@public
def choose_language():
    form = LanguageForm()
    lang = form.lang.data if form.validate_on_submit() else None
    if lang in LANGUAGES:
        session[SESSION_KEY] = lang
        if current_user.is_authenticated:
            accounts.set_language(current_user, lang)
    return redirect(safe_next(form.next.data) or url_for("auth.login"))


@bp.route("/uitnodiging", methods=["GET", "POST"])
@public
def invitation_code():
    """For those who got the code on paper or by voice: type it here."""
    form = CodeForm()
    error = None
    if form.validate_on_submit():
        try:
            invitation = access_codes.find_open_invitation(form.code.data)
            return redirect(url_for("auth.accept_invitation", code=invitation.code))
        except ServiceError as e:
            error = e.message
    return render_template("auth/invitation_code.html", form=form, error=error), (
        400 if error else 200
    )


@bp.route("/uitnodiging/<code>", methods=["GET", "POST"])
@public
def accept_invitation(code: str):
    try:
        invitation = access_codes.find_open_invitation(code)
    except ServiceError as e:
        return render_template("auth/invitation_problem.html", error=e.message), 404
    if current_user.is_authenticated and current_user.role == Role.PARTICIPANT:
        return render_template("auth/invitation_join.html", invitation=invitation)
    if SESSION_KEY not in session and request.method == "GET":
        return render_template("auth/invitation_language.html", invitation=invitation)
    form = SignupForm()
    error = None
    if form.validate_on_submit():
        try:
            user = access_codes.accept_invitation(
                code,
                form.username.data,
                form.password.data,
                form.display_name.data,
                session.get(SESSION_KEY, "nl"),
            )
        except ServiceError as e:
            error = e
        else:
            login_user(user, remember=True)
            session.pop(SESSION_KEY, None)
            session["warm_cache"] = user.role == Role.PARTICIPANT
            flash(_("Welkom bij Elke Stap, %(name)s! Fijn dat je er bent.", name=user.display_name))
            return redirect(home_for(user))
    status = 400 if error or form.errors else 200
    return render_template(
        "auth/invitation_signup.html", invitation=invitation, form=form, error=error
    ), status


@bp.post("/uitnodiging/<code>/groep")
@roles(Role.PARTICIPANT)
def join_group(code: str):
    try:
        access_codes.join_group_with_invitation(current_user, code)
    except ServiceError as e:
        return render_template("auth/invitation_problem.html", error=e.message), 400
    return redirect(url_for("home.index"))


@bp.route("/wachtwoord", methods=["GET", "POST"])
@public
def reset_password():
    form = ResetForm(code=request.args.get("code", ""))
    error = None
    if form.validate_on_submit():
        try:
            user = access_codes.redeem_reset_code(form.code.data, form.password.data)
        except ServiceError as e:
            error = e
        else:
            login_user(user, remember=True)
            # She may have forgotten her login name too: say it once, with the good news.
            flash(
                _(
                    "Je nieuwe wachtwoord is bewaard. Je naam om in te loggen is: %(username)s",
                    username=user.username,
                )
            )
            return redirect(home_for(user))
    status = 400 if error or form.errors else 200
    return render_template("auth/reset.html", form=form, error=error), status
