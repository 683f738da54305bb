"""Her home screen and the 'Meer' tab (language, name, password, logout)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.home import bp
from webapp.home.forms import NameForm, PasswordForm
from webapp.home.summary import home_summary
from webapp.models import Role
from webapp.security import roles
from webapp.services import ServiceError, accounts
from webapp.services.passwords import verify_password


@bp.get("/")
@roles(*Role)
def index():
    if current_user.role != Role.PARTICIPANT:
        return redirect(url_for("staff.index"))
    return render_template("home/index.html", summary=home_summary(current_user))


@bp.get("/meer")
@roles(*Role)
def more():
    return render_template(
        "home/more.html",
        name_form=NameForm(display_name=current_user.display_name),
        password_form=PasswordForm(),
    )


@bp.post("/meer/naam")
@roles(*Role)
def change_name():
    form = NameForm()
    if form.validate_on_submit():
        try:
            accounts.set_display_name(current_user, form.display_name.data)
        except ServiceError as e:
            form.display_name.errors.append(e.message)
        else:
            flash(_("Je naam is bewaard."))
            return redirect(url_for("home.more"))
    return render_template("home/more.html", name_form=form, password_form=PasswordForm()), 400


@bp.post("/meer/wachtwoord")
@roles(*Role)
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current.data):
            form.current.errors.append(_("Dit is niet je huidige wachtwoord."))
        else:
            try:
                accounts.set_password(current_user, form.password.data)
            except ServiceError as e:
                form.password.errors.append(e.message)
            else:
                flash(_("Je nieuwe wachtwoord is bewaard."))
                return redirect(url_for("home.more"))
    name_form = NameForm(display_name=current_user.display_name)
    return render_template("home/more.html", name_form=name_form, password_form=form), 400
