"""Who came: the list to tick (those invited, "ik kom" first), who may tick and when, two
people ticking at once, and what she and the overview see of it."""

from datetime import timedelta

import pytest

from tests import factories
from webapp.extensions import db
from webapp.models import utcnow
from webapp.services import ServiceError, agenda, group_overview


@pytest.fixture
def held(app):
    """A meeting that started an hour ago, with five answers and a sixth invited who did not
    answer."""
    group = factories.group(name="Groep Oost")
    staff = factories.staff(group.organisation)
    meeting = factories.meeting(group, by=staff, title="Werk zoeken")
    people = [factories.participant(group, display_name=name) for name in
              ("Yara", "Bea", "Anna", "Dina", "Eva", "Fleur")]  # fmt: skip
    for person in people:
        person.memberships[0].joined_at = utcnow() - timedelta(days=30)
    answers = ["not_coming", "coming", "late", None, "coming", "not_coming"]
    for person, answer in zip(people, answers, strict=True):
        if answer:
            agenda.answer_meeting(
                person, meeting.id, answer, now=meeting.starts_at - timedelta(hours=1)
            )
    meeting.starts_at = utcnow() - timedelta(hours=1)
    meeting.ends_at = utcnow() + timedelta(hours=1)
    db.session.commit()
    return {"group": group, "staff": staff, "meeting": meeting, "people": people}


def _labels(meeting):
    return [(row.label, row.answer) for row in agenda.attendance_list(meeting)]


def test_the_list_has_those_invited_with_ik_kom_first(held):
    meeting = held["meeting"]
    late_joiner = factories.participant(held["group"], display_name="Zoë")
    gone = factories.participant(held["group"], display_name="Gone")
    late_joiner.memberships[0].joined_at = utcnow() + timedelta(hours=2)
    gone.memberships[0].joined_at = utcnow() - timedelta(days=30)
    gone.active = False
    db.session.commit()
    assert _labels(meeting) == [
        ("Bea", "coming"),
        ("Eva", "coming"),
        ("Anna", "late"),
        ("Dina", None),
        ("Fleur", "not_coming"),
        ("Yara", "not_coming"),
    ]


def test_ticking_who_came_shows_her_and_counts_in_the_overview(held):
    meeting, staff, people = held["meeting"], held["staff"], held["people"]
    listed = {p.id for p in people}
    came = {p.id for p in people[:5]}
    agenda.record_attendance(staff, meeting.id, came=came, shown_present=set(), listed=listed)
    ticked = {row.label for row in agenda.attendance_list(meeting) if row.present}
    assert ticked == {"Yara", "Bea", "Anna", "Dina", "Eva"}
    assert agenda.came_to(people[0], meeting) and not agenda.came_to(people[5], meeting)
    assert agenda.came_count(meeting) == 5
    meeting.ends_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    last = group_overview.group_overview(staff, held["group"].id).meetings[-1]
    assert last.meeting.id == meeting.id and last.past
    assert last.came.value == 5 and last.came.shown


def test_two_people_ticking_the_same_list_keep_each_others_ticks(held):
    meeting, staff, people = held["meeting"], held["staff"], held["people"]
    trainer = factories.trainer(held["group"].organisation, groups=[held["group"]])
    listed = {p.id for p in people}
    # Both opened the list when nobody was ticked; each ticks someone else.
    agenda.record_attendance(staff, meeting.id, came={people[0].id}, shown_present=set(),
                             listed=listed)  # fmt: skip
    agenda.record_attendance(trainer, meeting.id, came={people[1].id}, shown_present=set(),
                             listed=listed)  # fmt: skip
    assert agenda.came_to(people[0], meeting) and agenda.came_to(people[1], meeting)
    # Unticking is saved too.
    agenda.record_attendance(staff, meeting.id, came=set(), shown_present={people[0].id},
                             listed=listed)  # fmt: skip
    assert not agenda.came_to(people[0], meeting) and agenda.came_to(people[1], meeting)


def test_only_those_invited_can_be_ticked(held):
    meeting, staff = held["meeting"], held["staff"]
    stranger = factories.participant()
    agenda.record_attendance(staff, meeting.id, came={stranger.id}, shown_present=set(),
                             listed={stranger.id})  # fmt: skip
    assert not agenda.came_to(stranger, meeting)


def test_ticking_starts_at_the_start_and_not_for_a_cancelled_meeting(held):
    meeting, staff, people = held["meeting"], held["staff"], held["people"]
    ids = {people[0].id}
    meeting.starts_at = utcnow() + timedelta(minutes=5)
    db.session.commit()
    with pytest.raises(ServiceError):
        agenda.record_attendance(staff, meeting.id, came=ids, shown_present=set(), listed=ids)
    meeting.starts_at = utcnow() - timedelta(minutes=5)
    meeting.cancelled_at = utcnow()
    db.session.commit()
    with pytest.raises(ServiceError):
        agenda.record_attendance(staff, meeting.id, came=ids, shown_present=set(), listed=ids)
    assert not agenda.came_to(people[0], meeting)


def test_another_organisation_cannot_tick(held):
    meeting, people = held["meeting"], held["people"]
    outsider = factories.staff()
    ids = {people[0].id}
    with pytest.raises(ServiceError):
        agenda.record_attendance(outsider, meeting.id, came=ids, shown_present=set(), listed=ids)


def test_two_with_the_same_first_name_are_told_apart(app):
    group = factories.group()
    people = [
        factories.participant(group, username="fatima-b", display_name="Fatima Benali"),
        factories.participant(group, username="fatima-e", display_name="Fatima El Amrani"),
        factories.participant(group, username="sara1", display_name="Sara"),
        factories.participant(group, username="sara2", display_name="sara"),
        factories.participant(group, username="ewa", display_name="Ewa"),
    ]
    short = agenda.told_apart(people, short=True)
    assert [short[p.id] for p in people] == [
        "Fatima B.", "Fatima A.", "Sara (sara1)", "sara (sara2)", "Ewa",
    ]  # fmt: skip
    full = agenda.told_apart(people)
    assert [full[p.id] for p in people][:2] == ["Fatima Benali", "Fatima El Amrani"]
    for_provider = agenda.told_apart(people, short=True, with_login=False)
    assert "sara1" not in for_provider.values() and for_provider[people[0].id] == "Fatima B."
