"""Her sharing page, her preview, and the staff view of each part: 404 for a part she does not
share with the reader, the same fragment in the staff view and in her preview, every look
shown to her per part."""

import re
from datetime import date

import pytest

from tests import factories
from webapp.services import childcare, cv, sharing
from webapp.services import plan as plans


@pytest.fixture
def sara(sara):
    """Sara with something in every part."""
    plans.add_step(sara, "Cv maken", "vaardigheden")
    cv.save_profile(sara, "Ik werk graag met kinderen.")
    child = childcare.add_child(sara, "Mo", 2022, today=date(2026, 12, 1))
    childcare.start_application(sara, child, "bso")
    childcare.save_calamity_plan(sara, "Mijn zus Hind", "Oma", "")
    return sara


def part_url(person, part: str) -> str:
    return f"/medewerker/deelneemster/{person.id}/{part}"


def fragment(html: str, part: str) -> str:
    found = re.search(
        rf'<div class="shared-part" data-part="{part}">(.*?)</div><!-- /shared-part -->',
        html,
        re.S,
    )
    assert found, part
    return found.group(1)


def share(client, auth, part: str, *viewers):
    return client.post(
        f"/delen/{part}",
        data={"viewer": [str(v.id) for v in viewers], "csrf_token": auth.token()},
    )


def test_a_medewerker_gets_404_until_she_shares_a_part_then_reads_it(
    client, auth, sara, medewerker
):
    auth.login(medewerker)
    for part in sharing.PARTS:
        assert client.get(part_url(sara, part)).status_code == 404
    auth.logout()
    auth.login(sara)
    assert share(client, auth, "noodplan", medewerker).status_code == 303
    auth.logout()
    auth.login(medewerker)
    page = client.get(part_url(sara, "noodplan"))
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Mijn zus Hind" in html
    assert "<form" not in html.split("<main")[1].split("</main>")[0]
    for part in ("plan", "cv", "kinderopvang"):
        assert client.get(part_url(sara, part)).status_code == 404
    group = sara.memberships[0].group
    listed = client.get(f"/medewerker/groepen/{group.id}/gedeeld").get_data(as_text=True)
    assert "Sara" in listed and part_url(sara, "noodplan") in listed
    assert part_url(sara, "plan") not in listed


def test_her_page_shows_each_look_per_part(client, auth, sara, medewerker, trainster):
    sharing.set_viewers(sara, "cv", {medewerker.id, trainster.id})
    auth.login(medewerker)
    assert client.get(part_url(sara, "cv")).status_code == 200
    auth.logout()
    auth.login(sara)
    html = client.get("/delen").get_data(as_text=True)
    cv_card = html.split('id="deel-cv"')[1].split('id="deel-kinderopvang"')[0]
    assert re.search(r"Marieke keek op \d+ \w+ om \d\d:\d\d naar je cv", cv_card)
    plan_card = html.split('id="deel-plan"')[1].split('id="deel-cv"')[0]
    assert "keek op" not in plan_card and "Nog niemand." in plan_card


def test_taking_a_part_back_gives_404_at_once(client, auth, sara, medewerker):
    sharing.set_viewers(sara, "plan", {medewerker.id})
    auth.login(sara)
    share(client, auth, "plan")  # no one ticked
    auth.logout()
    auth.login(medewerker)
    assert client.get(part_url(sara, "plan")).status_code == 404


@pytest.mark.parametrize("part", sharing.PARTS)
def test_her_preview_is_the_same_fragment_the_medewerker_reads(
    client, auth, sara, medewerker, part
):
    sharing.set_viewers(sara, part, {medewerker.id})
    auth.login(sara)
    preview = client.get("/delen/wat-ziet-mijn-projectmedewerker").get_data(as_text=True)
    auth.logout()
    auth.login(medewerker)
    staff = client.get(part_url(sara, part)).get_data(as_text=True)
    assert fragment(preview, part) == fragment(staff, part)
    assert len(fragment(staff, part)) > 100


def test_her_preview_shows_only_what_she_shares(client, auth, sara, medewerker):
    sharing.set_viewers(sara, "cv", {medewerker.id})
    auth.login(sara)
    html = client.get("/delen/wat-ziet-mijn-projectmedewerker").get_data(as_text=True)
    assert 'data-part="cv"' in html and "Ik werk graag met kinderen." in html
    assert 'data-part="noodplan"' not in html and "Mijn zus Hind" not in html
    assert "Gedeeld met: Marieke" in html
    assert "De werkcoach van de gemeente ziet niets van dit alles." in html


def test_a_beheerder_and_another_organisations_medewerker_read_nothing(
    client, auth, sara, medewerker, beheer, elsewhere
):
    for part in sharing.PARTS:
        sharing.set_viewers(sara, part, {medewerker.id})
    auth.login(beheer)
    for part in sharing.PARTS:
        assert client.get(part_url(sara, part)).status_code in (403, 404)
    auth.logout()
    auth.login(elsewhere["staff"])
    for part in sharing.PARTS:
        assert client.get(part_url(sara, part)).status_code == 404
    group = sara.memberships[0].group
    assert client.get(f"/medewerker/groepen/{group.id}/gedeeld").status_code == 404


def test_a_tampered_person_is_refused_with_a_message_and_nothing_is_shared(
    client, auth, sara, elsewhere
):
    auth.login(sara)
    page = share(client, auth, "plan", elsewhere["staff"])
    assert page.status_code == 400
    assert "Met deze persoon kun je niet delen." in page.get_data(as_text=True)
    assert sharing.shares_of(sara)["plan"] == set()
    assert client.post("/delen/bsn", data={"csrf_token": auth.token()}).status_code == 404


def test_the_page_names_the_people_and_says_who_sees_nothing(client, auth, sara, medewerker):
    factories.staff(factories.organisation(), display_name="Ander")
    auth.login(sara)
    html = client.get("/delen").get_data(as_text=True)
    assert "Marieke" in html and "Ander" not in html
    assert "De werkcoach van de gemeente is iemand anders. Die ziet hier niets van" in html
    assert "Ze ziet alleen aantallen van de hele groep, zonder namen." in html
    assert html.count('name="viewer"') == 4  # Marieke, for each of the four parts
