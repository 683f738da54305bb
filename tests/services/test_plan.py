"""The rules of her stappenplan, on a real database."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import utcnow
from webapp.models.plan import PlanAccess, PlanStep, StepStatus
from webapp.services import ServiceError
from webapp.services import plan as plans


def test_a_step_is_added_in_its_area_with_the_areas_rung(demo):
    sara = demo["sara"]
    outcome = plans.add_step(sara, "  Naar de   bibliotheek ", "taal")
    step = outcome.step
    assert step.action == "Naar de bibliotheek"
    assert step.status == StepStatus.TODO
    assert step.rung == plans.AREAS["taal"][1]
    assert plans.get_step(sara, step.uuid) is step


def test_empty_and_too_long_texts_are_refused_with_the_field(demo):
    with pytest.raises(ServiceError) as e:
        plans.add_step(demo["sara"], "   ", "taal")
    assert e.value.field == "action"
    with pytest.raises(ServiceError) as e:
        plans.add_step(demo["sara"], "x" * 201, "taal")
    assert e.value.field == "action"
    with pytest.raises(ServiceError):
        plans.add_step(demo["sara"], "Iets", "geen-gebied")


def test_another_participants_step_is_not_found(demo):
    step = plans.add_step(demo["sara"], "Cv maken", "vaardigheden").step
    assert plans.get_step(demo["amina"], step.uuid) is None
    with pytest.raises(LookupError):
        plans.set_status(demo["amina"], step, StepStatus.DONE)


def test_a_step_made_offline_keeps_its_uuid_and_is_added_once(demo):
    sara = demo["sara"]
    key = str(uuid.uuid4())
    first = plans.add_step(sara, "Opvang bellen", "kinderen", step_uuid=key).step
    again = plans.add_step(sara, "Opvang bellen", "kinderen", step_uuid=key).step
    assert first.uuid == key and again.id == first.id
    assert db.session.scalar(select(func.count(PlanStep.id)).where(PlanStep.uuid == key)) == 1


def test_ladder_follows_done_steps_and_never_labels(demo):
    sara = demo["ewa"]  # no demo steps
    assert plans.ladder(sara)["rung"] == 1
    volunteer = plans.add_step(sara, "Vrijwilligerswerk zoeken", "werkervaring").step
    talk = plans.add_step(sara, "Koffieochtend", "netwerk").step
    plans.set_status(sara, talk, StepStatus.DONE)
    assert plans.ladder(sara)["rung"] == 2
    plans.set_status(sara, volunteer, StepStatus.DONE)
    ladder = plans.ladder(sara)
    assert ladder["rung"] == 4 and ladder["up"] == 3
    # A step no longer needed does not count.
    plans.set_status(sara, volunteer, StepStatus.DROPPED)
    assert plans.ladder(sara)["rung"] == 2
    labels = " ".join(str(label) for _n, label in ladder["rungs"]).lower()
    assert "onbemiddelbaar" not in labels and "geïsoleerd" not in labels


def test_later_change_wins_per_field_and_the_older_is_reported(demo):
    sara = demo["sara"]
    now = utcnow()
    step = plans.add_step(sara, "Cv maken", "vaardigheden", at=now - timedelta(hours=1)).step
    plans.set_status(sara, step, StepStatus.DONE, at=now - timedelta(minutes=1))
    late = plans.set_status(sara, step, StepStatus.BUSY, at=now - timedelta(minutes=5))
    assert late.superseded == ["status"] and late.applied == []
    assert step.status == StepStatus.DONE
    # Another field changed by the older phone still arrives.
    other = plans.update_step(sara, step, {"helper": "Buurvrouw"}, at=now - timedelta(minutes=5))
    assert other.applied == ["helper"]
    assert step.helper == "Buurvrouw"


def test_a_phone_clock_in_the_future_does_not_win_forever(demo):
    sara = demo["sara"]
    step = plans.add_step(sara, "Cv maken", "vaardigheden").step
    plans.set_status(sara, step, StepStatus.DONE, at=utcnow() + timedelta(days=300))
    later = plans.set_status(sara, step, StepStatus.BUSY)
    assert later.applied == ["status"]


def test_reflection_is_kept_and_can_be_removed(demo):
    sara = demo["ewa"]
    step = plans.add_step(sara, "Startbijeenkomst", "netwerk").step
    plans.set_status(sara, step, StepStatus.DONE)
    plans.set_reflection(sara, step, "Ik durfde te praten")
    assert [s.reflection.text for s in plans.done_steps(sara)] == ["Ik durfde te praten"]
    plans.set_reflection(sara, step, "")
    assert step.reflection is None
    with pytest.raises(ServiceError):
        plans.set_reflection(sara, step, "x" * 501)


def test_goal_pause_and_reorder(demo):
    sara = demo["ewa"]
    plans.set_goal(sara, "ontdekken")
    assert plans.get_plan(sara).goal_kind == "ontdekken"
    with pytest.raises(ServiceError):
        plans.set_goal(sara, "iets anders")
    plans.set_paused(sara, True)
    assert plans.get_plan(sara).paused
    a = plans.add_step(sara, "A", "taal").step
    b = plans.add_step(sara, "B", "taal").step
    plans.move_step(sara, b, -1)
    assert [s.action for s in plans.steps_of(sara)] == ["B", "A"]
    plans.delete_step(sara, a)
    assert plans.get_step(sara, a.uuid) is None


def test_template_steps_are_copied_so_template_changes_never_rewrite_them(demo):
    sara, staff = demo["sara"], demo["medewerker"]
    group = sara.memberships[0].group
    default = plans.template_for(sara)
    assert default[0]["key"] == "d0" and len(default) == len(plans.DEFAULT_TEMPLATE)
    step = plans.add_step_from_template(sara, "d0").step
    assert step.action == str(plans.DEFAULT_TEMPLATE[0][1])
    plans.copy_template(group)
    items = plans.template_for(sara)
    assert items[0]["key"].startswith("g")
    plans.update_template_item(group, items[0]["id"], "Iets heel anders")
    assert plans.template_for(sara)[0]["action"] == "Iets heel anders"
    db.session.refresh(step)
    assert step.action == str(plans.DEFAULT_TEMPLATE[0][1])
    with pytest.raises(ServiceError):
        plans.add_step_from_template(sara, "d0")  # the group no longer uses the default
    plans.reset_template(group)
    assert plans.template_for(sara)[0]["key"] == "d0"
    assert staff is not None


def test_staff_read_only_when_shared_and_each_read_is_logged(demo):
    sara, staff = demo["sara"], demo["medewerker"]
    plans.add_step(sara, "Cv maken", "vaardigheden")
    assert plans.shared_plan_for_staff(staff, sara.id) is None  # off by default
    plans.set_shared(sara, True)
    assert plans.shared_plan_for_staff(staff, sara.id) == sara
    assert plans.shared_plan_for_staff(demo["trainster"], sara.id) is None
    assert plans.shared_plan_for_staff(demo["amina"], sara.id) is None
    log = plans.access_log(sara)
    assert [entry.staff_id for entry in log] == [staff.id]
    plans.set_shared(sara, False)
    assert plans.shared_plan_for_staff(staff, sara.id) is None
    assert db.session.scalar(select(func.count(PlanAccess.id))) == 1


def test_demo_plan_of_sara_is_not_empty(demo):
    sara = demo["sara"]
    assert len(plans.steps_of(sara)) >= 5
    assert any(s.reflection is not None for s in plans.done_steps(sara))
    assert plans.next_step(sara).status == StepStatus.BUSY


def test_next_step_is_the_busy_one_else_the_first_to_do_and_only_hers(demo):
    sara, amina = demo["sara"], demo["amina"]
    for step in plans.steps_of(sara):
        plans.delete_step(sara, step)
    assert plans.next_step(sara) is None
    first = plans.add_step(sara, "Eerste", "taal").step
    second = plans.add_step(sara, "Tweede", "taal").step
    plans.add_step(amina, "Van Amina", "taal")
    assert plans.next_step(sara) == first
    plans.set_status(sara, second, StepStatus.BUSY)
    assert plans.next_step(sara) == second  # busy comes before the order of her list
    plans.set_status(sara, second, StepStatus.DONE)
    plans.set_status(sara, first, StepStatus.DONE)
    assert plans.next_step(sara) is None
