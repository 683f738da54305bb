"""The anonymous group overview: each figure, the threshold of five people, and that a
participant who does not share counts only in these totals."""

import uuid
from datetime import timedelta

from sqlalchemy import event

from tests import factories
from tests.overview_fixtures import (
    LAST_MONTH,
    LAST_QUARTER,
    NOW,
    done_step,
    participants,
    start_rung,
)
from webapp.extensions import db
from webapp.models.agenda import Answer, Meeting, Rsvp
from webapp.models.childcare import CareApplication, Child
from webapp.models.plan import StepStatus
from webapp.models.reminders import PushState, Reminder
from webapp.services import group_overview
from webapp.services import plan as plans
from webapp.services import sharing as sharing_rules
from webapp.services.group_overview import MIN_PEOPLE, Figure


def overview(staff, group):
    return group_overview.group_overview(staff, group.id, now=NOW)


def test_the_threshold_is_five_people():
    assert MIN_PEOPLE == 5
    assert not Figure(4, 4).shown
    assert Figure(5, 5).shown
    assert not Figure(12, 4).shown  # twelve steps, but done by four people


def test_moved_up_the_ladder_is_hidden_for_four_and_shown_for_five(app):
    group = factories.group()
    staff = factories.staff(group.organisation)
    people = participants(group, 8)
    for person in people[:4]:
        done_step(person, area="werkervaring", rung=4)
    db.session.commit()
    assert overview(staff, group).moved_up == Figure(4, 4)
    assert not overview(staff, group).moved_up.shown

    done_step(people[4], area="werkervaring", rung=4)
    db.session.commit()
    moved = overview(staff, group).moved_up
    assert moved == Figure(5, 5) and moved.shown


def test_the_ladder_counts_since_joining_and_this_quarter(app):
    group = factories.group()
    staff = factories.staff(group.organisation)
    before, this_quarter, stayed, started_high = (
        participants(group, 5),
        participants(group, 5),
        participants(group, 5),
        participants(group, 5),
    )
    for person in before:  # moved up last quarter, nothing since
        done_step(person, rung=4, done_at=LAST_QUARTER)
    for person in this_quarter:  # moved up last month (this quarter)
        done_step(person, rung=3, done_at=LAST_QUARTER)
        done_step(person, rung=4, done_at=LAST_MONTH)
    for person in stayed:  # steps done, but not above where she started
        start_rung(person, 3)
        done_step(person, rung=3, done_at=LAST_MONTH)
    for person in started_high:  # a done step at a lower rung never moves her down or up
        start_rung(person, 5)
        done_step(person, rung=4, done_at=LAST_MONTH)
    db.session.commit()
    result = overview(staff, group)
    assert result.people == Figure(20, 20)
    assert result.moved_up.value == 10
    assert result.moved_up_this_quarter.value == 5


def test_a_step_no_longer_done_no_longer_counts(app):
    group = factories.group()
    staff = factories.staff(group.organisation)
    people = participants(group, 5)
    steps = [done_step(p, rung=4) for p in people]
    db.session.commit()
    assert overview(staff, group).moved_up.value == 5
    steps[0].status = StepStatus.BUSY
    db.session.commit()
    assert not overview(staff, group).moved_up.shown


def test_steps_done_this_month_per_area_rest_on_five_people(app):
    group = factories.group()
    staff = factories.staff(group.organisation)
    people = participants(group, 9)
    for person in people[:5]:
        done_step(person, area="taal")
        done_step(person, area="taal")
    for person in people[5:9]:  # twelve steps, four people
        for _ in range(3):
            done_step(person, area="geld")
    for person in people:  # last month: not this month
        done_step(person, area="werk", done_at=LAST_MONTH)
        done_step(person, area="werk", status=StepStatus.BUSY)
    db.session.commit()
    result = dict(overview(staff, group).steps_done)
    assert list(result) == list(plans.AREAS)  # every area, in the plan's order
    assert result["taal"] == Figure(10, 5) and result["taal"].shown
    assert result["geld"] == Figure(12, 4) and not result["geld"].shown
    assert result["werk"] == Figure(0, 0)
    assert overview(staff, group).steps_done_total == Figure(22, 9)


