"""'Download alles' on Meer: the JSON file and the readable page, in her language, as a
download that no cache keeps. (Read `buffered`: the test client runs each request in a context
of its own, and a streamed body is read inside it; the pieces are tested in the service.)"""

import json

from webapp.services import childcare, sharing
from webapp.services import plan as plans


def test_meer_leads_to_her_data_page(client, auth, sara):
    auth.login(sara)
    assert "/meer/mijn-gegevens/" in client.get("/meer").get_data(as_text=True)
    page = client.get("/meer/mijn-gegevens/").get_data(as_text=True)
    assert "Download alles" in page and "elke-stap.json" in page and "elke-stap.html" in page


def test_the_json_file_is_hers_as_a_download(client, auth, sara, amina):
    plans.add_step(sara, "Cv maken", "vaardigheden")
    plans.add_step(amina, "Taalles", "taal")
    auth.login(sara)
    response = client.get("/meer/mijn-gegevens/elke-stap.json", buffered=True)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert data["account"][0]["username"] == "sara"
    assert [s["action"] for s in data["plan_steps"]] == ["Cv maken"]


def test_the_readable_page_is_in_her_language_with_every_part(client, auth, amina):
    plans.add_step(amina, "درس اللغة", "taal")
    childcare.save_calamity_plan(amina, "أختي", "", "")
    auth.login(amina)
    response = client.get("/meer/mijn-gegevens/elke-stap.html", buffered=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert "درس اللغة" in html and "أختي" in html
    assert "<script" not in html and "<form" not in html
    assert html.count("<h2>") >= len(sharing.PARTS) + 20


def test_staff_have_no_export_of_hers(client, auth, sara, medewerker):
    auth.login(medewerker)
    assert client.get("/meer/mijn-gegevens/elke-stap.json").status_code == 403
