"""Her agenda: upcoming and past meetings, one meeting with everything to get there, her
answer in one tap, and the meetings in her own phone calendar."""

from datetime import timedelta

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from webapp.agenda import bp
from webapp.extensions import htmx
from webapp.home.summary import register_home_card
from webapp.models import Role, utcnow
from webapp.models.agenda import Meeting, NotComingReason
from webapp.navigation import MORE_LINKS
from webapp.offline import client_time, offline_mutation, report
from webapp.push_offer import offer_push
from webapp.security import found_or_404, public, roles
from webapp.services import ServiceError, agenda
from webapp.templating import OFFLINE_PAGES

# The list, and her next meeting in full: both on the phone right after login.
OFFLINE_PAGES.extend(["agenda.index", "agenda.next_meeting"])
MORE_LINKS.append(("agenda.calendar", _l("Bijeenkomsten in je telefoon-agenda")))

AGE_FIELDS = 4  # age boxes shown; more children may come, their ages are then unknown


def reason_choices() -> list[tuple[str, str]]:
    """Reasons she may choose to share when she does not come; never required."""
    return [
        (NotComingReason.NO_CHILDCARE.value, _("Ik heb geen opvang")),
        (NotComingReason.CHILD_ILL.value, _("Mijn kind is ziek")),
        (NotComingReason.ILL.value, _("Ik ben ziek")),
        (NotComingReason.APPOINTMENT.value, _("Ik heb een andere afspraak")),
        (NotComingReason.OTHER.value, _("Iets anders")),
    ]


def reason_label(reason: str | None) -> str:
    return dict(reason_choices()).get(reason or "", "")


def _meeting_or_404(meeting_id: int) -> Meeting:
    return found_or_404(agenda.get_meeting_for_participant(current_user, meeting_id))


def _rsvp_context(meeting: Meeting, error=None, form=None) -> dict:
    now = utcnow()
    return {
        "meeting": meeting,
        "rsvp": agenda.rsvp_of(current_user, meeting),
        "open": agenda.open_for_answers(meeting, now),
        "before_start": now < meeting.starts_at and not meeting.cancelled,
        "late_allowed": agenda.late_allowed(meeting, now) and not meeting.cancelled,
        "reason_label": reason_label,
        "reason_choices": reason_choices(),
        "age_fields": AGE_FIELDS,
        "max_children": agenda.MAX_CHILDREN,
        "max_age": agenda.MAX_AGE,
        "error": error,
        "form": form,
    }


@bp.get("")
@roles(Role.PARTICIPANT)
def index():
    upcoming = agenda.meetings_for_participant(current_user, upcoming=True)
    past = agenda.meetings_for_participant(current_user, upcoming=False)
    return render_template(
        "agenda/index.html",
        upcoming=upcoming,
        past=past,
        rsvps=agenda.rsvps_of(current_user, upcoming + past),
    )


def _meeting_page(meeting: Meeting):
    return render_template(
        "agenda/meeting.html",
        past=meeting.ends_at <= utcnow(),
        map_link=agenda.map_link(meeting),
        geo_link=agenda.geo_link(meeting),
        **_rsvp_context(meeting),
    )


@bp.get("/<int:meeting_id>")
@roles(Role.PARTICIPANT)
def meeting(meeting_id: int):
    return _meeting_page(_meeting_or_404(meeting_id))


@bp.get("/volgende")
@roles(Role.PARTICIPANT)
def next_meeting():
    """Her next meeting in full at a fixed address, so the phone keeps it after login."""
    meeting = agenda.next_meeting(current_user)
    if meeting is None:
        return index()
    return _meeting_page(meeting)


def _childcare_from_form() -> agenda.Childcare:
    if not request.form.get("childcare"):
        return agenda.Childcare()
    try:
        count = int(request.form.get("children") or 0)
    except ValueError:
        count = 0
    ages = agenda.parse_ages([request.form.get(f"age_{i}", "") for i in range(1, AGE_FIELDS + 1)])
    return agenda.Childcare(needed=True, count=count, ages=ages)


