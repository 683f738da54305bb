"""After a meeting: the recap and homework with versions, the homework as a step of hers in one
tap (in her language, once), and her last meeting for her home."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import utcnow
from webapp.models.plan import PlanStep
from webapp.models.reminders import Reminder, ReminderKind
from webapp.services import ServiceError
from webapp.services import materials as service
from webapp.services import plan as plans
from webapp.services.materials import Recap


@pytest.fixture
def past(zuid, medewerker):
    """A meeting of Groep Zuid that ended yesterday."""
    return factories.past_meeting(zuid, by=medewerker, title="Geld")


def test_the_trainster_writes_a_recap_with_versions_and_the_group_hears(
    trainster, past, zuid_participants, elsewhere
):
    service.set_recap(
        trainster, past,
        Recap(report="We **rekenden**.", homework="Bel   de\nbank.", homework_area="geld",
              translations={"homework": {"ar": "اتصلي بالبنك."}, "report": {"pl": "Liczyłyśmy."}}),
    )  # fmt: skip
    db.session.expire_all()
    assert past.homework == "Bel de bank."  # one line
    assert past.text_in("homework", "ar") == "اتصلي بالبنك."
    assert past.text_in("report", "pl") == "Liczyłyśmy." and past.text_in("report", "tr") == (
        "We **rekenden**."
    )
    told = db.session.scalars(
        select(Reminder.user_id).where(
            Reminder.kind == ReminderKind.MEETING_NEWS, Reminder.target_id == past.id
        )
    ).all()
    assert sorted(told) == sorted(p.id for p in zuid_participants)  # not Noor of Groep Noord


def test_only_publishers_of_the_organisation_write_a_recap(sara, trainster, past, elsewhere):
    for user in (sara, elsewhere["staff"]):
        with pytest.raises(ServiceError):
            service.set_recap(user, past, Recap(report="x"))
    with pytest.raises(ServiceError):
        service.set_recap(trainster, past, Recap(homework="x" * 201))


def test_homework_becomes_her_step_in_her_language_once(trainster, amina, ewa, past):
    service.set_recap(
        trainster, past,
        Recap(homework="Bel de bank.", homework_area="geld",
              translations={"homework": {"ar": "اتصلي بالبنك."}}),
    )  # fmt: skip
    made_on_phone = str(uuid.uuid4())
    step = service.take_homework(amina, past, step_uuid=made_on_phone)
    assert (step.action, step.area, step.uuid) == ("اتصلي بالبنك.", "geld", made_on_phone)
    again = service.take_homework(amina, past, step_uuid=str(uuid.uuid4()))
    assert again.id == step.id
    assert service.take_homework(ewa, past).action == "Bel de bank."  # no Polish one
    # Removed from her plan, it can be taken again.
    plans.delete_step(amina, step)
    assert service.homework_step(amina, past) is None
    assert service.take_homework(amina, past).action == "اتصلي بالبنك."
    steps = db.session.scalars(select(PlanStep).where(PlanStep.owner_id == amina.id))
    assert [s.action for s in steps].count("اتصلي بالبنك.") == 1


def test_no_homework_nothing_to_take(sara, past):
    with pytest.raises(ServiceError):
        service.take_homework(sara, past)


def test_her_last_meeting_is_the_latest_with_a_recap_within_four_weeks(
    sara, trainster, medewerker, zuid, past
):
    earlier = factories.past_meeting(zuid, by=medewerker, days_ago=14)
    factories.recap(trainster, earlier, homework="Praat met iemand thuis over je werkwens.")
    # Yesterday's meeting has no recap yet: the one two weeks ago is her last.
    assert service.last_meeting(sara).id == earlier.id
    service.set_recap(trainster, past, Recap(report="Goed gedaan."))
    assert service.last_meeting(sara).id == past.id
    assert service.last_meeting(sara, now=utcnow() + timedelta(days=40)) is None
