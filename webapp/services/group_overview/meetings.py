"""The group's last and next meetings, counted: invited, answered, coming, came, childcare on
location, and the reasons for not coming that participants chose to give."""

from dataclasses import dataclass, field

from sqlalchemy import and_, func, select

from webapp.extensions import db
from webapp.models import Membership, Role, User
from webapp.models.agenda import Answer, Meeting, NotComingReason, Rsvp
from webapp.models.attendance import Attendance
from webapp.services.group_overview.figures import Figure, Periods

LAST_MEETINGS = 3
NEXT_MEETINGS = 3


@dataclass
class MeetingFigures:
    meeting: Meeting
    past: bool
    invited: Figure = Figure(0, 0)
    answered: Figure = Figure(0, 0)
    coming: Figure = Figure(0, 0)
    came: Figure = Figure(0, 0)  # ticked by staff after the start
    childcare: Figure = Figure(0, 0)  # mothers who need childcare on location
    children: Figure = Figure(0, 0)  # their children, shown when five mothers or more
    reasons: list[tuple[str, Figure]] = field(default_factory=list)


def _meetings(group_id: int, periods: Periods) -> list[tuple[Meeting, bool]]:
    held = and_(Meeting.group_id == group_id, Meeting.cancelled_at.is_(None))
    past = db.session.scalars(
        select(Meeting)
        .where(held, Meeting.ends_at <= periods.now)
        .order_by(Meeting.starts_at.desc())
        .limit(LAST_MEETINGS)
    ).all()
    upcoming = db.session.scalars(
        select(Meeting)
        .where(held, Meeting.ends_at > periods.now)
        .order_by(Meeting.starts_at)
        .limit(NEXT_MEETINGS)
    ).all()
    return [(m, True) for m in reversed(past)] + [(m, False) for m in upcoming]


def invited_people(meeting_ids: list[int]):
    """(meeting id, user id) of everyone invited: active participants of the meeting's group
    who joined before it ended (as `agenda.invited_participants` says)."""
    return (
        select(Meeting.id.label("meeting_id"), User.id.label("user_id"))
        .join(Membership, Membership.group_id == Meeting.group_id)
        .join(User, User.id == Membership.user_id)
        .where(
            Meeting.id.in_(meeting_ids),
            Membership.joined_at < Meeting.ends_at,
            User.role == Role.PARTICIPANT,
            User.active.is_(True),
        )
        .subquery()
    )


def meeting_figures(group_id: int, periods: Periods) -> list[MeetingFigures]:
    found = _meetings(group_id, periods)
    if not found:
        return []
    ids = [m.id for m, _past in found]
    invited = invited_people(ids)
    invited_counts = dict(
        db.session.execute(
            select(invited.c.meeting_id, func.count()).group_by(invited.c.meeting_id)
        ).all()
    )
    answers = db.session.execute(
        select(
            Rsvp.meeting_id,
            Rsvp.answer,
            Rsvp.reason,
            Rsvp.childcare_needed,
            func.count(),
            func.sum(Rsvp.children_count),
        )
        .join(
            invited,
            and_(invited.c.meeting_id == Rsvp.meeting_id, invited.c.user_id == Rsvp.user_id),
        )
        .group_by(Rsvp.meeting_id, Rsvp.answer, Rsvp.reason, Rsvp.childcare_needed)
    ).all()
    came = dict(
        db.session.execute(
            select(Attendance.meeting_id, func.count())
            .join(
                invited,
                and_(
                    invited.c.meeting_id == Attendance.meeting_id,
                    invited.c.user_id == Attendance.user_id,
                ),
            )
            .where(Attendance.present.is_(True))
            .group_by(Attendance.meeting_id)
        ).all()
    )
    figures = []
    for meeting, past in found:
        rows = [r for r in answers if r[0] == meeting.id]
        coming = [r for r in rows if r[1] in (Answer.COMING, Answer.LATE)]
        care = [r for r in coming if r[3]]
        mothers = sum(r[4] for r in care)
        figures.append(
            MeetingFigures(
                meeting=meeting,
                past=past,
                invited=Figure.of_people(invited_counts.get(meeting.id, 0)),
                answered=Figure.of_people(sum(r[4] for r in rows)),
                coming=Figure.of_people(sum(r[4] for r in coming)),
                came=Figure.of_people(came.get(meeting.id, 0)),
                childcare=Figure.of_people(mothers),
                children=Figure(sum(r[5] or 0 for r in care), mothers),
                reasons=[
                    (
                        reason.value,
                        Figure.of_people(
                            sum(r[4] for r in rows if r[1] == Answer.NOT_COMING and r[2] == reason)
                        ),
                    )
                    for reason in NotComingReason
                ],
            )
        )
    return figures
