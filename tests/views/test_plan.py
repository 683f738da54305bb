"""Her plan pages, their htmx fragments, the offline idempotency layer and who may see what."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models import utcnow
from webapp.models.mutations import AppliedMutation
from webapp.models.plan import PlanStep, StepStatus, StepTemplateItem
from webapp.services import plan as plans

HX = {"HX-Request": "true"}
JSON = {"Accept": "application/json"}


@pytest.fixture
def sara(sara):
    """Sara with a plan: her goal, a step done with a reflection, the step she is busy with (her
    next step) and one still to do."""
    plans.set_goal(sara, "werk", "Werken in de kinderopvang")
    done = factories.step(sara, "Naar de startbijeenkomst gaan", "netwerk")
    plans.set_status(sara, done, StepStatus.DONE)
    plans.set_reflection(sara, done, "Ik heb verteld over mijn kinderen.")
    busy = factories.step(sara, "Mijn cv maken", "vaardigheden")
    plans.set_status(sara, busy, StepStatus.BUSY)
    factories.step(sara, "Nederlandse les zoeken", "taal")
    return sara


def first_open_step(user):
    return next(s for s in plans.steps_of(user) if s.status == StepStatus.TODO)


def test_page_shows_goal_steps_by_area_and_ladder(client, auth, sara):
    auth.login("sara")
    response = client.get("/plan/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    assert "Mijn doel" in html and "Werken in de kinderopvang" in html
    assert 'id="area-taal"' in html and 'id="area-vaardigheden"' in html
    assert "(hier sta je)" in html
    assert "onbemiddelbaar" not in html
    assert html.count("data-offline") >= 5
    assert 'name="mutation_id"' in html


def test_status_by_htmx_answers_the_step_fragment_and_the_ladder(client, auth, sara):
    auth.login("sara")
    step = first_open_step(sara)
    token = auth.token()
    response = client.post(
        f"/plan/stappen/{step.uuid}/status",
        data={"status": "gedaan", "csrf_token": token},
        headers=HX,
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html
    assert f'id="stap-{step.uuid}"' in html
    assert 'hx-swap-oob="true"' in html
    assert db.session.get(PlanStep, step.id).status == StepStatus.DONE
    # The same URL without htmx: a redirect back to the plan.
    plain = client.post(
        f"/plan/stappen/{step.uuid}/status", data={"status": "bezig", "csrf_token": token}
    )
    assert plain.status_code == 303
    assert plain.headers["Location"].endswith(f"/plan/#stap-{step.uuid}")


def test_add_from_template_by_htmx_returns_the_steps_fragment(client, auth, ewa):
    auth.login("ewa")
    key = str(uuid.uuid4())
    response = client.post(
        "/plan/stappen",
        data={"template": "d10", "step_uuid": key, "csrf_token": auth.token()},
        headers=HX,
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="steps">')
    step = plans.get_step(ewa, key)
    assert step.action in html  # copied in her language (Polish)
    assert step.area == plans.DEFAULT_TEMPLATE[10][0]


def test_own_step_with_empty_or_long_text_keeps_what_she_typed(client, auth, sara):
    auth.login("sara")
    response = client.post(
        "/plan/stappen",
        data={"action": "", "area": "taal", "helper": "Mijn zus", "csrf_token": auth.token()},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Vul dit in." in html
    assert 'value="Mijn zus"' in html
    response = client.post(
        "/plan/stappen",
        data={"action": "x" * 201, "area": "taal", "csrf_token": auth.token()},
    )
    assert response.status_code == 400
    assert "Maximaal 200 tekens" in response.get_data(as_text=True)


def test_another_participants_step_gives_404(client, auth, sara, amina):
    step = plans.steps_of(sara)[0]
    auth.login("amina")
    token = auth.token()
    assert client.get(f"/plan/stappen/{step.uuid}").status_code == 404
    assert (
        client.post(f"/plan/stappen/{step.uuid}/weg", data={"csrf_token": token}).status_code == 404
    )
    before = step.status
    response = client.post(
        f"/plan/stappen/{step.uuid}/status", data={"status": "niet_nodig", "csrf_token": token}
    )
    assert response.status_code == 404
    # From her outbox the same attempt is answered "not applied", never applied.
    response = client.post(
        f"/plan/stappen/{step.uuid}/status",
        data={"status": "niet_nodig", "csrf_token": token, "mutation_id": str(uuid.uuid4())},
        headers=JSON,
    )
    assert response.get_json()["result"] == "not_applied"
    assert db.session.get(PlanStep, step.id).status == before


def test_a_mutation_sent_twice_is_applied_once_with_the_same_answer(client, auth, ewa):
    auth.login("ewa")
    token = auth.token()
    mutation = str(uuid.uuid4())
    data = {
        "action": "Bellen met de bieb",
        "area": "taal",
        "mutation_id": mutation,
        "client_time": utcnow().isoformat() + "Z",
        "csrf_token": token,
    }
    first = client.post("/plan/stappen", data=data)
    second = client.post("/plan/stappen", data=data)
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"] == first.headers["Location"]
    assert second.headers["X-Mutation-Replayed"] == "1"
    replay = client.post("/plan/stappen", data=data, headers=JSON)
    assert replay.get_json() == {"result": "applied", "message": "", "replayed": True}
    count = db.session.scalar(
        select(func.count(PlanStep.id)).where(PlanStep.action == "Bellen met de bieb")
    )
    assert count == 1
    # The step made offline took the mutation's identity when no step_uuid was sent.
    assert plans.steps_of(ewa)[0].action == "Bellen met de bieb"


def test_mutation_ids_are_per_user(client, auth, ewa, elif_):
    mutation = str(uuid.uuid4())
    for name in ("ewa", "elif"):
        auth.login(name)
        client.post(
            "/plan/stappen",
            data={
                "action": f"Stap van {name}",
                "area": "taal",
                "mutation_id": mutation,
                "csrf_token": auth.token(),
            },
        )
        auth.logout()
    assert db.session.scalar(select(func.count(AppliedMutation.id))) == 2
    assert plans.steps_of(elif_)[0].action == "Stap van elif"


def test_a_change_someone_else_made_on_this_phone_is_never_applied_as_her(
    client, auth, sara, amina
):
    """Sara's page (or her queue) sent while Amina is logged in on the same phone."""
    auth.login("amina")
    page = client.get("/plan/").get_data(as_text=True)
    assert f'name="owner" value="{amina.id}"' in page  # each offline form says whose it is
    data = {
        "action": "Stap van Sara",
        "area": "taal",
        "owner": str(sara.id),
        "mutation_id": str(uuid.uuid4()),
        "csrf_token": auth.token(),
    }
    assert client.post("/plan/stappen", data=data, headers=JSON).get_json()["result"] == (
        "not_yours"
    )
    assert client.post("/plan/stappen", data=data).status_code == 403
    assert db.session.scalar(select(func.count(AppliedMutation.id))) == 0
    assert plans.steps_of(amina) == []
    data["owner"] = str(amina.id)
    assert client.post("/plan/stappen", data=data).status_code == 303
    assert [s.action for s in plans.steps_of(amina)] == ["Stap van Sara"]


