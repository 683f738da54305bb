"""Login, logout, language choice, invitations and reset codes."""

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user

from webapp import login_devices
from webapp.auth import bp
from webapp.auth.forms import CodeForm, LanguageForm, LoginForm, ResetForm, SignupForm
from webapp.extensions import limiter
from webapp.i18n import LANGUAGES, SESSION_KEY
from webapp.login_sessions import log_in, log_out, logged_out
from webapp.models import Role
from webapp.security import public, roles
from webapp.services import ServiceError, access_codes, accounts
from webapp.services.access_codes import normalise_code


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


def _typed_login() -> str:
    return accounts.normalise_username(request.form.get("username"))


def _on_a_phone_she_used() -> bool:
    """This phone logged in before as the account typed (`webapp/login_devices.py`)."""
    return login_devices.known_phone(_typed_login()) is not None


def address_and_login_key() -> str:
    """Failed logins counted per address and login name together: ten mothers on the buurthuis
    Wi-Fi do not share one count, and someone guessing elsewhere cannot lock her out. On a
    phone she logged in on before they count in that phone's own bucket, so nobody else's
    guesses, on her Wi-Fi or behind the same proxy, lock her out of it."""
    name = _typed_login()
    return login_devices.known_phone(name) or f"{get_remote_address()}|{name}"


def code_prefix_key() -> str:
    """Code guesses counted per code beginning (from any address): a code half seen over a
    shoulder cannot be finished by trying the rest."""
    typed = request.form.get("code") or (request.view_args or {}).get("code") or ""
    return "code:" + normalise_code(typed)[:4]


def refused(response) -> bool:
    """Only what failed counts towards a limit: a login that works, or a code that opens its
    page, costs nothing."""
    return response.status_code >= 400


def _login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _address_rate_limit() -> str:
    return current_app.config["LOGIN_ADDRESS_RATE_LIMIT"]


def _code_rate_limit() -> str:
    return current_app.config["CODE_RATE_LIMIT"]


# Failed tries only: per (address, login name), and a wider bound per address; on a phone she
# logged in on before, per (phone, account) alone.
login_limits = limiter.shared_limit(
    _login_rate_limit, "login", methods=["POST"], key_func=address_and_login_key,
    deduct_when=refused,
)  # fmt: skip
address_limits = limiter.shared_limit(
    _address_rate_limit, "address", methods=["POST"], deduct_when=refused,
    exempt_when=_on_a_phone_she_used,
)  # fmt: skip
# Invitation and reset codes: wrong codes per address, and per code beginning.
code_limits = limiter.shared_limit(_code_rate_limit, "codes", deduct_when=refused)
code_prefix_limits = limiter.shared_limit(
    _code_rate_limit, "code-prefix", key_func=code_prefix_key, deduct_when=refused
)


@bp.route("/login", methods=["GET", "POST"])
@public
@login_limits
@address_limits
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm(next=request.args.get("next", ""))
    error = None
    if form.validate_on_submit():
        user = accounts.authenticate(form.username.data, form.password.data)
        if user is not None:
            log_in(user, shared=form.shared.data)
            # A shared phone keeps only the pages she opens, not all of them in advance.
            session["warm_cache"] = user.role == Role.PARTICIPANT and not form.shared.data
            return redirect(safe_next(form.next.data) or home_for(user))
        error = _("Deze naam of dit wachtwoord klopt niet. Probeer het nog eens.")
    status = 400 if error or form.errors else 200
    return render_template("auth/login.html", form=form, error=error), status


def login_page_after_rate_limit():
    form = LoginForm(formdata=None, username=request.form.get("username", ""))
    if _on_a_phone_she_used():  # her own tries on this phone
        error = _("Je hebt het vaak geprobeerd. Wacht een paar minuten en probeer het dan opnieuw.")
    else:  # perhaps someone else's tries: the phone she logged in on before still gets in
        error = _(
            "Er is hier vaak een verkeerd wachtwoord geprobeerd, misschien niet door jou. Log in "
            "op de telefoon die je meestal gebruikt. Of probeer het over een paar minuten opnieuw."
        )
    return render_template("auth/login.html", form=form, error=error), 429


