"""Her inbox (Berichten) and her notification settings. The push endpoints are in
`push_views`, the staff's message page in `staff_views`."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.forms import EmptyForm
from webapp.models import Role
from webapp.models.reminders import ReminderKind
from webapp.navigation import unread_on_this_page
from webapp.offline import client_time, offline_mutation, report_outcome
from webapp.reminders import bp
from webapp.reminders.forms import SettingsForm
from webapp.security import fetched_for_a_person, found_or_404, roles
from webapp.services import ServiceError
from webapp.services import push as push_service
from webapp.services import reminders as service
from webapp.templating import current_language

# --- Her inbox ------------------------------------------------------------------------------


@bp.get("/inbox")
@roles(*Role)
def inbox():
    if current_user.role != Role.PARTICIPANT:
        return redirect(url_for("reminders.staff_messages"))
    page = service.inbox_page(current_user, request.args.get("pagina", 1, type=int))
    return render_template(
        "reminders/inbox.html",
        items=[(r, *service.render_text(r, m), _body_language(m)) for r, m in page.items],
        page=page,
        unread=unread_on_this_page(current_user),
        button_form=EmptyForm(),
        push_ready=push_service.public_key() is not None,
    )


@bp.post("/inbox/gelezen")
@roles(Role.PARTICIPANT)
@offline_mutation
def read_all():
    _check_button()
    service.mark_all_read(current_user, until=client_time())
    return redirect(url_for("reminders.inbox"))


def _body_language(message) -> str | None:
    """A staff message not translated into her language is shown in Dutch: say so, for the
    screen reader's voice and the text direction."""
    return message.language_in("body", current_language()) if message is not None else None


def _check_button() -> None:
    """A bare button still carries the CSRF token; without it the request is refused."""
    if not EmptyForm().validate_on_submit():
        abort(400)


def _own_or_404(reminder_id: int):
    return found_or_404(service.get_reminder(current_user, reminder_id))


@bp.get("/inbox/<int:reminder_id>")
@roles(Role.PARTICIPANT)
def item(reminder_id: int):
    reminder = _own_or_404(reminder_id)
    if fetched_for_a_person():  # not when her phone keeps it for later (sw.js)
        service.mark_read(reminder)
    message = service.message_of(reminder)
    title, body = service.render_text(reminder, message)
    return render_template(
        "reminders/item.html",
        reminder=reminder,
        title=title,
        body=body,
        body_lang=_body_language(message),
        target=service.target_url(reminder),
        button_form=EmptyForm(),
    )


@bp.get("/inbox/<int:reminder_id>/open")
@roles(Role.PARTICIPANT)
def open(reminder_id: int):  # noqa: A001 - the URL a notification opens
    reminder = _own_or_404(reminder_id)
    service.mark_read(reminder)
    if reminder.kind in (ReminderKind.MESSAGE, ReminderKind.MEETING_WEEK):
        return redirect(url_for("reminders.item", reminder_id=reminder.id))
    return redirect(service.target_url(reminder))


@bp.post("/inbox/<int:reminder_id>/antwoord")
@roles(Role.PARTICIPANT)
@offline_mutation
def answer(reminder_id: int):
    reminder = _own_or_404(reminder_id)
    _check_button()
    try:
        outcome = service.answer_childcare(
            current_user, reminder, request.form.get("answer", ""), at=client_time()
        )
    except ServiceError as e:
        flash(e.message)
    else:
        report_outcome(outcome)
        flash(_("Dank je, je antwoord is bewaard."))
    return redirect(url_for("reminders.item", reminder_id=reminder.id))


# --- Her settings ---------------------------------------------------------------------------


@bp.route("/inbox/instellingen", methods=["GET", "POST"])
@roles(Role.PARTICIPANT)
@offline_mutation
def settings():
    current = service.get_settings(current_user)
    form = SettingsForm(obj=current)
    if form.validate_on_submit():
        outcome = service.save_settings(
            current_user,
            push_enabled=form.push_enabled.data,
            quiet_start=form.quiet_start.data,
            quiet_end=form.quiet_end.data,
            lock_screen=form.lock_screen.data,
            at=client_time(),
        )
        report_outcome(outcome)
        flash(_("Je keuzes zijn bewaard."))
        return redirect(url_for("reminders.settings"))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "reminders/settings.html",
        form=form,
        devices=service.subscription_count(current_user),
        push_ready=push_service.public_key() is not None,
        button_form=EmptyForm(),
    ), status


@bp.post("/inbox/instellingen/telefoons-vergeten")
@roles(Role.PARTICIPANT)
@offline_mutation
def forget_devices():
    _check_button()
    service.delete_subscription(current_user)
    flash(_("Geen enkele telefoon krijgt nu nog meldingen. Je berichten blijven in Berichten."))
    return redirect(url_for("reminders.settings"))
