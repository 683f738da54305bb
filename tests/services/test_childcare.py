from datetime import date

import pytest

from webapp.services import ServiceError, childcare

TODAY = date(2026, 11, 22)


def test_a_child_is_only_a_nickname_and_a_birth_year(sara):
    child = childcare.add_child(sara, "  Noah ", 2024, TODAY)
    assert (child.nickname, child.birth_year) == ("Noah", 2024)
    with pytest.raises(ServiceError, match="roepnaam"):
        childcare.add_child(sara, "", 2024, TODAY)
    with pytest.raises(ServiceError, match="40 tekens"):
        childcare.add_child(sara, "x" * 41, 2024, TODAY)
    with pytest.raises(ServiceError, match="tussen 2008 en 2027"):
        childcare.add_child(sara, "Noah", 1990, TODAY)


def test_an_application_moves_through_the_steps_and_waiting_has_a_reason(sara):
    child = childcare.add_child(sara, "Noah", 2024, TODAY)
    application = childcare.start_application(sara, child, "kinderdagverblijf")
    assert application.status == "orienting"
    assert childcare.start_application(sara, child, "kinderdagverblijf").id == application.id
    with pytest.raises(ServiceError, match="Waar wacht je op"):
        childcare.update_application(sara, application, "waiting")
    childcare.update_application(sara, application, "waiting", waiting_for="language")
    assert application.waiting_for == "language"
    childcare.update_application(
        sara,
        application,
        "offered",
        waiting_for="language",
        next_action="Contract lezen",
        next_action_on=date(2026, 12, 1),
    )
    assert application.waiting_for == ""  # only kept while she waits
    assert [a.id for a in childcare.next_actions(sara)] == [application.id]


def test_a_date_without_an_action_is_not_kept(sara):
    application = childcare.start_application(
        sara, childcare.add_child(sara, "Noah", 2024, TODAY), "bso"
    )
    childcare.update_application(sara, application, "meeting", next_action_on=date(2026, 12, 1))
    assert application.next_action_on is None


def test_children_and_applications_are_hers_alone(sara, amina):
    child = childcare.add_child(sara, "Noah", 2024, TODAY)
    application = childcare.start_application(sara, child, "gastouder")
    assert childcare.get_child(amina, child.id) is None
    assert childcare.get_application(amina, application.id) is None
    assert childcare.children_of(amina) == []
    with pytest.raises(ServiceError):
        childcare.update_application(amina, application, "running")
    with pytest.raises(ServiceError):
        childcare.start_application(amina, child, "bso")


def test_calamity_plan_is_saved_and_limited(sara):
    assert childcare.calamity_plan_of(sara).sick_child == ""
    childcare.save_calamity_plan(sara, "Mijn zus Hanan", "Oma", "")
    assert childcare.calamity_plan_of(sara).sick_child == "Mijn zus Hanan"
    with pytest.raises(ServiceError, match="1000"):
        childcare.save_calamity_plan(sara, "x" * 1001, "", "")
