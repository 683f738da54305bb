"""Her reflection after a meeting: only after one she came to, private to her, and her next
step into her plan once."""

from datetime import timedelta

import pytest

from tests import factories
from webapp.extensions import db
from webapp.models import utcnow
from webapp.services import ServiceError, agenda
from webapp.services import materials as service
from webapp.services import plan as plans

ANSWERS = {"went_well": "Ik durfde te praten", "was_hard": "Opvang regelen",
           "next_step": "Mijn buurvrouw vragen", "proud_of": "Ik was er"}  # fmt: skip


@pytest.fixture
def past(zuid, sara, amina, medewerker):
    for person in (sara, amina):
        person.memberships[0].joined_at = utcnow() - timedelta(days=30)
    day = agenda.local_today() - timedelta(days=2)
    meeting = factories.meeting(zuid, by=medewerker, day=day, now=utcnow() - timedelta(days=5))
    agenda.record_attendance(medewerker, meeting.id, came={sara.id}, shown_present=set(),
                             listed={sara.id, amina.id})  # fmt: skip
    return meeting


def test_offered_only_after_a_meeting_she_came_to(past, sara, amina, zuid, medewerker):
    assert service.she_came(sara, past, utcnow())
    assert not service.she_came(amina, past, utcnow())
    with pytest.raises(ServiceError):
        service.save_reflection(amina, past, ANSWERS, now=utcnow())
    upcoming = factories.meeting(zuid, by=medewerker)
    assert not service.she_came(sara, upcoming, utcnow())


def test_her_reflection_is_kept_and_her_next_step_goes_into_her_plan_once(past, sara):
    service.save_reflection(sara, past, ANSWERS, now=utcnow())
    reflection = service.reflection_of(sara, past)
    assert (reflection.went_well, reflection.user_id) == ("Ik durfde te praten", sara.id)
    step = service.next_step_to_plan(sara, past)
    assert step.action == "Mijn buurvrouw vragen" and step.owner_id == sara.id
    assert service.next_step_to_plan(sara, past).id == step.id
    plans.delete_step(sara, step)
    db.session.expire_all()
    assert service.reflection_step(sara, service.reflection_of(sara, past)) is None


def test_too_long_is_refused_on_its_field(past, sara):
    with pytest.raises(ServiceError) as refused:
        service.save_reflection(sara, past, {**ANSWERS, "proud_of": "x" * 501}, now=utcnow())
    assert refused.value.field == "proud_of"


def test_her_home_card_of_the_last_meeting_is_one_query_and_says_what_the_pieces_say(
    past, sara, amina, ewa, trainster
):
    """Her home's card (`last_meeting_card`): the same meeting as `last_meeting`, her homework
    step while it is in her plan, and the reflection asked only of who came and wrote none."""
    from sqlalchemy import event

    from webapp.models.agenda import Rsvp

    factories.recap(trainster, past, report="We maakten kennis.", homework="Praat thuis.")
    db.session.add(Rsvp(meeting_id=past.id, user_id=ewa.id, answer="coming"))  # nobody ticked
    db.session.commit()
    assert sara.id  # loaded again after the commit, before counting
    statements = []

    def count(_conn, _cursor, statement, *_args):
        if statement.startswith("SELECT"):  # not the test's own savepoints
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        card = service.last_meeting_card(sara)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 1, statements
    assert card.meeting == service.last_meeting(sara) == past
    assert card.homework_step is None and card.reflection_invited
    assert not service.last_meeting_card(amina).reflection_invited  # ticked as absent
    assert service.last_meeting_card(ewa).reflection_invited  # said she would come

    step = service.take_homework(sara, past)
    service.save_reflection(sara, past, ANSWERS, now=utcnow())
    card = service.last_meeting_card(sara)
    assert card.homework_step == step and not card.reflection_invited
    plans.delete_step(sara, step)
    assert service.last_meeting_card(sara).homework_step is None
