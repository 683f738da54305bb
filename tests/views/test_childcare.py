from datetime import date

from webapp.services import childcare


def test_she_adds_a_child_and_tracks_an_application(client, auth, sara):
    auth.login("sara")
    token = auth.token()
    response = client.post(
        "/opvang/kinderen", data={"nickname": "Noah", "birth_year": "2024", "csrf_token": token}
    )
    assert response.status_code == 302
    child = childcare.children_of(sara)[0]
    response = client.post(
        f"/opvang/kinderen/{child.id}/opvang", data={"kind": "peuteropvang", "csrf_token": token}
    )
    location = response.headers["Location"]
    response = client.post(
        location,
        data={
            "status": "waitlist",
            "waiting_for": "",
            "provider": "De Vlinder",
            "next_action": "Bellen",
            "next_action_on": "2026-12-01",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    page = client.get("/opvang/").get_data(as_text=True)
    assert "Noah" in page and "Op de wachtlijst" in page and "Bellen" in page


def test_bad_input_is_explained_and_kept(client, auth, sara):
    auth.login("sara")
    response = client.post(
        "/opvang/kinderen",
        data={"nickname": "Noah", "birth_year": "1890", "csrf_token": auth.token()},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'value="Noah"' in page and "Vul een geboortejaar in" in page


def test_another_participants_child_is_not_found(client, auth, amina, sara):
    from datetime import date

    child = childcare.add_child(amina, "Yusuf", 2023, date.today())
    application = childcare.start_application(amina, child, "bso")
    auth.login("sara")
    token = auth.token()
    assert client.get(f"/opvang/aanvragen/{application.id}").status_code == 404
    assert (
        client.post(
            f"/opvang/aanvragen/{application.id}", data={"status": "running", "csrf_token": token}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/opvang/kinderen/{child.id}/verwijderen", data={"csrf_token": token}
        ).status_code
        == 404
    )
    assert "Yusuf" not in client.get("/opvang/").get_data(as_text=True)


def test_staff_cannot_see_her_childcare(client, auth, medewerker):
    auth.login("medewerker")
    assert client.get("/opvang/").status_code == 403


def test_calamity_plan_keeps_what_she_typed(client, auth, sara):
    auth.login("sara")
    response = client.post(
        "/opvang/noodplan",
        data={
            "sick_child": "x" * 1001,
            "school_holidays": "Oma",
            "study_days": "",
            "csrf_token": auth.token(),
        },
    )
    assert response.status_code == 400
    assert "Oma" in response.get_data(as_text=True)


def test_a_change_to_an_application_removed_elsewhere_is_answered_not_applied(client, auth, sara):
    """From her outbox: answered (so the rest of her queue goes on), said in plain words."""
    import uuid

    auth.login("sara")
    token = auth.token()
    child = childcare.add_child(sara, "Noah", 2022, date.today())
    application = childcare.start_application(sara, child, "bso")
    assert childcare.remove_application(sara, application)
    data = {
        "status": "offered",
        "next_action": "Contract lezen",
        "csrf_token": token,
        "mutation_id": str(uuid.uuid4()),
    }
    json = {"Accept": "application/json"}
    answer = client.post(f"/opvang/aanvragen/{application.id}", data=data, headers=json)
    assert answer.status_code == 200
    assert answer.get_json()["result"] == "not_applied"
    assert "niet bewaard" in answer.get_json()["message"]
    again = client.post(f"/opvang/aanvragen/{application.id}", data=data, headers=json)
    assert again.get_json()["replayed"] is True
    # Sent directly (no outbox): simply not found.
    del data["mutation_id"]
    assert client.post(f"/opvang/aanvragen/{application.id}", data=data).status_code == 404
