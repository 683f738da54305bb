"""Her home screen and the 'Meer' tab (language, name, password, logout)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.home import bp
from webapp.home.forms import NameForm, PasswordForm
from webapp.login_sessions import current_session, log_in
from webapp.models import Role
from webapp.navigation import unread_on_this_page
from webapp.security import roles
from webapp.services import ServiceError, accounts, agenda, materials
from webapp.services import plan as plans
from webapp.services.passwords import verify_password


@bp.get("/")
@roles(*Role)
def index():
    # Her account itself, not the proxy: each attribute read through `current_user` looks her
    # up again (a context lookup and a raised AttributeError each), and the cards read dozens.
    her = current_user._get_current_object()
    if her.role != Role.PARTICIPANT:
        return redirect(url_for("staff.index"))
    # Her home asks each feature it shows, in the order the cards appear.
    next_meeting, rsvp = agenda.next_meeting_and_rsvp(her)
    last = materials.last_meeting_card(her)
    return render_template(
        "home/index.html",
        unread=unread_on_this_page(her),
        next_meeting=next_meeting,
        rsvp=rsvp,
        last_meeting=last and last.meeting,
        last_homework_step=last and last.homework_step,
        reflection_invited=bool(last and last.reflection_invited),
        can_answer=next_meeting is not None and agenda.before_start(next_meeting),
        next_step=plans.next_step(her),
        just_done=_just_done(her),
        statuses=plans.STATUSES,
    )


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
            user, this_phone = current_user._get_current_object(), current_session()
            try:
                accounts.set_password(user, form.password.data)
            except ServiceError as e:
                form.password.errors.append(e.message)
            else:
                # Every session ended with the old password; this phone gets a new one.
                log_in(user, shared=this_phone.shared)
                flash(_("Je nieuwe wachtwoord is bewaard. Op andere telefoons ben je uitgelogd."))
                return redirect(url_for("home.more"))
    name_form = NameForm(display_name=current_user.display_name)
    return render_template("home/more.html", name_form=name_form, password_form=form), 400


def _just_done(her):
    """The step she just marked done from this page's card, to celebrate it."""
    step_uuid = request.args.get("gedaan")
    return plans.get_step(her, step_uuid) if step_uuid else None
