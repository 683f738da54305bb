"""The rules of her stappenplan, on a real database."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.i18n import in_language
from webapp.models import utcnow
from webapp.models.plan import PlanStep, StepStatus
from webapp.services import ServiceError
from webapp.services import plan as plans


def test_a_step_is_added_in_its_area_with_the_areas_rung(sara):
    outcome = plans.add_step(sara, "  Naar de   bibliotheek ", "taal")
    step = outcome.step
    assert step.action == "Naar de bibliotheek"
    assert step.status == StepStatus.TODO
    assert step.rung == plans.AREAS["taal"][1]
    assert plans.get_step(sara, step.uuid) is step


def test_empty_and_too_long_texts_are_refused_with_the_field(sara):
    with pytest.raises(ServiceError) as e:
        plans.add_step(sara, "   ", "taal")
    assert e.value.field == "action"
    with pytest.raises(ServiceError) as e:
        plans.add_step(sara, "x" * 201, "taal")
    assert e.value.field == "action"
    with pytest.raises(ServiceError):
        plans.add_step(sara, "Iets", "geen-gebied")


def test_another_participants_step_is_not_found(sara, amina):
    step = plans.add_step(sara, "Cv maken", "vaardigheden").step
    assert plans.get_step(amina, step.uuid) is None
    with pytest.raises(LookupError):
        plans.set_status(amina, step, StepStatus.DONE)


def test_a_step_made_offline_keeps_its_uuid_and_is_added_once(sara):
    key = str(uuid.uuid4())
    first = plans.add_step(sara, "Opvang bellen", "kinderen", step_uuid=key).step
    again = plans.add_step(sara, "Opvang bellen", "kinderen", step_uuid=key).step
    assert first.uuid == key and again.id == first.id
    assert db.session.scalar(select(func.count(PlanStep.id)).where(PlanStep.uuid == key)) == 1


def test_ladder_follows_done_steps_and_never_labels(sara):
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


def test_later_change_wins_per_field_and_the_older_is_reported(sara):
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


def test_a_phone_clock_in_the_future_does_not_win_forever(sara):
    step = plans.add_step(sara, "Cv maken", "vaardigheden").step
    plans.set_status(sara, step, StepStatus.DONE, at=utcnow() + timedelta(days=300))
    later = plans.set_status(sara, step, StepStatus.BUSY)
    assert later.applied == ["status"]


def test_reflection_is_kept_and_can_be_removed(sara):
    step = plans.add_step(sara, "Startbijeenkomst", "netwerk").step
    plans.set_status(sara, step, StepStatus.DONE)
    plans.set_reflection(sara, step, "Ik durfde te praten")
    assert [s.reflection.text for s in plans.timeline(sara).items] == ["Ik durfde te praten"]
    plans.set_reflection(sara, step, "")
    assert step.reflection is None
    with pytest.raises(ServiceError):
        plans.set_reflection(sara, step, "x" * 501)


def test_goal_pause_and_reorder(sara):
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


def test_template_steps_are_copied_so_template_changes_never_rewrite_them(sara):
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


def test_a_copied_default_list_keeps_every_language(zuid, amina):
    template = plans.copy_template(zuid)
    item = template.items[2]
    assert item.action == "Gesprek met mijn werkcoach"  # Dutch, whoever copies it
    assert item.version("action", "ar") == "محادثة مع مرشدي المهني (werkcoach)"
    assert item.version("action", "tr") == "İş koçumla (werkcoach) görüşmek"
    assert item.missing_languages(("action",)) == []
    # Amina picks it from her group's own list and gets it in Arabic.
    with in_language("ar"):
        step = plans.add_step_from_template(amina, f"g{item.id}").step
    assert step.action == "محادثة مع مرشدي المهني (werkcoach)"


def test_a_group_step_has_versions_and_she_reads_hers_else_dutch(zuid):
    item = plans.add_template_item(
        zuid, "taal", "Taalcafé in de wijk", versions={"ar": " مقهى اللغة في الحي ", "pl": ""}
    )
    assert item.translations == {"action": {"ar": "مقهى اللغة في الحي"}}
    items = {i["id"]: i for i in plans.template_items(zuid, "ar")}
    assert (items[item.id]["action"], items[item.id]["lang"]) == ("مقهى اللغة في الحي", "ar")
    items = {i["id"]: i for i in plans.template_items(zuid, "pl")}
    assert (items[item.id]["action"], items[item.id]["lang"]) == ("Taalcafé in de wijk", "nl")
    assert items[item.id]["missing"] == ["pl", "tr", "en"]
    with pytest.raises(ServiceError) as e:
        plans.update_template_item(zuid, item.id, "Taalcafé", versions={"tr": "x" * 201})
    assert e.value.field == "action_tr"
    db.session.refresh(item)
    assert item.action == "Taalcafé in de wijk"  # nothing of the refused change stays
    plans.update_template_item(zuid, item.id, "Taalcafé", versions={"en": "Language café"})
    assert item.translations == {"action": {"en": "Language café"}}
    plans.update_template_item(zuid, item.id, "Het taalcafé")  # no versions given: kept
    assert item.version("action", "en") == "Language café"


def test_a_list_copied_from_another_group_keeps_its_versions(zuid, medewerker):
    other = factories.group(medewerker.organisation)
    item = plans.add_template_item(other, "taal", "Taalcafé", versions={"tr": "Dil kafesi"})
    copied = plans.copy_template(zuid, other).items
    assert copied[-1].action == "Taalcafé" and copied[-1].version("action", "tr") == "Dil kafesi"
    assert copied[-1].id != item.id


def test_demo_plan_of_sara_is_not_empty(sara):
    plans.demo_steps(sara)  # what the demo loader makes of her plan
    made = len(plans.steps_of(sara))
    plans.demo_steps(sara)  # the demo loaded again adds nothing
    assert len(plans.steps_of(sara)) == made >= 5
    assert any(s.reflection is not None for s in plans.timeline(sara).items)
    assert plans.next_step(sara).status == StepStatus.BUSY


def test_next_step_is_the_busy_one_else_the_first_to_do_and_only_hers(sara, amina):
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