def test_participants_with_a_step_bezig(app):
    group = factories.group()
    staff = factories.staff(group.organisation)
    people = participants(group, 7)
    for person in people[:5]:
        done_step(person, status=StepStatus.BUSY)
        done_step(person, status=StepStatus.BUSY)
    done_step(people[5], status=StepStatus.TODO)
    done_step(people[6], status=StepStatus.DONE)
    db.session.commit()
    assert overview(staff, group).busy == Figure(5, 5)


def _meeting(group, starts_at, title="Bijeenkomst", cancelled=False):
    meeting = Meeting(
        uid=f"{uuid.uuid4()}@test",
        group_id=group.id,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        cancelled_at=NOW if cancelled else None,
    )
    db.session.add(meeting)
    db.session.flush()
    return meeting


def _answer(meeting, person, answer, reason=None, children=0):
    db.session.add(
        Rsvp(
            meeting_id=meeting.id,
            user_id=person.id,
            answer=answer,
            reason=reason,
            childcare_needed=children > 0,
            children_count=children,
            field_times={},
        )
    )


def test_meetings_count_invited_answers_childcare_and_reasons(app):
    group = factories.group()
    staff = factories.staff(group.organisation)
    people = participants(group, 14, joined=NOW - timedelta(days=60))
    late_joiner = participants(group, 1, joined=NOW - timedelta(days=1))[0]
    gone = participants(group, 1, joined=NOW - timedelta(days=60))[0]
    gone.active = False
    past = _meeting(group, NOW - timedelta(days=7), "Vorige week")
    _meeting(group, NOW - timedelta(days=3), "Afgezegd", cancelled=True)
    upcoming = _meeting(group, NOW + timedelta(days=6), "Volgende week")
    for person in people[:6]:
        _answer(upcoming, person, Answer.COMING, children=2)
    _answer(upcoming, people[6], Answer.LATE)
    for person in people[7:12]:
        _answer(upcoming, person, Answer.NOT_COMING, reason="no_childcare")
    _answer(upcoming, people[12], Answer.NOT_COMING, reason="ill")
    _answer(upcoming, gone, Answer.COMING, children=1)  # deactivated: not invited, not counted
    _answer(past, late_joiner, Answer.COMING)  # joined after it: never invited
    db.session.commit()

    result = overview(staff, group).meetings
    assert [(m.meeting.title, m.past) for m in result] == [
        ("Vorige week", True),
        ("Volgende week", False),
    ]
    last, following = result
    assert last.invited == Figure.of_people(14) and last.answered.value == 0
    assert following.invited == Figure.of_people(15)  # the late joiner is invited to this one
    assert following.answered == Figure.of_people(13)
    assert following.coming == Figure.of_people(7)
    assert following.childcare == Figure.of_people(6)
    assert following.children == Figure(12, 6)
    reasons = dict(following.reasons)
    assert reasons["no_childcare"] == Figure.of_people(5) and reasons["no_childcare"].shown
    assert reasons["ill"] == Figure.of_people(1) and not reasons["ill"].shown
    assert reasons["other"] == Figure(0, 0)


def test_childcare_counts_children_per_stage(app):
    group = factories.group()
    staff = factories.staff(group.organisation)
    people = participants(group, 10)
    for n, person in enumerate(people):
        child = Child(user_id=person.id, nickname=f"Kind{n}", birth_year=2022, field_times={})
        db.session.add(child)
        db.session.flush()
        statuses = ["waitlist"] if n < 5 else ["waitlist", "running"] if n < 8 else ["self"]
        for kind, status in zip(("kinderdagverblijf", "bso"), statuses, strict=False):
            db.session.add(
                CareApplication(
                    user_id=person.id, child_id=child.id, kind=kind, status=status, field_times={}
                )
            )
    db.session.commit()
    result = dict(overview(staff, group).childcare)
    assert list(result) == ["self", "orienting", "waitlist", "place"]
    assert result["waitlist"] == Figure(5, 5)
    assert result["place"] == Figure(3, 3) and not result["place"].shown
    assert result["self"] == Figure(2, 2)