@bp.post("/logout")
@roles(*Role)
def logout():
    log_out()
    return logged_out(url_for("auth.login", bye=1))


@bp.post("/taal")
@public
def choose_language():
    form = LanguageForm()
    lang = form.lang.data if form.validate_on_submit() else None
    if lang in LANGUAGES:
        session[SESSION_KEY] = lang
        if current_user.is_authenticated:
            accounts.set_language(current_user, lang)
            # Her pages on the phone (and its offline page) are in the old language: fetch
            # them again, as right after login.
            session["warm_cache"] = current_user.role == Role.PARTICIPANT
    return redirect(safe_next(form.next.data) or url_for("auth.login"))


@bp.route("/uitnodiging", methods=["GET", "POST"])
@public
@code_limits
@code_prefix_limits
def invitation_code():
    """For those who got the code on paper or by voice: type it here."""
    form = CodeForm()
    error = None
    if form.validate_on_submit():
        try:
            access_codes.find_open_invitation(form.code.data)  # a friendly reason if not
            # She read this page and typed her code in it: that is her language, no need to
            # ask again on the next screen (the sign-up page still lets her change it).
            session.setdefault(SESSION_KEY, str(get_locale()))
            return redirect(url_for("auth.accept_invitation", code=normalise_code(form.code.data)))
        except ServiceError as e:
            error = e.message
    return render_template("auth/invitation_code.html", form=form, error=error), (
        400 if error else 200
    )


@bp.route("/uitnodiging/<code>", methods=["GET", "POST"])
@public
@code_limits
@code_prefix_limits
def accept_invitation(code: str):
    try:
        invitation = access_codes.find_open_invitation(code)
    except ServiceError as e:
        return render_template("auth/invitation_problem.html", error=e.message), 404
    if current_user.is_authenticated and current_user.role == Role.PARTICIPANT:
        return render_template("auth/invitation_join.html", invitation=invitation, code=code)
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
            log_in(user)
            session["warm_cache"] = user.role == Role.PARTICIPANT
            # Not "fijn dat je er bent": her home says that already, right below.
            flash(_("Welkom bij Elke Stap, %(name)s!", name=user.display_name))
            return redirect(home_for(user))
    status = 400 if error or form.errors else 200
    return render_template(
        "auth/invitation_signup.html", invitation=invitation, form=form, error=error
    ), status


@bp.post("/uitnodiging/<code>/groep")
@roles(Role.PARTICIPANT)
@code_limits
@code_prefix_limits
def join_group(code: str):
    try:
        access_codes.join_group_with_invitation(current_user, code)
    except ServiceError as e:
        return render_template("auth/invitation_problem.html", error=e.message), 400
    return redirect(url_for("home.index"))


@bp.route("/wachtwoord", methods=["GET", "POST"])
@public
@code_limits
@code_prefix_limits
def reset_password():
    """A new password with the code from her projectmedewerker and her login name: a right code
    with a wrong name is a wrong code (the same words, counted by the same limits). On a mistake
    she gets back her name and code as she typed them, to compare with her note."""
    form = ResetForm(code=request.args.get("code", ""))
    error = None
    if form.validate_on_submit():
        try:
            user = access_codes.redeem_reset_code(
                form.username.data, form.code.data, form.password.data
            )
        except ServiceError as e:
            error = e
        else:
            log_in(user)
            flash(_("Je nieuwe wachtwoord is bewaard. Op andere telefoons ben je uitgelogd."))
            return redirect(home_for(user))
    status = 400 if error or form.errors else 200
    return render_template("auth/reset.html", form=form, error=error), status


def reset_page_after_rate_limit():
    """Too many wrong tries: the form again, with her name and code still in it."""
    form = ResetForm(
        formdata=None,
        username=request.form.get("username", ""),
        code=request.form.get("code") or request.args.get("code", ""),
    )
    error = _("Je hebt het vaak geprobeerd. Wacht een paar minuten en probeer het dan opnieuw.")
    return render_template("auth/reset.html", form=form, error=error), 429
