"""What the projectmedewerker sees: the meetings of her groups, who comes, and the childcare
list for the childcare provider."""

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from webapp.extensions import db
from webapp.models import User
from webapp.models.agenda import Answer, Meeting, Rsvp
from webapp.services.accounts import get_group_for_staff, groups_for_staff
from webapp.services.agenda.notify import invited_participants
from webapp.services.agenda.participant import meetings_of_groups


def meetings_for_staff(
    staff: User, upcoming: bool = True, now: datetime | None = None
) -> list[Meeting]:
    ids = [g.id for g in groups_for_staff(staff)]
    return meetings_of_groups(ids, upcoming, now, past_limit=50)


def get_meeting_for_staff(staff: User, meeting_id: int) -> Meeting | None:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or get_group_for_staff(staff, meeting.group_id) is None:
        return None
    return meeting


@dataclass
class Overview:
    coming: list[Rsvp]
    not_coming: list[Rsvp]
    late: list[Rsvp]
    unanswered: list[User]
    childcare: list[Rsvp]  # who needs childcare (coming or late)

    @property
    def children(self) -> int:
        return sum(r.children_count for r in self.childcare)

    def ages(self) -> dict[int, int]:
        """Age -> how many children of that age."""
        counts: dict[int, int] = {}
        for r in self.childcare:
            for age in r.ages:
                counts[age] = counts.get(age, 0) + 1
        return dict(sorted(counts.items()))

    @property
    def unknown_ages(self) -> int:
        return sum(max(r.children_count - len(r.ages), 0) for r in self.childcare)


def overview(meeting: Meeting) -> Overview:
    people = invited_participants(meeting)
    by_user = {r.user_id: r for r in meeting.rsvps}
    answered = [by_user[p.id] for p in people if p.id in by_user]
    return Overview(
        coming=[r for r in answered if r.answer == Answer.COMING],
        not_coming=[r for r in answered if r.answer == Answer.NOT_COMING],
        late=[r for r in answered if r.answer == Answer.LATE],
        unanswered=[p for p in people if p.id not in by_user],
        childcare=[r for r in answered if r.childcare_needed and r.answer != Answer.NOT_COMING],
    )


def first_name(user: User) -> str:
    return (user.display_name or "").split(" ")[0]


def childcare_csv(meeting: Meeting) -> str:
    """For the childcare provider: first name and the children's ages, nothing else."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["voornaam", "aantal_kinderen", "leeftijden"])
    for rsvp in overview(meeting).childcare:
        ages = " ".join(str(a) for a in rsvp.ages)
        name = first_name(rsvp.user)
        if name[:1] in ("=", "+", "-", "@"):
            name = "'" + name  # never a formula in a spreadsheet
        writer.writerow([name, rsvp.children_count, ages])
    return out.getvalue()
