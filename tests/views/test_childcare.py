from webapp.services import childcare


def test_she_adds_a_child_and_tracks_an_application(client, auth, demo):
    auth.login("sara")
    token = auth.token()
    response = client.post(
        "/opvang/kinderen", data={"nickname": "Noah", "birth_year": "2024", "csrf_token": token}
    )
    assert response.status_code == 302
    child = childcare.children_of(demo["sara"])[0]
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


def test_bad_input_is_explained_and_kept(client, auth, demo):
    auth.login("sara")
    response = client.post(
        "/opvang/kinderen",
        data={"nickname": "Noah", "birth_year": "1890", "csrf_token": auth.token()},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'value="Noah"' in page and "Vul een geboortejaar in" in page


def test_another_participants_child_is_not_found(client, auth, demo):
    from datetime import date

    child = childcare.add_child(demo["amina"], "Yusuf", 2023, date.today())
    application = childcare.start_application(demo["amina"], child, "bso")
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


def test_staff_cannot_see_her_childcare(client, auth, demo):
    auth.login("medewerker")
    assert client.get("/opvang/").status_code == 403


def test_calamity_plan_keeps_what_she_typed(client, auth, demo):
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
