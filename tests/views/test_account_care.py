"""Looking after accounts and groups, on the pages: the medewerker on a group page and a
trainster's page, the beheerder on her organisation's page."""

from datetime import timedelta

import pytest

from tests import factories
from tests.conftest import Auth, IsolatedClient
from webapp.models import Role, utcnow
from webapp.services import account_care, accounts, agenda


@pytest.fixture
def zuid(app):
    group = factories.group(name="Groep Zuid")
    staff = factories.staff(group.organisation, username="marieke")
    hanna = factories.participant(group, username="hanna", display_name="Hanna")
    return {"group": group, "staff": staff, "hanna": hanna}


def _phone(app):
    app.test_client_class = IsolatedClient
    client = app.test_client()
    return client, Auth(client)


def test_switched_off_her_logged_in_phone_is_logged_out_and_login_refused(app, client, auth, zuid):
    her_phone, her = _phone(app)
    her.login("hanna")
    assert her_phone.get("/plan/").status_code == 200

    auth.login(zuid["staff"])
    group_page = client.get(f"/medewerker/groepen/{zuid['group'].id}").get_data(as_text=True)
    assert "Account uitzetten" in group_page
    response = client.post(
        f"/medewerker/accounts/{zuid['hanna'].id}/actief",
        data={"csrf_token": auth.token(), "active": "0", "group_id": zuid["group"].id},
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/medewerker/groepen/{zuid['group'].id}")
    assert "staat uit" in client.get(response.headers["Location"]).get_data(as_text=True)

    assert "/login" in her_phone.get("/plan/").headers["Location"]  # her session ended
    refused = her.login("hanna")
    assert refused.status_code == 400 and "Location" not in refused.headers  # the form again

    client.post(
        f"/medewerker/accounts/{zuid['hanna'].id}/actief",
        data={"csrf_token": auth.token(), "active": "1"},
    )
    assert her.login("hanna").headers["Location"] == "/"


def test_she_is_taken_out_of_the_group(client, auth, zuid):
    meeting = factories.meeting(zuid["group"], by=zuid["staff"], title="Koffie")
    auth.login(zuid["staff"])
    response = client.post(
        f"/medewerker/groepen/{zuid['group'].id}/deelneemsters/{zuid['hanna'].id}/uit-de-groep",
        data={"csrf_token": auth.token()},
    )
    assert response.status_code == 303
    assert "Hanna zit niet meer in deze groep." in client.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    auth.logout()
    auth.login("hanna")
    assert "Koffie" not in client.get("/agenda").get_data(as_text=True)
    assert client.get(f"/agenda/{meeting.id}").status_code == 404


def test_a_group_is_renamed_and_archived(client, auth, zuid):
    group = zuid["group"]
    factories.meeting(group, by=zuid["staff"], title="Koffie")
    auth.login(zuid["staff"])
    token = auth.token()
    response = client.post(
        f"/medewerker/groepen/{group.id}/naam", data={"csrf_token": token, "name": ""}
    )
    assert response.status_code == 400
    client.post(
        f"/medewerker/groepen/{group.id}/naam", data={"csrf_token": token, "name": "Zuid 2"}
    )
    assert "Zuid 2" in client.get("/medewerker/").get_data(as_text=True)
    client.post(
        f"/medewerker/groepen/{group.id}/archief", data={"csrf_token": token, "archived": "1"}
    )
    index = client.get("/medewerker/").get_data(as_text=True)
    assert "1 gearchiveerde groep" in index
    settings = client.get(f"/medewerker/groepen/{group.id}/instellingen").get_data(as_text=True)
    assert "Groep terugzetten" in settings
    auth.logout()
    auth.login("hanna")
    assert "Koffie" not in client.get("/agenda").get_data(as_text=True)


def test_a_trainster_is_moved_between_groups_on_her_page(client, auth, zuid):
    noord = factories.group(zuid["group"].organisation, name="Groep Noord")
    trainer = factories.user(
        Role.TRAINER, "nadia", organisation=zuid["group"].organisation, groups=[zuid["group"]]
    )
    auth.login(zuid["staff"])
    assert "Nadia" in client.get("/medewerker/trainsters").get_data(as_text=True)
    page = client.get(f"/medewerker/trainsters/{trainer.id}").get_data(as_text=True)
    assert f'value="{zuid["group"].id}" id="group-{zuid["group"].id}" checked' in page
    response = client.post(
        f"/medewerker/trainsters/{trainer.id}/groepen",
        data={"csrf_token": auth.token(), "groups": [noord.id]},
    )
    assert response.status_code == 303
    assert [g.name for g in accounts.groups_for_staff(trainer)] == ["Groep Noord"]


def test_a_trainster_is_invited_for_a_group(client, auth, zuid):
    auth.login(zuid["staff"])
    index = client.get("/medewerker/").get_data(as_text=True)
    assert 'name="group"' in index
    response = client.post(
        "/medewerker/uitnodigingen/trainster",
        data={"csrf_token": auth.token(), "group": zuid["group"].id, "note": "Nadia"},
    )
    assert response.status_code == 302
    elsewhere = factories.group()
    response = client.post(
        "/medewerker/uitnodigingen/trainster",
        data={"csrf_token": auth.token(), "group": elsewhere.id},
    )
    assert response.status_code == 400


def test_the_beheerder_lists_and_switches_off_staff_of_her_organisation_only(client, auth, zuid):
    admin = factories.admin("beheer2")
    organisation = zuid["group"].organisation
    account_care.add_manager(organisation, admin)
    other = factories.staff(username="elders")
    auth.login(admin)
    index = client.get("/beheer/").get_data(as_text=True)
    assert organisation.name in index and other.organisation.name not in index
    page = client.get(f"/beheer/organisaties/{organisation.id}").get_data(as_text=True)
    assert "marieke" in page and "hanna" not in page
    assert client.get(f"/beheer/organisaties/{other.organisation_id}").status_code == 404
    token = auth.token()
    for path in (
        f"/beheer/accounts/{other.id}/actief",
        f"/beheer/accounts/{zuid['hanna'].id}/actief",
        f"/beheer/organisaties/{other.organisation_id}/medewerker",
    ):
        assert client.post(path, data={"csrf_token": token, "active": "0"}).status_code == 404
    response = client.post(
        f"/beheer/accounts/{zuid['staff'].id}/actief", data={"csrf_token": token, "active": "0"}
    )
    assert response.status_code == 302
    assert accounts.authenticate("marieke", factories.PASSWORD) is None
    assert accounts.authenticate("elders", factories.PASSWORD) is not None


def test_a_deactivated_participant_is_not_on_the_list_of_who_came(client, auth, zuid):
    meeting = factories.meeting(zuid["group"], by=zuid["staff"])
    zuid["hanna"].memberships[0].joined_at = utcnow() - timedelta(days=3)
    account_care.set_active(zuid["staff"], zuid["hanna"].id, False)
    assert agenda.attendance_list(meeting) == []
