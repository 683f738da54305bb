"""Test data, made by the app's own services (a password hashed as at sign-up, a meeting with
its calendar UID). Each call makes something new with unique names; pass only what your test is
about. Plain functions: every model here is made by one service call, so a function with
keyword defaults says it all (see DEVELOPERS.md, "Tests").

    zuid = factories.group()
    sara = factories.participant(zuid, username="sara")
    medewerker = factories.staff(zuid.organisation)
    meeting = factories.meeting(zuid)
    past = factories.past_meeting(zuid, by=medewerker)
    factories.attendance(medewerker, past, came=[sara], absent=[amina])
    factories.recap(trainster, past, homework="Bel de bank.")
    factories.material(trainster, zuid, past, upload=files.png())
    factories.cv(sara, profile="Ik werk hard.", items=[("skills", {"key": "care"})])
"""

import itertools
from datetime import date, datetime, time, timedelta

from webapp.extensions import db
from webapp.models import Group, Organisation, Role, User, utcnow
from webapp.services import access_codes, account_care, accounts, agenda, childcare, materials
from webapp.services import cv as cvs
from webapp.services import plan as plans
from webapp.services.demo import DEMO_PASSWORD

# Every account made here has this password, the same as the demo accounts' (so
# `auth.login(user)` needs no password for either).
PASSWORD = DEMO_PASSWORD

_numbers = itertools.count(1)


def _next() -> int:
    return next(_numbers)


def organisation(name: str | None = None) -> Organisation:
    made = Organisation(name=name or f"Gemeente {_next()}")
    db.session.add(made)
    db.session.commit()
    return made


_organisation = organisation  # the parameters below are named after it


def group(organisation: Organisation | None = None, name: str | None = None) -> Group:
    """A group, of a new organisation unless one is given."""
    made = Group(
        organisation_id=(organisation or _organisation()).id, name=name or f"Groep {_next()}"
    )
    db.session.add(made)
    db.session.commit()
    return made


_group = group


def user(
    role: Role,
    username: str | None = None,
    *,
    display_name: str | None = None,
    language: str = "nl",
    organisation: Organisation | None = None,
    groups: list[Group] | None = None,
    password: str = PASSWORD,
) -> User:
    username = username or f"{role.value}{_next()}"
    return accounts.create_user(
        username,
        password,
        display_name or username.capitalize(),
        role,
        language=language,
        organisation=organisation,
        groups=groups,
    )


def participant(
    group: Group | None = None,
    username: str | None = None,
    *,
    joined_at: datetime | None = None,
    **kw,
) -> User:
    """A participant in `group` (a new group if none is given), a member since now or since
    `joined_at` (meetings before she joined are not hers)."""
    made = user(Role.PARTICIPANT, username, groups=[group or _group()], **kw)
    if joined_at is not None:
        made.memberships[0].joined_at = joined_at
        db.session.commit()
    return made


def staff(organisation: Organisation | None = None, username: str | None = None, **kw) -> User:
    """A projectmedewerker of `organisation` (a new one if none is given)."""
    return user(Role.STAFF, username, organisation=organisation or _organisation(), **kw)


def trainer(organisation: Organisation | None = None, username: str | None = None, **kw) -> User:
    return user(Role.TRAINER, username, organisation=organisation or _organisation(), **kw)


def admin(username: str | None = None, manages: Organisation | None = None, **kw) -> User:
    """A beheerder; of `manages` (an organisation) when given."""
    made = user(Role.ADMIN, username, **kw)
    if manages is not None:
        account_care.add_manager(manages, made)
    return made


def meeting(
    group: Group,
    *,
    by: User | None = None,
    day: date | None = None,
    start: time = time(10),
    end: time = time(12),
    now: datetime | None = None,
    **details,
):
    """A meeting of `group`, three days from now (or from `now`) unless `day` is given; planned
    by `by` (a new medewerker of the group's organisation if not given). `details` are
    MeetingDetails fields; the title defaults to "Bijeenkomst"."""
    by = by or staff(db.session.get(Organisation, group.organisation_id))
    day = day or agenda.local_today(now) + timedelta(days=3)
    details.setdefault("title", "Bijeenkomst")
    return agenda.create_meeting(
        by, group, agenda.MeetingDetails(**details), day, start, end, now=now
    )