def test_reminders_sent_and_opened_this_month(app):
    group = factories.group()
    staff = factories.staff(group.organisation)
    people = participants(group, 6)
    for n, person in enumerate(people):
        for k, state in enumerate((PushState.PUSHED, PushState.INBOX, PushState.PENDING)):
            db.session.add(
                Reminder(
                    user_id=person.id,
                    kind="message",
                    target_id=k,
                    moment=NOW,
                    due_at=NOW,
                    url="/inbox",
                    params={},
                    push_state=state,
                    handled_at=None if state == PushState.PENDING else NOW - timedelta(days=1),
                    read_at=NOW if n < 4 and k == 0 else None,
                    field_times={},
                )
            )
    db.session.commit()
    result = overview(staff, group)
    assert result.reminders_sent == Figure(12, 6)
    assert result.reminders_opened == Figure(4, 4) and not result.reminders_opened.shown


def test_a_participant_who_does_not_share_counts_only_in_the_totals(app):
    group = factories.group()
    staff = factories.staff(group.organisation)
    people = participants(group, 5)
    sharing, private = people[:4], people[4]
    for person in sharing:
        start_rung(person, 1)
        done_step(person, rung=4)
    start_rung(private, 1)
    db.session.commit()
    assert not overview(staff, group).moved_up.shown

    done_step(private, rung=4)
    db.session.commit()
    assert overview(staff, group).moved_up == Figure(5, 5)  # her step counts in the total
    for person in sharing:
        sharing_rules.set_viewers(person, "plan", {staff.id})
    shown_by_name = {p.id for p, _ in sharing_rules.participants_sharing_with(staff, group)}
    assert shown_by_name == {p.id for p in sharing}  # she is not among them
    assert sharing_rules.readable_part(staff, private.id, "plan") is None  # and nowhere else
    assert sharing_rules.readable_part(staff, sharing[0].id, "plan").id == sharing[0].id


def test_other_groups_and_other_organisations_have_no_overview(app):
    group = factories.group(name="Groep Een")
    other = factories.group(name="Groep Twee")
    staff = factories.staff(group.organisation)
    assert group_overview.group_overview(staff, group.id, now=NOW) is not None
    assert group_overview.group_overview(staff, other.id, now=NOW) is None
    assert group_overview.group_overview(staff, 987654, now=NOW) is None


def _queries(staff, group) -> int:
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        overview(staff, group)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def _fill(group, n, prefix):
    people = participants(group, n, joined=NOW - timedelta(days=60))
    past, upcoming = (
        _meeting(group, NOW - timedelta(days=7)),
        _meeting(group, NOW + timedelta(days=7)),
    )
    for person in people:
        done_step(person, rung=4)
        done_step(person, status=StepStatus.BUSY)
        _answer(past, person, Answer.COMING, children=1)
        _answer(upcoming, person, Answer.NOT_COMING, reason="ill")
    db.session.commit()


def test_the_number_of_queries_does_not_grow_with_the_group(app):
    small, large = factories.group(name="Klein"), factories.group(name="Groot")
    staff_small, staff_large = (
        factories.staff(small.organisation),
        factories.staff(large.organisation),
    )
    _fill(small, 5, "s")
    _fill(large, 30, "l")
    overview(staff_small, small)  # the connection's own first queries are not the overview's
    db.session.expire_all()
    assert _queries(staff_small, small) == _queries(staff_large, large)
    assert _queries(staff_large, large) <= 12
