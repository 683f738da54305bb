"""Her inbox in pages of 30, newest first; nothing older is lost, and any page number in the
address gives a page, never an error."""

import re
from datetime import timedelta

import pytest

from webapp.models import utcnow
from webapp.services import reminders
from webapp.services.paging import PER_PAGE


@pytest.fixture
def many_messages(sara, medewerker):
    group = sara.memberships[0].group
    start = utcnow() - timedelta(days=100)
    for n in range(PER_PAGE + 5):
        reminders.send_staff_message(
            medewerker, "group", f"Bericht nummer {n}.", group=group,
            now=start + timedelta(days=n),
        )  # fmt: skip
    return [f"Bericht nummer {n}." for n in reversed(range(PER_PAGE + 5))]


def shown(html: str) -> list[str]:
    return re.findall(r"Bericht nummer \d+\.", html)


def test_the_inbox_pages_by_30_and_keeps_every_message_reachable(client, auth, many_messages, sara):
    auth.login("sara")
    first = client.get("/inbox").get_data(as_text=True)
    assert shown(first) == many_messages[:PER_PAGE]
    assert 'rel="next" href="/inbox?pagina=2"' in first and 'rel="prev"' not in first
    second = client.get("/inbox?pagina=2").get_data(as_text=True)
    assert shown(second) == many_messages[PER_PAGE:]
    assert 'rel="prev" href="/inbox"' in second and 'rel="next"' not in second
    # "Alles gelezen" reads all of them, also those on the older page.
    assert "Alles gelezen" in second


@pytest.mark.parametrize("number", ["abc", "-3", "0", "99999999999999999999999"])
def test_a_page_number_she_did_not_get_from_us_is_no_error(
    client, auth, many_messages, number, sara
):
    auth.login("sara")
    response = client.get(f"/inbox?pagina={number}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert shown(html) == many_messages[:PER_PAGE] or "Naar je nieuwste berichten" in html


def test_all_read_and_forgetting_her_phones_can_wait_in_her_outbox(
    client, auth, many_messages, sara
):
    """Both buttons work from the outbox: applied once, a replay answered the same."""
    import uuid

    auth.login("sara")
    token = auth.token()
    json = {"Accept": "application/json"}
    # She tapped it offline, after the first 11 messages had come in.
    tapped = (utcnow() - timedelta(days=100 - 10, hours=-12)).isoformat()
    data = {"csrf_token": token, "mutation_id": str(uuid.uuid4()), "client_time": tapped}
    assert client.post("/inbox/gelezen", data=data, headers=json).get_json()["result"] == (
        "applied"
    )
    assert client.post("/inbox/gelezen", data=data, headers=json).get_json()["replayed"]
    # Only what had come in when she tapped is read; the newer messages stay new.
    assert reminders.unread_count(sara) == PER_PAGE + 5 - 11
    data = {"csrf_token": token, "mutation_id": str(uuid.uuid4())}
    answer = client.post("/inbox/instellingen/telefoons-vergeten", data=data, headers=json)
    assert answer.get_json()["result"] == "applied"
