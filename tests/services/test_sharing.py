"""Sharing part by part: off by default, with the people of her own groups by name, taken back
at once, and every look logged per part. A beheerder and another organisation read nothing."""

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Share
from webapp.models.sharing import PartView
from webapp.services import ServiceError, account_care, sharing


@pytest.fixture
def people(sara, amina, medewerker, trainster, beheer, elsewhere):
    return {
        "sara": sara,
        "amina": amina,
        "medewerker": medewerker,
        "trainster": trainster,
        "beheer": beheer,
        "elders": elsewhere["staff"],
    }


def test_she_shares_with_the_projectmedewerkers_and_trainster_of_her_group_only(people):
    names = [p.display_name for p in sharing.people_to_share_with(people["sara"])]
    assert names == ["Marieke", "Nadia"]  # projectmedewerker first; no beheerder, nobody else


def test_nothing_is_shared_until_she_chooses(people):
    sara = people["sara"]
    assert sharing.shares_of(sara) == {p: set() for p in sharing.PARTS}
    for part in sharing.PARTS:
        for reader in ("medewerker", "trainster", "beheer", "elders", "amina"):
            assert sharing.readable_part(people[reader], sara.id, part) is None
    assert db.session.scalar(select(func.count(PartView.id))) == 0


def test_each_part_is_shared_by_itself_and_each_look_is_logged_per_part(people):
    sara, marieke, nadia = people["sara"], people["medewerker"], people["trainster"]
    sharing.set_viewers(sara, "cv", {marieke.id})
    sharing.set_viewers(sara, "noodplan", {marieke.id, nadia.id})
    assert sharing.readable_part(marieke, sara.id, "cv") == sara
    assert sharing.readable_part(marieke, sara.id, "plan") is None
    assert sharing.readable_part(nadia, sara.id, "cv") is None
    assert sharing.readable_part(nadia, sara.id, "noodplan") == sara
    looks = sharing.recent_looks(sara)
    assert [v.viewer.display_name for v in looks["cv"]] == ["Marieke"]
    assert [v.viewer.display_name for v in looks["noodplan"]] == ["Nadia"]
    assert looks["plan"] == [] and looks["kinderopvang"] == []


def test_taking_it_back_works_at_once(people):
    sara, marieke = people["sara"], people["medewerker"]
    sharing.set_viewers(sara, "plan", {marieke.id})
    assert sharing.readable_part(marieke, sara.id, "plan") == sara
    sharing.set_viewers(sara, "plan", set())
    assert sharing.readable_part(marieke, sara.id, "plan") is None
    sharing.set_viewers(sara, "cv", {marieke.id})
    sharing.stop_sharing(sara)
    assert sharing.readable_part(marieke, sara.id, "cv") is None


@pytest.mark.parametrize("who", ["beheer", "elders", "amina"])
def test_she_cannot_share_with_anyone_outside_her_group(people, who):
    with pytest.raises(ServiceError):
        sharing.set_viewers(people["sara"], "plan", {people[who].id})
    assert db.session.scalar(select(func.count(Share.id))) == 0


def test_a_beheerder_reads_nothing_even_with_a_share_row(people):
    """Not even a row written past the rules opens her data to a beheerder."""
    sara, beheer = people["sara"], people["beheer"]
    db.session.add(Share(owner_id=sara.id, part="plan", viewer_id=beheer.id))
    db.session.commit()
    assert sharing.readable_part(beheer, sara.id, "plan") is None


def test_an_unknown_part_is_refused(people):
    with pytest.raises(ServiceError):
        sharing.set_viewers(people["sara"], "bsn", {people["medewerker"].id})


def test_reach_ends_when_the_trainster_moves_or_the_reader_is_switched_off(people):
    sara, marieke, nadia = people["sara"], people["medewerker"], people["trainster"]
    sharing.set_viewers(sara, "plan", {marieke.id, nadia.id})
    account_care.set_trainer_groups(marieke, nadia.id, set())  # Nadia works with other groups
    assert sharing.readable_part(nadia, sara.id, "plan") is None
    account_care.set_active(people["beheer"], marieke.id, False)
    assert sharing.readable_part(marieke, sara.id, "plan") is None
    assert sharing.shares_of(sara)["plan"] == set()  # her page says: shared with nobody now


def test_the_reader_sees_who_shares_what_with_her_in_a_group(people, zuid):
    sara, amina, marieke = people["sara"], people["amina"], people["medewerker"]
    sharing.set_viewers(sara, "noodplan", {marieke.id})
    sharing.set_viewers(sara, "plan", {marieke.id})
    sharing.set_viewers(amina, "cv", {people["trainster"].id})
    listed = sharing.participants_sharing_with(marieke, zuid)
    assert [(p.display_name, parts) for p, parts in listed] == [("Sara", ["plan", "noodplan"])]
