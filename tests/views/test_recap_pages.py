"""The recap and homework on the pages: the trainster writes them with versions; Amina reads
the Arabic ones on her meeting page and her home, and takes the homework into her plan in one
tap, from the outbox too (sent twice, one step)."""

import re
import uuid

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models.plan import PlanStep

HOMEWORK = "Praat met iemand thuis over je werkwens."
HOMEWORK_AR = "تحدّثي مع شخص في البيت عن رغبتكِ في العمل."


@pytest.fixture
def past(zuid, trainster, medewerker, amina):
    """Last week's meeting of Groep Zuid, with the trainster's homework in Dutch and Arabic."""
    meeting = factories.past_meeting(zuid, by=medewerker, days_ago=7, title="Kennismaken")
    factories.recap(trainster, meeting, report="We maakten kennis.", homework=HOMEWORK,
                    translations={"homework": {"ar": HOMEWORK_AR}})  # fmt: skip
    return meeting


def test_trainster_writes_recap_and_homework_in_two_languages(client, auth, past):
    auth.login("trainster")
    page = client.get(f"/medewerker/materiaal/bijeenkomst/{past.id}").get_data(as_text=True)
    assert 'name="homework_ar"' in page and HOMEWORK in page  # what she wrote before
    response = client.post(
        f"/medewerker/materiaal/bijeenkomst/{past.id}/verslag",
        data={"csrf_token": auth.token(), "report": "We oefenden een **gesprek**.",
              "report_ar": "تدرّبنا على **محادثة**.", "homework": "Oefen je verhaal.",
              "homework_ar": "تدرّبي على قصتكِ.", "homework_area": "vaardigheden"},
    )  # fmt: skip
    assert response.status_code == 303
    auth.logout()
    auth.login("amina")
    html = client.get("/agenda/vorige").get_data(as_text=True)
    assert (
        '<div class="staff-text" lang="ar" dir="auto"><p>تدرّبنا على <strong>محادثة</strong>.</p></div>'
        in html
    )
    assert '<bdi lang="ar">تدرّبي على قصتكِ.</bdi>' in html
    home = client.get("/").get_data(as_text=True)
    assert "تدرّبي على قصتكِ." in home and 'action="/materiaal/bijeenkomst/' in home


def test_a_too_long_homework_is_explained_and_kept(client, auth, past):
    auth.login("trainster")
    response = client.post(
        f"/medewerker/materiaal/bijeenkomst/{past.id}/verslag",
        data={"csrf_token": auth.token(), "report": "Verslag", "homework": "x" * 250,
              "homework_area": "netwerk"},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert re.search(r'id="homework-error"', html) and "Verslag</textarea>" in html


def test_homework_into_her_plan_once_even_when_the_outbox_sends_twice(client, auth, amina, past):
    auth.login("amina")
    data = {"csrf_token": auth.token(), "step_uuid": str(uuid.uuid4()),
            "mutation_id": str(uuid.uuid4()), "client_time": "2026-11-20T10:00:00Z"}  # fmt: skip
    first = client.post(f"/materiaal/bijeenkomst/{past.id}/huiswerk", data=data,
                        headers={"Accept": "application/json"})  # fmt: skip
    again = client.post(f"/materiaal/bijeenkomst/{past.id}/huiswerk", data=data,
                        headers={"Accept": "application/json"})  # fmt: skip
    assert first.json["result"] == "applied" and again.json["replayed"] is True
    # A second tap (a new mutation) gives the same step too.
    tap = client.post(f"/materiaal/bijeenkomst/{past.id}/huiswerk",
                      data={"csrf_token": auth.token(), "terug": "home"})  # fmt: skip
    assert tap.status_code == 303 and tap.headers["Location"] == "/"
    steps = db.session.scalar(
        select(func.count(PlanStep.id)).where(
            PlanStep.owner_id == amina.id, PlanStep.uuid == data["step_uuid"]
        )
    )
    assert steps == 1
    step = db.session.scalar(select(PlanStep).where(PlanStep.uuid == data["step_uuid"]))
    assert step.action == HOMEWORK_AR and step.area == "netwerk"
    html = client.get(f"/agenda/{past.id}").get_data(as_text=True)
    assert f"#stap-{step.uuid}" in html