def _answer_moment():
    """Rules are checked at the moment she answered: an answer made offline before the start
    and sent later still counts (within a day; the phone's clock is not trusted beyond)."""
    now = utcnow()
    made = client_time()
    if made is not None and now - timedelta(days=1) <= made <= now:
        return made
    return now


@bp.post("/<int:meeting_id>/antwoord")
@roles(Role.PARTICIPANT)
@offline_mutation
def answer(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    moment = _answer_moment()
    previous = agenda.rsvp_of(current_user, meeting)
    if previous is not None and previous.answered_at > moment:
        # A later answer (from another phone, or sent earlier) already won.
        report("superseded", _("Je had daarna al een ander antwoord gegeven."))
        return _answered(meeting)
    try:
        agenda.answer_meeting(
            current_user,
            meeting.id,
            request.form.get("answer", ""),
            reason=request.form.get("reason") or None,
            childcare=_childcare_from_form(),
            now=moment,
        )
    except ServiceError as e:
        context = _rsvp_context(meeting, error=e.message, form=request.form)
        if htmx:
            # htmx swaps only 2xx answers: the message must reach her screen.
            return render_template("agenda/_rsvp.html", **context)
        return render_template(
            "agenda/meeting.html",
            past=meeting.ends_at <= utcnow(),
            map_link=agenda.map_link(meeting),
            geo_link=agenda.geo_link(meeting),
            **context,
        ), 422
    offer_push()  # reminders before the meeting help her now
    return _answered(meeting)


def _answered(meeting: Meeting):
    if htmx:
        return render_template("agenda/_rsvp.html", saved=True, **_rsvp_context(meeting))
    flash(_("Je antwoord is bewaard."))
    return redirect(url_for("agenda.meeting", meeting_id=meeting.id), code=303)


def _ics_response(body: bytes, filename: str) -> Response:
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-cache",
        },
    )


@bp.get("/<int:meeting_id>/bijeenkomst.ics")
@roles(Role.PARTICIPANT)
def meeting_ics(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    return _ics_response(agenda.to_ics([meeting], "Elke Stap"), f"bijeenkomst-{meeting.id}.ics")


@bp.get("/kalender")
@roles(Role.PARTICIPANT)
def calendar():
    return render_template("agenda/calendar.html", has_feed=agenda.has_feed(current_user))


@bp.post("/kalender")
@roles(Role.PARTICIPANT)
def new_calendar_link():
    token = agenda.create_feed(current_user)
    link = url_for("agenda.feed", token=token, _external=True)
    return render_template(
        "agenda/calendar.html",
        has_feed=True,
        link=link,
        webcal=link.replace("https://", "webcal://").replace("http://", "webcal://"),
    )


@bp.post("/kalender/stoppen")
@roles(Role.PARTICIPANT)
def stop_calendar_link():
    agenda.revoke_feeds(current_user)
    flash(_("Je agenda-link werkt niet meer. Je kunt altijd een nieuwe maken."))
    return redirect(url_for("agenda.calendar"), code=303)


@bp.get("/kalender/<token>.ics")
@public
def feed(token: str):
    """Her calendar app asks for this without logging in: the secret link is the key."""
    user = agenda.feed_owner(token)
    if user is None:
        abort(404)
    body = agenda.to_ics(agenda.feed_meetings(user), "Elke Stap")
    response = _ics_response(body, "elke-stap.ics")
    response.headers["Content-Disposition"] = 'inline; filename="elke-stap.ics"'
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _home_card(user):
    if user.role != Role.PARTICIPANT:
        return None
    meeting, rsvp = agenda.next_meeting_and_rsvp(user)
    if meeting is None:
        return None
    return {"template": "agenda/_home_card.html", "meeting": meeting, "rsvp": rsvp}


register_home_card("next_meeting", _home_card)