def test_replay_for_a_step_deleted_on_another_phone_is_not_applied(client, auth, sara):
    auth.login("sara")
    step_uuid = first_open_step(sara).uuid
    token = auth.token()
    client.post(f"/plan/stappen/{step_uuid}/weg", data={"csrf_token": token})
    data = {"status": "gedaan", "mutation_id": str(uuid.uuid4()), "csrf_token": token}
    response = client.post(f"/plan/stappen/{step_uuid}/status", data=data, headers=JSON)
    body = response.get_json()
    assert response.status_code == 200
    assert body["result"] == "not_applied"
    assert "bestaat niet meer" in body["message"]
    again = client.post(f"/plan/stappen/{step_uuid}/status", data=data, headers=JSON)
    assert again.get_json()["result"] == "not_applied" and again.get_json()["replayed"]


def test_an_older_change_is_reported_as_superseded(client, auth, sara):
    auth.login("sara")
    step = first_open_step(sara)
    token = auth.token()
    client.post(
        f"/plan/stappen/{step.uuid}/status",
        data={"status": "gedaan", "client_time": utcnow().isoformat(), "csrf_token": token},
    )
    older = (utcnow() - timedelta(hours=2)).isoformat() + "Z"
    response = client.post(
        f"/plan/stappen/{step.uuid}/status",
        data={
            "status": "bezig",
            "client_time": older,
            "mutation_id": str(uuid.uuid4()),
            "csrf_token": token,
        },
        headers=JSON,
    )
    assert response.get_json()["result"] == "superseded"
    assert db.session.get(PlanStep, step.id).status == StepStatus.DONE


