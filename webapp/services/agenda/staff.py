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
    names: dict[int, str]  # user id -> her name, told apart from another with the same name
    first_names: dict[int, str]  # the same, for the childcare list (first names)

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
        names=told_apart(people),
        first_names=told_apart(people, short=True),
    )


def first_name(user: User) -> str:
    return (user.display_name or "").split(" ")[0]


def _initial(user: User) -> str:
    words = (user.display_name or "").split()
    return f"{words[-1][0]}." if len(words) > 1 else ""


def told_apart(people: list[User], short: bool = False, with_login: bool = True) -> dict[int, str]:
    """Her name as a list shows it (`short`: the first name only), and, when someone else in
    the list has the same name, her initial, else her login (or, without logins, nothing more
    can be said). User id -> label."""
    base = {p.id: first_name(p) if short else (p.display_name or "") for p in people}
    same: dict[str, list[User]] = {}
    for p in people:
        same.setdefault(base[p.id].casefold(), []).append(p)
    labels = {}
    for group in same.values():
        with_initials = {p.id: f"{base[p.id]} {_initial(p)}".strip() for p in group}
        initials_differ = len({label.casefold() for label in with_initials.values()}) == len(group)
        for p in group:
            if len(group) == 1:
                labels[p.id] = base[p.id]
            elif short and initials_differ:
                labels[p.id] = with_initials[p.id]
            elif with_login:
                labels[p.id] = f"{base[p.id]} ({p.username})"
            else:
                labels[p.id] = with_initials[p.id]
    return labels


def childcare_csv(meeting: Meeting) -> str:
    """For the childcare provider: first name and the children's ages, nothing else."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["voornaam", "aantal_kinderen", "leeftijden"])
    childcare = overview(meeting).childcare
    names = told_apart([r.user for r in childcare], short=True, with_login=False)
    for rsvp in childcare:
        ages = " ".join(str(a) for a in rsvp.ages)
        name = names[rsvp.user_id]
        if name[:1] in ("=", "+", "-", "@"):
            name = "'" + name  # never a formula in a spreadsheet
        writer.writerow([name, rsvp.children_count, ages])
    return out.getvalue()
