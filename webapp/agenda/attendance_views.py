"""Who came: the medewerker or the trainster ticks it after the meeting has started, also on a
phone without internet (the outbox sends it later)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.agenda import staff_bp as bp
from webapp.forms import EmptyForm
from webapp.models import Role, utcnow
from webapp.offline import client_time, offline_mutation, report_outcome
from webapp.security import found_or_404, roles
from webapp.services import ServiceError, agenda

TICKING_ROLES = (Role.STAFF, Role.TRAINER, Role.ADMIN)


def _ids(name: str) -> set[int]:
    return {int(v) for v in request.form.getlist(name) if v.isdigit() and len(v) < 12}


def _page(meeting, error=None, status=200):
    return render_template(
        "agenda/staff_attendance.html",
        meeting=meeting,
        rows=agenda.attendance_list(meeting),
        open=agenda.may_tick(meeting, utcnow()),
        error=error,
        form=EmptyForm(),
    ), status


@bp.get("/<int:meeting_id>/aanwezig")
@roles(*TICKING_ROLES)
def attendance(meeting_id: int):
    return _page(found_or_404(agenda.get_meeting_for_staff(current_user, meeting_id)))


@bp.post("/<int:meeting_id>/aanwezig")
@roles(*TICKING_ROLES)
@offline_mutation
def record_attendance(meeting_id: int):
    meeting = found_or_404(agenda.get_meeting_for_staff(current_user, meeting_id))
    try:
        outcome = agenda.record_attendance(
            current_user,
            meeting.id,
            came=_ids("came"),
            shown_present=_ids("shown"),
            listed=_ids("listed"),
            at=client_time(),
        )
    except ServiceError as e:
        return _page(meeting, error=e.message, status=422)
    report_outcome(outcome)
    flash(_("Bewaard: wie er was."))
    return redirect(url_for("agenda_staff.attendance", meeting_id=meeting.id), code=303)
