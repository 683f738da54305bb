"""The page where a projectmedewerker writes a message to a group or a meeting's
participants, and sees how many got and opened it."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectChoice

from webapp.forms import versions_from
from webapp.i18n import format_date
from webapp.reminders import bp
from webapp.reminders.forms import MessageForm
from webapp.security import STAFF_ROLES, roles
from webapp.services import ServiceError, accounts, agenda
from webapp.services import reminders as service


def _audiences(staff) -> list[SelectChoice]:
    choices = []
    for group in accounts.groups_for_staff(staff):
        choices.append(
            SelectChoice(f"group:{group.id}", _("Iedereen in %(group)s", group=group.name))
        )
    for meeting in _upcoming_meetings(staff):
        label = f"{meeting.title} ({format_date(meeting.starts_at, 'd MMM')})"
        choices.append(SelectChoice(f"meeting:{meeting.id}", _("Uitgenodigd voor %(m)s", m=label)))
        choices.append(
            SelectChoice(f"no_answer:{meeting.id}", _("Nog geen antwoord op %(m)s", m=label))
        )
    return choices


def _upcoming_meetings(staff) -> list:
    """Meetings that will take place: a cancelled one has nobody left to write to."""
    return [m for m in agenda.meetings_for_staff(staff) if not m.cancelled][:20]


def _resolve_audience(staff, value: str):
    kind, _sep, ident = (value or "").partition(":")
    if not ident.isdigit():
        raise ServiceError(_l("Kies aan wie je het bericht stuurt."), "audience")
    if kind == "group":
        group = accounts.get_group_for_staff(staff, int(ident))
        if group is None:
            abort(404)
        return "group", group, None
    if kind in ("meeting", "no_answer"):
        from webapp.services import agenda

        meeting = agenda.get_meeting_for_staff(staff, int(ident))
        if meeting is None:
            abort(404)
        return kind, None, meeting
    raise ServiceError(_l("Kies aan wie je het bericht stuurt."), "audience")


@bp.route("/medewerker/berichten", methods=["GET", "POST"])
@roles(*STAFF_ROLES)
def staff_messages():
    form = MessageForm()
    form.audience.choices = _audiences(current_user)
    if form.validate_on_submit():
        try:
            audience, group, meeting = _resolve_audience(current_user, form.audience.data)
            message = service.send_staff_message(
                current_user,
                audience,
                form.body.data,
                translations=versions_from(form, "body"),
                group=group,
                meeting=meeting,
            )
        except ServiceError as e:
            getattr(form, e.field or "body", form.body).errors.append(e.message)
        else:
            if service.redis_url():
                service.send_due()
            flash(_("Je bericht is verstuurd. Het staat nu in hun Berichten."))
            return redirect(url_for("reminders.staff_message", message_id=message.id))
    messages = service.messages_for_staff(current_user)
    return render_template(
        "reminders/staff_messages.html",
        form=form,
        messages=[(m, service.message_counts(m)) for m in messages],
    ), (400 if request.method == "POST" else 200)


@bp.get("/medewerker/berichten/<int:message_id>")
@roles(*STAFF_ROLES)
def staff_message(message_id: int):
    message = next(
        (m for m in service.messages_for_staff(current_user, limit=1000) if m.id == message_id),
        None,
    )
    if message is None:
        abort(404)
    return render_template(
        "reminders/staff_message.html", message=message, counts=service.message_counts(message)
    )
