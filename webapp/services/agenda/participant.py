"""What a participant sees and answers: her groups' meetings and her RSVP, with childcare.

Her meetings are always found through her memberships, never by an id alone.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select

from webapp.extensions import db
from webapp.models import Group, Membership, Role, User, utcnow
from webapp.models.agenda import Answer, Meeting, NotComingReason, Rsvp
from webapp.services import ServiceError
from webapp.services.agenda.times import local_today, to_local
from webapp.services.conflicts import Outcome, apply_changes
from webapp.services.paging import Page, fetch_page, paged

MAX_CHILDREN = 8
MAX_AGE = 17
# Her agenda shows the next meetings; later ones, and past ones, are a tap further, in pages.
UPCOMING_PER_PAGE = 10
PAST_ON_AGENDA = 3
PAST_PER_PAGE = 30
# Reasons she may choose to share when she does not come; never required.
REASONS = {
    NotComingReason.NO_CHILDCARE.value: _l("Ik heb geen opvang"),
    NotComingReason.CHILD_ILL.value: _l("Mijn kind is ziek"),
    NotComingReason.ILL.value: _l("Ik ben ziek"),
    NotComingReason.APPOINTMENT.value: _l("Ik heb een andere afspraak"),
    NotComingReason.OTHER.value: _l("Iets anders"),
}


def group_ids(user: User) -> list[int]:
    return [m.group_id for m in user.memberships]


def her_group_ids(user_id):
    """Her groups as a subquery (`user_id` a value or a bind parameter): a query on her
    meetings then needs no round trip of its own to load her memberships first. An archived
    group's meetings are gone from her agenda."""
    return (
        select(Membership.group_id)
        .join(Group, Group.id == Membership.group_id)
        .where(Membership.user_id == user_id, Group.archived_at.is_(None))
        .scalar_subquery()
    )


def meetings_of_groups(
    group_ids, upcoming: bool, now: datetime | None, past_limit: int
) -> list[Meeting]:
    """Upcoming meetings soonest first, or the most recent past ones."""
    now = now or utcnow()
    query = select(Meeting).where(Meeting.group_id.in_(group_ids))
    if upcoming:
        query = query.where(Meeting.ends_at > now).order_by(Meeting.starts_at)
    else:
        query = query.where(Meeting.ends_at <= now).order_by(Meeting.starts_at.desc())
        query = query.limit(past_limit)
    return list(db.session.scalars(query))


def meetings_for_participant(
    user: User, upcoming: bool = True, now: datetime | None = None
) -> list[Meeting]:
    """The first page of her upcoming meetings, soonest first, or of her past ones."""
    if upcoming:
        return upcoming_meetings(user, 1, now).items
    return past_meetings(user, 1, now).items


_HER_MEETINGS = select(Meeting).where(Meeting.group_id.in_(her_group_ids(bindparam("user_id"))))
_UPCOMING = paged(
    _HER_MEETINGS.where(Meeting.ends_at > bindparam("now")).order_by(Meeting.starts_at, Meeting.id)
)
_PAST = paged(
    _HER_MEETINGS.where(Meeting.ends_at <= bindparam("now")).order_by(
        Meeting.starts_at.desc(), Meeting.id.desc()
    )
)


def upcoming_meetings(user: User, number: int = 1, now: datetime | None = None) -> Page:
    """Page `number` of her groups' meetings still to come, soonest first."""
    values = {"user_id": user.id, "now": now or utcnow()}
    return fetch_page(_UPCOMING, values, number, UPCOMING_PER_PAGE)


def past_meetings(
    user: User, number: int = 1, now: datetime | None = None, per_page: int = PAST_PER_PAGE
) -> Page:
    """Page `number` of her groups' past meetings, the latest first."""
    values = {"user_id": user.id, "now": now or utcnow()}
    return fetch_page(_PAST, values, number, per_page)