def test_invalid_replay_is_not_remembered(client, auth, sara):
    auth.login("sara")
    mutation = str(uuid.uuid4())
    data = {"action": "", "area": "taal", "mutation_id": mutation, "csrf_token": auth.token()}
    response = client.post("/plan/stappen", data=data, headers=JSON)
    assert response.status_code == 400
    assert response.get_json()["result"] == "invalid"
    assert db.session.scalar(select(func.count(AppliedMutation.id))) == 0


def test_logged_out_replay_gets_401_never_the_login_page(client, auth, sara):
    response = client.post("/plan/stappen", data={"action": "x", "area": "taal"}, headers=JSON)
    # CSRF is checked first on a logged-out phone; either way, never a 200 login page.
    assert response.status_code in (400, 401)
    assert response.is_json
    assert client.get("/offline/token", headers=JSON).status_code == 401
    auth.login("sara")
    token = client.get("/offline/token", headers=JSON)
    assert token.status_code == 200
    assert token.get_json()["user"] == sara.id
    assert token.headers["Cache-Control"] == "no-store"


def test_reflection_and_edit_and_timeline(client, auth, sara):
    auth.login("sara")
    step = first_open_step(sara)
    token = auth.token()
    client.post(f"/plan/stappen/{step.uuid}/status", data={"status": "gedaan", "csrf_token": token})
    client.post(
        f"/plan/stappen/{step.uuid}/trots", data={"text": "Ik heb gebeld!", "csrf_token": token}
    )
    response = client.post(
        f"/plan/stappen/{step.uuid}",
        data={
            "action": "Les zoeken bij de bieb",
            "area": "taal",
            "helper": "",
            "if_hard": "",
            "csrf_token": token,
        },
    )
    assert response.status_code == 303
    timeline = client.get("/plan/gedaan").get_data(as_text=True)
    assert "Les zoeken bij de bieb" in timeline and "Ik heb gebeld!" in timeline
    too_long = client.post(
        f"/plan/stappen/{step.uuid}/trots", data={"text": "x" * 501, "csrf_token": token}
    )
    assert too_long.status_code == 400


def test_pause_is_a_normal_state(client, auth, sara):
    auth.login("sara")
    client.post("/plan/pauze", data={"paused": "1", "csrf_token": auth.token()})
    html = client.get("/plan/").get_data(as_text=True)
    assert "Je plan staat op pauze" in html and "Verder met mijn plan" in html


def test_home_card_shows_her_next_step(client, auth, sara):
    auth.login("sara")
    html = client.get("/").get_data(as_text=True)
    assert "Mijn cv maken" in html


def test_staff_edits_the_group_template_without_touching_her_steps(client, auth, sara, medewerker):
    group = sara.memberships[0].group
    before = [(s.uuid, s.action) for s in plans.steps_of(sara)]
    auth.login("medewerker")
    token = auth.token()
    assert client.get(f"/plan/medewerker/groep/{group.id}/sjabloon").status_code == 200
    client.post(f"/plan/medewerker/groep/{group.id}/sjabloon/kopie", data={"csrf_token": token})
    client.post(
        f"/plan/medewerker/groep/{group.id}/sjabloon/stappen",
        data={"area": "taal", "action": "Taalcafé in de wijk", "csrf_token": token},
    )
    item = plans.template_items(group)[0]
    client.post(
        f"/plan/medewerker/groep/{group.id}/sjabloon/stappen/{item['id']}",
        data={"action": "Naar de startbijeenkomst (nieuw)", "csrf_token": token},
    )
    actions = [i["action"] for i in plans.template_items(group)]
    assert "Taalcafé in de wijk" in actions and "Naar de startbijeenkomst (nieuw)" in actions
    assert [(s.uuid, s.action) for s in plans.steps_of(sara)] == before
    auth.logout()
    auth.login("sara")
    assert "Taalcafé in de wijk" in client.get("/plan/").get_data(as_text=True)


