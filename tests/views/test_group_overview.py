"""The overview page and its CSV: figures only, never a name, a login or a child's nickname."""

import pytest

from tests import factories
from tests.overview_fixtures import done_step, participants
from webapp.extensions import db
from webapp.models.plan import StepStatus
from webapp.services import agenda, childcare


def _people_with_everything(group, staff, n):
    """`n` participants with a name, steps, a child on a waiting list, an answer with
    childcare for the next meeting."""
    meeting = factories.meeting(group, by=staff, title="Werk en geld")
    people = participants(group, n)
    for k, person in enumerate(people):
        person.display_name = f"Zoë{k} Verborgen"
        done_step(person, area="taal", rung=4)
        done_step(person, status=StepStatus.BUSY, action=f"Geheime stap {k}")
        db.session.commit()
        child = factories.child(person, nickname=f"Pien{k}")
        application = childcare.start_application(person, child, "bso")
        childcare.update_application(person, application, "waitlist")
        agenda.answer_meeting(
            person, meeting.id, "coming", childcare=agenda.Childcare(True, 1, [3])
        )
    return people


@pytest.fixture
def west():
    group = factories.group(name="Groep West")
    staff = factories.staff(group.organisation)
    return group, staff, _people_with_everything(group, staff, 6)


def _nothing_personal(text: str, people) -> None:
    for n, person in enumerate(people):
        for secret in (person.display_name, f"Zoë{n}", person.username, f"Pien{n}", "Geheime stap"):
            assert secret not in text, secret


def test_the_overview_shows_figures_and_no_person(client, auth, west):
    group, staff, people = west
    auth.login(staff)
    response = client.get(f"/medewerker/groepen/{group.id}/overzicht")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Hoe gaat het met Groep West?" in html
    assert "<dd>6</dd>" in html  # six participants, six moved up, six with a step bezig
    assert "minder dan 5" in html  # the meetings without answers, the empty areas
    _nothing_personal(html, people)


def test_the_csv_has_the_same_figures_and_no_person(client, auth, west):
    group, staff, people = west
    auth.login(staff)
    response = client.get(f"/medewerker/groepen/{group.id}/overzicht.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert "Groep;Deelneemsters in de groep;6" in text
    assert "Participatieladder;Een of meer treden omhoog sinds de start;6" in text
    assert (
        "Kinderopvang (kinderen);Op een wachtlijst of wacht op werk, opleiding of taalles;6" in text
    )
    assert ";Verstuurd;minder dan 5" in text
    _nothing_personal(text, people)


def test_four_people_show_no_figure_five_do(client, auth):
    group = factories.group(name="Groep Klein")
    staff = factories.staff(group.organisation)
    _people_with_everything(group, staff, 4)
    auth.login(staff)
    html = client.get(f"/medewerker/groepen/{group.id}/overzicht").get_data(as_text=True)
    assert "<dd>4</dd>" not in html and "minder dan 5" in html
    participants(group, 1)
    html = client.get(f"/medewerker/groepen/{group.id}/overzicht").get_data(as_text=True)
    assert "<dd>5</dd>" in html  # five in the group (the fifth has no steps yet)


def test_the_group_page_links_to_the_overview(client, auth):
    group = factories.group()
    auth.login(factories.staff(group.organisation))
    html = client.get(f"/medewerker/groepen/{group.id}").get_data(as_text=True)
    assert f"/medewerker/groepen/{group.id}/overzicht" in html


def test_the_overview_is_for_the_medewerker(client, auth):
    group = factories.group()
    for person in (factories.trainer(group.organisation), factories.participant(group)):
        auth.login(person)
        assert client.get(f"/medewerker/groepen/{group.id}/overzicht").status_code == 403
        assert client.get(f"/medewerker/groepen/{group.id}/overzicht.csv").status_code == 403
        auth.logout()


def test_her_sharing_page_says_she_counts_only_in_totals(client, auth):
    auth.login(factories.participant())
    html = client.get("/delen").get_data(as_text=True)
    assert "Wat ziet je projectmedewerker als je niet deelt?" in html
    assert "Ze ziet alleen aantallen van de hele groep, zonder namen." in html