def get_meeting_for_participant(user: User, meeting_id: int) -> Meeting | None:
    """A meeting of one of her groups, or None (the view answers 404)."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.group_id not in group_ids(user) or meeting.group.archived:
        return None
    return meeting


def next_meeting(user: User, now: datetime | None = None) -> Meeting | None:
    return next_meeting_and_rsvp(user, now)[0]


# Built once (see DEVELOPERS.md, "Hot queries"): her home shows it on every visit. One round
# trip that returns one row.
_NEXT_MEETING_AND_RSVP = (
    select(Meeting, Rsvp)
    .outerjoin(Rsvp, (Rsvp.meeting_id == Meeting.id) & (Rsvp.user_id == bindparam("user_id")))
    .where(
        Meeting.group_id.in_(her_group_ids(bindparam("user_id"))),
        Meeting.ends_at > bindparam("now"),
        Meeting.cancelled_at.is_(None),
    )
    .order_by(Meeting.starts_at)
    .limit(1)
)


def next_meeting_and_rsvp(
    user: User, now: datetime | None = None
) -> tuple[Meeting | None, Rsvp | None]:
    """Her next meeting that takes place, with her answer (or None)."""
    row = db.session.execute(
        _NEXT_MEETING_AND_RSVP, {"user_id": user.id, "now": now or utcnow()}
    ).first()
    return (row[0], row[1]) if row else (None, None)


def rsvp_of(user: User, meeting: Meeting) -> Rsvp | None:
    return db.session.scalar(
        select(Rsvp).where(Rsvp.meeting_id == meeting.id, Rsvp.user_id == user.id)
    )


def rsvps_of(user: User, meetings: list[Meeting]) -> dict[int, Rsvp]:
    ids = [m.id for m in meetings]
    if not ids:
        return {}
    rows = db.session.scalars(select(Rsvp).where(Rsvp.user_id == user.id, Rsvp.meeting_id.in_(ids)))
    return {r.meeting_id: r for r in rows}


def late_allowed(meeting: Meeting, now: datetime | None = None) -> bool:
    """'Ik ben later' only on the day itself, until the meeting ends."""
    now = now or utcnow()
    return local_today(now) == to_local(meeting.starts_at).date() and now < meeting.ends_at


def before_start(meeting: Meeting, now: datetime | None = None) -> bool:
    """Whether she can still say "ik kom" or "ik kom niet"."""
    return not meeting.cancelled and (now or utcnow()) < meeting.starts_at


def open_for_answers(meeting: Meeting, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return not meeting.cancelled and (now < meeting.starts_at or late_allowed(meeting, now))


@dataclass
class Childcare:
    needed: bool = False
    count: int = 0
    ages: list[int] = field(default_factory=list)


def _age_error() -> ServiceError:
    return ServiceError(_l("Vul een leeftijd in van 0 tot %(n)d jaar.", n=MAX_AGE), "ages")


def parse_ages(values: list[str]) -> list[int]:
    ages = []
    for value in values:
        value = (value or "").strip()
        if not value:
            continue
        if not value.isdigit() or int(value) > MAX_AGE:
            raise _age_error()
        ages.append(int(value))
    return ages


@dataclass
class RsvpOutcome(Outcome):
    """What her answer did, and her answer as it stands now."""

    rsvp: Rsvp | None = None


# Beyond this, an answer's phone time is not trusted for the meeting's deadlines.
PHONE_CLOCK_TRUSTED = timedelta(days=1)


def rules_moment(at: datetime | None, now: datetime) -> datetime:
    """The deadlines are checked at the moment she answered: an answer made offline before the
    start and sent later still counts, within a day."""
    if at is not None and now - PHONE_CLOCK_TRUSTED <= at <= now:
        return at
    return now


def _childcare_values(childcare: Childcare) -> dict:
    if childcare.needed:
        if not 1 <= childcare.count <= MAX_CHILDREN:
            raise ServiceError(
                _l("Voor hoeveel kinderen heb je opvang nodig? Kies 1 tot %(n)d.", n=MAX_CHILDREN),
                "children",
            )
        if len(childcare.ages) > childcare.count:
            raise ServiceError(_l("Je gaf meer leeftijden dan kinderen."), "ages")
        if any(not 0 <= a <= MAX_AGE for a in childcare.ages):
            raise _age_error()
    else:
        childcare = Childcare()
    return {
        "childcare_needed": childcare.needed,
        "children_count": childcare.count,
        "children_ages": ",".join(str(a) for a in childcare.ages),
    }


def answer_meeting(
    user: User,
    meeting_id: int,
    answer: Answer | str,
    reason: str | None = None,
    childcare: Childcare | None = None,
    now: datetime | None = None,
    at: datetime | None = None,
) -> RsvpOutcome:
    """Her whole answer, replacing any earlier one: sending it twice changes nothing. `at` is
    the phone time of the answer: a later answer that arrived first stays (the one rule of
    `services.conflicts`)."""
    now = rules_moment(at, now or utcnow())
    meeting = get_meeting_for_participant(user, meeting_id)
    if meeting is None or user.role != Role.PARTICIPANT:
        raise ServiceError(_l("Deze bijeenkomst is niet van jouw groep."), "meeting")
    try:
        answer = Answer(answer)
    except ValueError:
        raise ServiceError(_l("Kies: ik kom, ik kom niet of ik ben later."), "answer") from None
    if meeting.cancelled:
        raise ServiceError(_l("Deze bijeenkomst gaat niet door."), "answer")
    if answer == Answer.LATE:
        if not late_allowed(meeting, now):
            raise ServiceError(
                _l("'Ik ben later' kan alleen op de dag van de bijeenkomst zelf."), "answer"
            )
    elif now >= meeting.starts_at:
        raise ServiceError(
            _l("De bijeenkomst is al begonnen. Je kunt je antwoord niet meer veranderen."),
            "answer",
        )
    if answer == Answer.NOT_COMING:
        childcare = Childcare()  # nobody to look after
        if reason:
            try:
                reason = NotComingReason(reason).value
            except ValueError:
                reason = None
    else:
        reason = None
    childcare_values = _childcare_values(childcare) if childcare is not None else {}
    rsvp = rsvp_of(user, meeting) or Rsvp(meeting_id=meeting.id, user_id=user.id)
    outcome = apply_changes(
        rsvp, {"answer": answer, "reason": reason}, at or now, RsvpOutcome(rsvp=rsvp)
    )
    # The childcare goes with the answer it came with: if a later answer won, so did its
    # childcare. Without childcare (the answer buttons alone) hers stays as it was.
    if "answer" in outcome.applied and childcare_values:
        apply_changes(rsvp, childcare_values, at or now, outcome)
    if outcome.applied:
        rsvp.answered_at = now
        db.session.add(rsvp)
        db.session.commit()
    return outcome