def test_a_step_with_a_date_offers_push_and_one_without_does_not(client, auth, sara):
    auth.login("sara")
    client.post(
        "/plan/stappen",
        data={"action": "Taalcafé", "area": "taal", "csrf_token": auth.token()},
    )
    assert 'data-offer="1"' not in client.get("/plan/").get_data(as_text=True)
    client.post(
        "/plan/stappen",
        data={"action": "Bellen met werkcoach", "area": "werk", "moment": "2026-12-03",
              "csrf_token": auth.token()},
    )  # fmt: skip
    assert 'data-offer="1"' in client.get("/plan/").get_data(as_text=True)


def test_a_group_step_written_in_arabic_reaches_amina_in_arabic(
    client, auth, medewerker, zuid, amina, ewa
):
    auth.login("medewerker")
    client.post(
        f"/plan/medewerker/groep/{zuid.id}/sjabloon/stappen",
        data={"area": "taal", "action": "Taalcafé in de wijk", "action_ar": "مقهى اللغة في الحي",
              "csrf_token": auth.token()},
    )  # fmt: skip
    page = client.get(f"/plan/medewerker/groep/{zuid.id}/sjabloon").get_data(as_text=True)
    assert "Taalcafé in de wijk" in page and "nog niet: Pools, Turks, Engels" in page
    auth.logout()
    auth.login(amina)
    her = client.get("/plan/").get_data(as_text=True)
    assert '<bdi lang="ar">مقهى اللغة في الحي</bdi>' in her
    auth.logout()
    auth.login(ewa)  # no Polish version yet: the Dutch text, marked Dutch
    assert '<bdi lang="nl">Taalcafé in de wijk</bdi>' in client.get("/plan/").get_data(as_text=True)


def test_staff_edit_a_group_step_in_every_language(client, auth, medewerker, zuid):
    item = plans.copy_template(zuid).items[2]
    auth.login("medewerker")
    url = f"/plan/medewerker/groep/{zuid.id}/sjabloon/stappen/{item.id}"
    page = client.get(url).get_data(as_text=True)
    assert 'value="Gesprek met mijn werkcoach"' in page
    assert 'value="İş koçumla (werkcoach) görüşmek"' in page  # the copied version, to edit
    typed = "Gesprek met mijn werkcoach over werk"
    response = client.post(
        url, data={"action": typed, "action_en": "x" * 201, "csrf_token": auth.token()}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'value="{typed}"' in page  # what she typed stays
    assert '<details class="versions" open>' in page  # the mistake is in sight
    client.post(
        url, data={"action": typed, "action_en": "Talk about work", "csrf_token": auth.token()}
    )
    db.session.refresh(item)
    assert item.action == typed and item.translations == {"action": {"en": "Talk about work"}}
    item_id = item.id
    client.post(url, data={"weg": "1", "csrf_token": auth.token()})
    assert not db.session.scalar(select(func.count()).where(StepTemplateItem.id == item_id))


def test_another_groups_step_is_not_found_through_her_group(
    client, auth, medewerker, zuid, elsewhere
):
    foreign = plans.copy_template(elsewhere["group"]).items[0]
    plans.copy_template(zuid)
    auth.login("medewerker")
    url = f"/plan/medewerker/groep/{zuid.id}/sjabloon/stappen/{foreign.id}"
    assert client.get(url).status_code == 404
    assert client.post(url, data={"weg": "1", "csrf_token": auth.token()}).status_code == 404
    assert plans.get_template_item(elsewhere["group"], foreign.id) is not None
