"""Her agenda: upcoming and past meetings, one meeting with everything to get there, her
answer in one tap, and the meetings in her own phone calendar."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.agenda import bp
from webapp.extensions import htmx
from webapp.models import Role, utcnow
from webapp.models.agenda import Meeting
from webapp.offline import client_time, offline_mutation, report
from webapp.push_offer import offer_push
from webapp.security import fetched_for_a_person, found_or_404, public, roles
from webapp.services import ServiceError, agenda, materials
from webapp.templating import current_language

AGE_FIELDS = 4  # age boxes shown; more children may come, their ages are then unknown


def reason_choices() -> list[tuple[str, str]]:
    """Reasons she may choose to share when she does not come; never required."""
    return [(value, str(label)) for value, label in agenda.REASONS.items()]


def reason_label(reason: str | None) -> str:
    return str(agenda.REASONS.get(reason or "", ""))


def _meeting_or_404(meeting_id: int) -> Meeting:
    return found_or_404(agenda.get_meeting_for_participant(current_user, meeting_id))


def _rsvp_context(meeting: Meeting, error=None, form=None) -> dict:
    now = utcnow()
    return {
        "meeting": meeting,
        "rsvp": agenda.rsvp_of(current_user, meeting),
        "open": agenda.open_for_answers(meeting, now),
        "before_start": agenda.before_start(meeting, now),
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
    """Her next meetings, a page at a time; below the first page, the latest past ones."""
    upcoming = agenda.upcoming_meetings(current_user, request.args.get("pagina", 1, type=int))
    past = None
    if not upcoming.has_previous:
        past = agenda.past_meetings(current_user, per_page=agenda.PAST_ON_AGENDA)
    return render_template(
        "agenda/index.html",
        upcoming=upcoming,
        past=past,
        rsvps=agenda.rsvps_of(current_user, upcoming.items),
    )


@bp.get("/eerder")
@roles(Role.PARTICIPANT)
def past():
    return render_template(
        "agenda/past.html",
        page=agenda.past_meetings(current_user, request.args.get("pagina", 1, type=int)),
    )


def _shared_materials(meeting: Meeting) -> dict:
    """What the trainster shared for this meeting, in her language, and the session pack she
    can keep on her phone (its files and their size). Texts without a file count as opened
    when she opens the page (files count when she opens them)."""
    found = materials.meeting_materials(current_user, meeting)
    if fetched_for_a_person():
        materials.record_opened(current_user, [m for m in found if not m.files])
    shown = materials.shown(found, current_language())
    files = [item.file for item in shown if item.file is not None]
    pack = None
    if files:
        pack = {
            "id": meeting.id,
            "title": meeting.text_in("title", current_language()),
            "page": url_for("agenda.meeting", meeting_id=meeting.id),
            "files": [url_for("materials.file", file_id=f.id) for f in files],
            "bytes": sum(f.size for f in files),
        }
    return {"shared": shown, "pack": pack}


def _her_reflection(meeting: Meeting, past: bool) -> dict:
    """Her own look back, offered after a meeting she came to."""
    if not past or not materials.she_came(current_user, meeting, utcnow()):
        return {"reflection_offered": False}
    reflection = materials.reflection_of(current_user, meeting)
    return {
        "reflection_offered": True,
        "reflection": reflection,
        "reflection_step": materials.reflection_step(current_user, reflection),
    }


def _meeting_page(meeting: Meeting, status: int = 200, context: dict | None = None):
    past = meeting.ends_at <= utcnow()
    return render_template(
        "agenda/meeting.html",
        past=past,
        came=past and agenda.came_to(current_user, meeting),
        map_link=agenda.map_link(meeting),
        geo_link=agenda.geo_link(meeting),
        **_shared_materials(meeting),
        homework_step=materials.homework_step(current_user, meeting) if meeting.homework else None,
        back_to="meeting",
        **_her_reflection(meeting, past),
        **(context or _rsvp_context(meeting)),
    ), status


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


@bp.get("/vorige")
@roles(Role.PARTICIPANT)
def last_meeting():
    """Her last meeting with a recap or homework at a fixed address, kept on her phone after
    login so she can read it without internet."""
    meeting = materials.last_meeting(current_user)
    if meeting is None:
        return index()
    return _meeting_page(meeting)


def _childcare_from_form() -> agenda.Childcare | None:
    """The follow-up "Neem je kinderen mee?" sends how many (0: none) and their ages. The
    answer buttons alone send neither: her childcare then stays as it was."""
    if "children" not in request.form:
        return None
    try:
        count = max(0, int(request.form.get("children") or 0))
    except ValueError:
        count = 0
    if count == 0:
        return agenda.Childcare()
    fields = min(count, AGE_FIELDS)
    ages = agenda.parse_ages([request.form.get(f"age_{i}", "") for i in range(1, fields + 1)])
    return agenda.Childcare(needed=True, count=count, ages=ages)


@bp.post("/<int:meeting_id>/antwoord")
@roles(Role.PARTICIPANT)
@offline_mutation
def answer(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    try:
        outcome = agenda.answer_meeting(
            current_user,
            meeting.id,
            request.form.get("answer", ""),
            reason=request.form.get("reason") or None,
            childcare=_childcare_from_form(),
            at=client_time(),
        )
    except ServiceError as e:
        context = _rsvp_context(meeting, error=e.message, form=request.form)
        if htmx:
            # htmx swaps only 2xx answers: the message must reach her screen.
            return render_template("agenda/_rsvp.html", **context)
        return _meeting_page(meeting, 422, context)
    if outcome.lost_to_later_change:
        # A later answer (from another phone, or sent earlier) already won.
        report("superseded", _("Je gaf daarna al een ander antwoord. Dat antwoord blijft staan."))
        return _answered(meeting)
    offer_push()  # reminders before the meeting help her now
    return _answered(meeting)


def _answered(meeting: Meeting):
    if request.form.get("back") == "home":
        return redirect(url_for("home.index"), code=303)  # answered from her home's card
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