def past_meeting(group: Group, *, days_ago: int = 1, **kw):
    """A meeting of `group` that was `days_ago` days ago (planned three days before it);
    keywords as `meeting`."""
    day = agenda.local_today() - timedelta(days=days_ago)
    return meeting(group, day=day, now=utcnow() - timedelta(days=days_ago + 3), **kw)


def attendance(by: User, meeting, came: list[User], absent: list[User] = ()) -> None:
    """Who came to `meeting`: `by` (its medewerker or trainster) ticks `came` on the list of
    `came` and `absent` (the absent stay unticked, as on the page)."""
    listed = {p.id for p in [*came, *absent]}
    agenda.record_attendance(
        by, meeting.id, came={p.id for p in came}, shown_present=set(), listed=listed
    )


def recap(
    by: User,
    meeting,
    *,
    report: str = "",
    homework: str = "",
    area: str = "netwerk",
    translations: dict | None = None,
    tell_group: bool = False,
):
    """The recap and homework of `meeting` by `by`; `translations` as `Recap`'s
    ({"homework": {"ar": …}}). The group hears of it only when `tell_group`."""
    recap = materials.Recap(report, homework, area, translations or {})
    return materials.set_recap(by, meeting, recap, tell_group=tell_group)


def material(
    by: User,
    group: Group,
    meeting=None,
    *,
    title: str = "Werkblad",
    body: str = "",
    translations: dict | None = None,
    upload: bytes | None = None,
    language: str = "",
    tell_group: bool = False,
):
    """A material of `group` (for `meeting`, or for the group when None) shared by `by`, with
    the file `upload` in `language` ("" for a picture) when given."""
    text = materials.MaterialText(title, body, translations or {})
    file = materials.Upload(upload, language) if upload is not None else None
    return materials.add_material(by, group, meeting, text, file, tell_group=tell_group)


def cv(
    owner: User,
    *,
    contact: tuple[str, str, str, str] | None = None,
    profile: str = "",
    wish: tuple[str, str, str] | None = None,
    items: list[tuple[str, dict]] = (),
    days: list[str] = (),
    childcare_from: str = "",
    language: str | None = None,
    today: date | None = None,
) -> User:
    """Her cv, part by part as she fills it in: `contact` (name, town, phone, email; all three
    shown), `profile`, `wish` (work, hours, start), `items` (part, values) in order, the
    `days` she can work, and the cv's `language` (Dutch unless given)."""
    today = today or date.today()
    if contact:
        cvs.save_contact(owner, *contact, True, True, True)
    if profile:
        cvs.save_profile(owner, profile)
    if wish:
        cvs.save_wish(owner, *wish, today)
    for part, values in items:
        cvs.add_item(owner, part, values, today)
    if days:
        cvs.save_availability(owner, list(days), childcare_from, "", today)
    if language:
        cvs.set_language(owner, language)
    return owner


def step(owner: User, action: str = "Cv maken", area: str = "vaardigheden", **kw):
    """A step in her plan (keywords as `plan.add_step`: moment, helper, if_hard, rung, at)."""
    return plans.add_step(owner, action, area, **kw).step


def child(owner: User, nickname: str = "Noah", birth_year: int = 2024):
    return childcare.add_child(owner, nickname, birth_year, date.today())


def invitation(by: User, group: Group | None = None, role: Role = Role.PARTICIPANT, **kw):
    """An open invitation made by the medewerker `by`: for `group`, or for her organisation
    when `role` is not a participant."""
    organisation = db.session.get(Organisation, by.organisation_id)
    return access_codes.create_invitation(by, role, organisation, group, **kw)
