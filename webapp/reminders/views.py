"""Her inbox, her notification settings, the push subscription endpoints, and the page where a
projectmedewerker writes a message."""

from flask import abort, flash, g, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectChoice

from webapp import navigation, templating
from webapp.extensions import csrf
from webapp.models import Role
from webapp.models.reminders import ReminderKind
from webapp.push_offer import SESSION_FLAG
from webapp.reminders import bp
from webapp.reminders.forms import EmptyForm, MessageForm, SettingsForm
from webapp.security import STAFF_ROLES, public, roles
from webapp.services import ServiceError, accounts
from webapp.services import push as push_service
from webapp.services import reminders as service


class InboxLabel:
    """The 'Berichten' link on the Meer tab, with her unread count."""

    def __str__(self) -> str:
        if current_user.is_authenticated and current_user.role == Role.PARTICIPANT:
            count = service.unread_count(current_user)
            if count:
                return _("Berichten (%(n)d nieuw)", n=count)
        return _("Berichten")


if not any(endpoint == "reminders.inbox" for endpoint, _label in navigation.MORE_LINKS):
    navigation.MORE_LINKS.append(("reminders.inbox", InboxLabel()))
    navigation.MORE_LINKS.append(("reminders.settings", _l("Meldingen")))
if "reminders.inbox" not in templating.OFFLINE_PAGES:
    templating.OFFLINE_PAGES.append("reminders.inbox")
templating.EXTRA_JS_STRINGS.update(
    {
        "pushOffer": _l("Wil je een seintje op je telefoon als er iets voor je klaarstaat?"),
        "pushOfferYes": _l("Ja, meldingen aan"),
        "pushIos": _l(
            "Meldingen op een iPhone: zet Elke Stap eerst op je beginscherm. Tik op Deel en dan op 'Zet op beginscherm'."
        ),
        "pushOn": _l("Meldingen staan aan op deze telefoon."),
        "pushDenied": _l(
            "Je telefoon staat meldingen van Elke Stap niet toe. Je berichten staan altijd in Berichten."
        ),
    }
)


@bp.record_once
def _listen_to_agenda(state) -> None:
    try:
        from webapp.services import agenda
    except ImportError:  # no agenda here
        return
    listeners = getattr(agenda, "MEETING_CHANGE_LISTENERS", None)
    if listeners is not None and service.meeting_changed not in listeners:
        listeners.append(service.meeting_changed)


@bp.after_app_request
def _offer_push_header(response):
    if getattr(g, "offer_push", False) and request.headers.get("HX-Request"):
        response.headers["ES-Offer-Push"] = "1"
        session.pop(SESSION_FLAG, None)
    return response


@bp.app_context_processor
def _push_globals():
    def push_script_data() -> dict:
        if not (current_user.is_authenticated and current_user.role == Role.PARTICIPANT):
            return {}
        return {
            "key": push_service.public_key() or "",
            "offer": "1" if session.pop(SESSION_FLAG, False) else "",
        }

    return {"push_script_data": push_script_data}


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
        items=[(r, *service.render_text(r, messages.get(r.id))) for r in items],
        button_form=EmptyForm(),
        push_ready=push_service.public_key() is not None,
    )


@bp.post("/inbox/gelezen")
@roles(Role.PARTICIPANT)
def read_all():
    if not EmptyForm().validate_on_submit():
        abort(400)
    service.mark_all_read(current_user)
    return redirect(url_for("reminders.inbox"))


def _own_or_404(reminder_id: int):
    reminder = service.get_reminder(current_user, reminder_id)
    if reminder is None:
        abort(404)
    return reminder


@bp.get("/inbox/<int:reminder_id>")
@roles(Role.PARTICIPANT)
def item(reminder_id: int):
    reminder = _own_or_404(reminder_id)
    service.mark_read(reminder)
    title, body = service.render_text(reminder, service.message_of(reminder))
    return render_template(
        "reminders/item.html",
        reminder=reminder,
        title=title,
        body=body,
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
    if not EmptyForm().validate_on_submit():
        abort(400)
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
    if not EmptyForm().validate_on_submit():
        abort(400)
    service.delete_subscription(current_user)
    flash(_("Geen enkele telefoon krijgt nu nog meldingen. Je berichten blijven in Berichten."))
    return redirect(url_for("reminders.settings"))


# --- Push subscriptions (JSON, from push.js) ---------------------------------------------------


@bp.get("/push/key")
@public
def vapid_key():
    return jsonify(key=push_service.public_key())


@bp.post("/push/subscriptions")
@roles(Role.PARTICIPANT)
def subscribe():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify(error="json expected"), 400
    try:
        service.save_subscription(current_user, data)
    except ServiceError as e:
        return jsonify(error=str(e.message)), 400
    return jsonify(ok=True), 201


@bp.post("/push/subscriptions/renew")
@public
@csrf.exempt
def renew():
    """From the service worker on `pushsubscriptionchange`: it has no page and so no CSRF
    token. The old endpoint (a secret URL only her browser knew) says whose it is."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("subscription"), dict):
        return jsonify(error="json expected"), 400
    try:
        renewed = service.renew_subscription(
            str(data.get("oldEndpoint") or ""), data["subscription"]
        )
    except ServiceError as e:
        return jsonify(error=str(e.message)), 400
    return (jsonify(ok=True), 201) if renewed else (jsonify(error="unknown"), 404)


@bp.delete("/push/subscriptions")
@roles(*Role)
def unsubscribe():
    data = request.get_json(silent=True) or {}
    endpoint = data.get("endpoint") if isinstance(data, dict) else None
    if not endpoint:
        return jsonify(error="endpoint expected"), 400
    removed = service.delete_subscription(current_user, str(endpoint))
    return jsonify(removed=removed)


# --- Staff: write a message ---------------------------------------------------------------


def _audiences(staff) -> list[SelectChoice]:
    choices = []
    for group in accounts.groups_for_staff(staff):
        choices.append(
            SelectChoice(f"group:{group.id}", _("Iedereen in %(group)s", group=group.name))
        )
    for meeting in _upcoming_meetings(staff):
        when = meeting.starts_at
        label = f"{meeting.title} ({when:%d-%m})"
        choices.append(SelectChoice(f"meeting:{meeting.id}", _("Uitgenodigd voor %(m)s", m=label)))
        choices.append(
            SelectChoice(f"no_answer:{meeting.id}", _("Nog geen antwoord op %(m)s", m=label))
        )
    return choices


def _upcoming_meetings(staff) -> list:
    try:
        from webapp.services import agenda
    except ImportError:
        return []
    try:
        return list(agenda.meetings_for_staff(staff))[:20]
    except Exception:  # their API may differ; messages to groups still work
        return []


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
                translations={
                    lang: getattr(form, f"body_{lang}").data for lang in ("ar", "pl", "tr", "en")
                },
                group=group,
                meeting=meeting,
            )
        except ServiceError as e:
            form.body.errors.append(e.message)
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
