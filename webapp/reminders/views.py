"""Her inbox (Berichten) and her notification settings. The push endpoints are in
`push_views`, the staff's message page in `staff_views`."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from webapp import navigation, templating
from webapp.home.summary import register_home_card
from webapp.models import Role
from webapp.models.reminders import ReminderKind
from webapp.reminders import bp
from webapp.reminders.forms import EmptyForm, SettingsForm
from webapp.security import found_or_404, roles
from webapp.services import ServiceError
from webapp.services import push as push_service
from webapp.services import reminders as service
from webapp.templating import current_language


def unread_on_this_page(user) -> int:
    """Her unread count, counted once per request: the tab badge, the home card and the Meer
    link all show it."""
    counts = g.setdefault("unread_counts", {})
    if user.id not in counts:
        counts[user.id] = service.unread_count(user)
    return counts[user.id]


class InboxLabel:
    """The 'Berichten' link on the Meer tab, with her unread count."""

    def __str__(self) -> str:
        if current_user.is_authenticated and current_user.role == Role.PARTICIPANT:
            count = unread_on_this_page(current_user)
            if count:
                return _("Berichten (%(n)d nieuw)", n=count)
        return _("Berichten")


if not any(endpoint == "reminders.inbox" for endpoint, _label in navigation.MORE_LINKS):
    navigation.MORE_LINKS.append(("reminders.inbox", InboxLabel()))
    navigation.MORE_LINKS.append(("reminders.settings", _l("Meldingen")))
if "reminders.inbox" not in templating.OFFLINE_PAGES:
    templating.OFFLINE_PAGES.append("reminders.inbox")
# Unread messages show on the Meer tab and as a card on her home, not only inside Meer.
navigation.TAB_BADGES["home.more"] = unread_on_this_page


def _messages_card(user) -> dict | None:
    count = unread_on_this_page(user)
    return {"template": "reminders/_home_card.html", "count": count} if count else None


register_home_card("messages", _messages_card)


@bp.record_once
def _listen_to_agenda(state) -> None:
    try:
        from webapp.services import agenda
    except ImportError:  # no agenda here
        return
    listeners = getattr(agenda, "MEETING_CHANGE_LISTENERS", None)
    if listeners is not None and service.meeting_changed not in listeners:
        listeners.append(service.meeting_changed)


# --- Her inbox ------------------------------------------------------------------------------


@bp.get("/inbox")
@roles(*Role)
def inbox():
    if current_user.role != Role.PARTICIPANT:
        return redirect(url_for("reminders.staff_messages"))
    items = service.inbox(current_user)
    messages = {r.id: service.message_of(r) for r in items if r.kind == ReminderKind.MESSAGE}
    return render_template(
        "reminders/inbox.html",
        items=[
            (r, *service.render_text(r, messages.get(r.id)), _body_language(messages.get(r.id)))
            for r in items
        ],
        button_form=EmptyForm(),
        push_ready=push_service.public_key() is not None,
    )


@bp.post("/inbox/gelezen")
@roles(Role.PARTICIPANT)
def read_all():
    _check_button()
    service.mark_all_read(current_user)
    return redirect(url_for("reminders.inbox"))


def _body_language(message) -> str | None:
    """A staff message not translated into her language is shown in Dutch: say so, for the
    screen reader's voice and the text direction."""
    return message.language_for(current_language()) if message is not None else None


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
def answer(reminder_id: int):
    reminder = _own_or_404(reminder_id)
    _check_button()
    try:
        service.answer_childcare(current_user, reminder, request.form.get("answer", ""))
    except ServiceError as e:
        flash(e.message)
    else:
        flash(_("Dank je, je antwoord is bewaard."))
    return redirect(url_for("reminders.item", reminder_id=reminder.id))


# --- Her settings ---------------------------------------------------------------------------


@bp.route("/inbox/instellingen", methods=["GET", "POST"])
@roles(Role.PARTICIPANT)
def settings():
    current = service.get_settings(current_user)
    form = SettingsForm(obj=current)
    if form.validate_on_submit():
        service.save_settings(
            current_user,
            push_enabled=form.push_enabled.data,
            quiet_start=form.quiet_start.data,
            quiet_end=form.quiet_end.data,
            lock_screen=form.lock_screen.data,
        )
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
def forget_devices():
    _check_button()
    service.delete_subscription(current_user)
    flash(_("Geen enkele telefoon krijgt nu nog meldingen. Je berichten blijven in Berichten."))
    return redirect(url_for("reminders.settings"))
