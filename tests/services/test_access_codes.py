from datetime import timedelta

import pytest

from webapp.extensions import db
from webapp.models import Role, utcnow
from webapp.services import ServiceError, access_codes, accounts


@pytest.fixture
def staff(demo):
    return demo["medewerker"]


@pytest.fixture
def group(staff):
    return staff.organisation.groups[0]


def test_codes_avoid_look_alike_characters():
    for _ in range(200):
        code = access_codes.new_code()
        assert len(code) == 8
        assert not set(code) & set("0O1IL5S2Z8BUV")


def test_codes_are_accepted_as_people_type_them(staff, group):
    invitation = access_codes.create_invitation(staff, Role.PARTICIPANT, staff.organisation, group)
    typed = f" {invitation.code[:4].lower()} - {invitation.code[4:].lower()} "
    assert access_codes.find_open_invitation(typed).id == invitation.id


def test_an_invitation_makes_a_participant_of_its_group_once(staff, group):
    invitation = access_codes.create_invitation(staff, Role.PARTICIPANT, staff.organisation, group)
    user = access_codes.accept_invitation(invitation.code, "Noor", "geheim-123", "Noor", "ar")
    assert user.username == "noor" and user.role == Role.PARTICIPANT and user.language == "ar"
    assert [g.id for g in accounts.groups_of_participant(user)] == [group.id]
    with pytest.raises(ServiceError, match="al gebruikt"):
        access_codes.accept_invitation(invitation.code, "noor2", "geheim-123", "N", "nl")


def test_a_trainer_invitation_belongs_to_the_organisation(staff):
    invitation = access_codes.create_invitation(staff, Role.TRAINER, staff.organisation)
    user = access_codes.accept_invitation(invitation.code, "nadia2", "geheim-123", "Nadia", "nl")
    assert user.role == Role.TRAINER and user.organisation_id == staff.organisation_id
    assert accounts.groups_for_staff(user) == staff.organisation.groups


def test_expired_and_unknown_codes_say_why(staff, group):
    invitation = access_codes.create_invitation(staff, Role.PARTICIPANT, staff.organisation, group)
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(ServiceError, match="verlopen"):
        access_codes.find_open_invitation(invitation.code)
    with pytest.raises(ServiceError, match="kennen deze code niet"):
        access_codes.find_open_invitation("XXXX-XXXX")


def test_a_failed_sign_up_leaves_the_invitation_usable(staff, group):
    invitation = access_codes.create_invitation(staff, Role.PARTICIPANT, staff.organisation, group)
    with pytest.raises(ServiceError):
        access_codes.accept_invitation(invitation.code, "sara", "geheim-123", "Sara", "nl")
    db.session.rollback()
    with pytest.raises(ServiceError, match="8 tekens"):
        access_codes.accept_invitation(invitation.code, "nieuw", "kort", "Nieuw", "nl")
    db.session.rollback()
    assert access_codes.find_open_invitation(invitation.code).used_at is None


def test_reset_code_sets_a_new_password_once(staff, demo):
    sara = demo["sara"]
    reset = access_codes.create_reset_code(staff, sara)
    access_codes.redeem_reset_code(reset.code.lower(), "nieuw-wachtwoord")
    assert accounts.authenticate("sara", "nieuw-wachtwoord").id == sara.id
    assert accounts.authenticate("sara", "demo-demo") is None
    with pytest.raises(ServiceError, match="al gebruikt"):
        access_codes.redeem_reset_code(reset.code, "nog-een-keer")


def test_a_new_reset_code_retires_the_older_one(staff, demo):
    first = access_codes.create_reset_code(staff, demo["sara"])
    access_codes.create_reset_code(staff, demo["sara"])
    with pytest.raises(ServiceError):
        access_codes.redeem_reset_code(first.code, "nieuw-wachtwoord")


def test_staff_only_reach_participants_of_their_own_organisation(staff, demo):
    assert accounts.participant_in_staff_groups(staff, demo["sara"].id).id == demo["sara"].id
    assert accounts.participant_in_staff_groups(staff, demo["medewerker"].id) is None
    assert accounts.participant_in_staff_groups(staff, 999999) is None
