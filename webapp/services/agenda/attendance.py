"""Who came: after a meeting has started, the medewerker or the trainster ticks who came, from
the list of those invited ("ik kom" answers first). She sees "je was erbij" on her meeting
page; the group overview counts it. Ticks may be made on a phone without internet and sent
later: each person's tick follows the one conflict rule (`services.conflicts`)."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Role, User, utcnow
from webapp.models.agenda import Answer, Meeting
from webapp.models.attendance import Attendance
from webapp.services import ServiceError
from webapp.services.agenda.notify import invited_participants
from webapp.services.agenda.staff import get_meeting_for_staff, told_apart
from webapp.services.conflicts import Outcome, apply_changes, stamp_new

TICKING_ROLES = (Role.STAFF, Role.TRAINER, Role.ADMIN)
# The order of the list: those who said they come are ticked most often.
_ANSWER_ORDER = {Answer.COMING: 0, Answer.LATE: 1, None: 2, Answer.NOT_COMING: 3}


@dataclass
class AttendanceRow:
    user_id: int
    label: str  # her name, told apart from another with the same name
    answer: str | None
    present: bool


def may_tick(meeting: Meeting, now: datetime | None = None) -> bool:
    """Ticking starts when the meeting starts; a cancelled meeting has no one to tick."""
    return not meeting.cancelled and (now or utcnow()) >= meeting.starts_at


def attendance_list(meeting: Meeting) -> list[AttendanceRow]:
    """Everyone invited, with her answer and whether she was ticked: "ik kom" first, then
    "ik ben later", no answer, "ik kom niet"; by name within each."""
    people = invited_participants(meeting)
    answers = {r.user_id: r.answer for r in meeting.rsvps}
    present = _present_ids(meeting)
    labels = told_apart(people)
    rows = [AttendanceRow(p.id, labels[p.id], answers.get(p.id), p.id in present) for p in people]
    return sorted(rows, key=lambda r: (_ANSWER_ORDER[r.answer], r.label.lower()))


def came_count(meeting: Meeting) -> int:
    return sum(row.present for row in attendance_list(meeting))


def _present_ids(meeting: Meeting) -> set[int]:
    return set(
        db.session.scalars(
            select(Attendance.user_id).where(
                Attendance.meeting_id == meeting.id, Attendance.present.is_(True)
            )
        )
    )


def record_attendance(
    staff: User,
    meeting_id: int,
    came: set[int],
    shown_present: set[int],
    listed: set[int],
    now: datetime | None = None,
    at: datetime | None = None,
) -> Outcome:
    """Save the ticks of the list as she saw it (`listed`, with `shown_present` ticked when
    the page was made). Only the ticks she changed are applied, so two people ticking the
    same list at once do not undo each other's ticks; per person, the later tick wins."""
    meeting = get_meeting_for_staff(staff, meeting_id)
    if meeting is None or staff.role not in TICKING_ROLES:
        raise ServiceError(_l("Deze bijeenkomst is niet van jouw groepen."), "meeting")
    if not may_tick(meeting, now):
        raise ServiceError(
            _l("Aanvinken wie er was kan vanaf het begin van de bijeenkomst."), "meeting"
        )
    invited = {p.id for p in invited_participants(meeting)}
    changed = {
        uid: uid in came for uid in listed & invited if (uid in came) != (uid in shown_present)
    }
    rows = {
        a.user_id: a
        for a in db.session.scalars(
            select(Attendance).where(
                Attendance.meeting_id == meeting.id, Attendance.user_id.in_(changed)
            )
        )
    }
    outcome = Outcome()
    for user_id, present in changed.items():
        row = rows.get(user_id)
        if row is None:
            row = Attendance(meeting_id=meeting.id, user_id=user_id, present=present)
            stamp_new(row, ("present",), at)
            outcome.applied.append("present")
        elif not apply_changes(row, {"present": present}, at).applied:
            outcome.superseded.append("present")
            continue
        else:
            outcome.applied.append("present")
        row.marked_by_id = staff.id
        row.marked_at = utcnow()
        db.session.add(row)
    db.session.commit()
    return outcome


def came_to(user: User, meeting: Meeting) -> bool:
    """Whether she was ticked as having come (for "je was erbij" on her meeting page)."""
    return (
        db.session.scalar(
            select(Attendance.id).where(
                Attendance.meeting_id == meeting.id,
                Attendance.user_id == user.id,
                Attendance.present.is_(True),
            )
        )
        is not None
    )
