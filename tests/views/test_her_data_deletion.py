"""Deleting her account from Meer (password asked, a wrong one deletes nothing), and a
medewerker removing a participant who left (a confirmation that names what goes)."""

from webapp.extensions import db
from webapp.models import User
from webapp.services import plan as plans


def test_a_wrong_password_says_so_and_deletes_nothing(client, auth, sara):
    plans.add_step(sara, "Cv maken", "vaardigheden")
    auth.login(sara)
    page = client.post(
        "/meer/mijn-gegevens/verwijderen", data={"password": "fout", "csrf_token": auth.token()}
    )
    assert page.status_code == 400
    assert "Dat wachtwoord klopt niet. Er is niets verwijderd." in page.get_data(as_text=True)
    assert db.session.get(User, sara.id) is not None
    assert client.get("/plan/").status_code == 200  # still logged in


def test_deleting_logs_her_out_wipes_the_phone_and_says_what_backups_keep(client, auth, sara):
    sara_id = sara.id
    auth.login(sara)
    page = client.get("/meer/mijn-gegevens/").get_data(as_text=True)
    assert "het cv en de sollicitatie-checklist" in page
    assert "Reservekopieën (back-ups) bewaren alles nog hoogstens 30 dagen." in page
    assert "data-online-only" in page
    done = client.post(
        "/meer/mijn-gegevens/verwijderen",
        data={"password": "demo-demo", "csrf_token": auth.token()},
    )
    assert done.status_code == 302 and "bye=verwijderd" in done.headers["Location"]
    assert "storage" in done.headers["Clear-Site-Data"]
    assert db.session.get(User, sara_id) is None
    bye = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Je account is verwijderd, met alles van jou." in bye
    assert client.get("/plan/").status_code == 302  # to the login page


def test_a_medewerker_removes_a_participant_who_left_after_a_named_confirmation(
    client, auth, sara, medewerker, zuid
):
    sara_id = sara.id
    auth.login(medewerker)
    group_page = client.get(f"/medewerker/groepen/{zuid.id}").get_data(as_text=True)
    assert f"/medewerker/deelneemsters/{sara.id}/verwijderen" in group_page
    confirm = client.get(f"/medewerker/deelneemsters/{sara.id}/verwijderen?groep={zuid.id}")
    html = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "Account van Sara verwijderen" in html
    assert "het plan en alle stappen, met wat erbij geschreven is" in html
    wrong = client.post(
        f"/medewerker/deelneemsters/{sara.id}/verwijderen",
        data={"name": "Amina", "group_id": zuid.id, "csrf_token": auth.token()},
    )
    assert wrong.status_code == 400 and db.session.get(User, sara.id) is not None
    done = client.post(
        f"/medewerker/deelneemsters/{sara.id}/verwijderen",
        data={"name": "Sara", "group_id": zuid.id, "csrf_token": auth.token()},
    )
    assert done.status_code == 303 and db.session.get(User, sara_id) is None
    assert "Het account van Sara is verwijderd" in client.get(done.headers["Location"]).get_data(
        as_text=True
    )


def test_a_trainster_or_another_organisation_cannot_remove_her(
    client, auth, sara, trainster, elsewhere
):
    for person in (trainster, elsewhere["staff"]):
        auth.login(person)
        url = f"/medewerker/deelneemsters/{sara.id}/verwijderen"
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, data={"name": "Sara", "csrf_token": auth.token()}).status_code in (
            403,
            404,
        )
        auth.logout()
    assert db.session.get(User, sara.id) is not None
