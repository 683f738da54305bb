from datetime import timedelta

import pytest

from tests import factories
from webapp.extensions import db
from webapp.models import Group, Role, utcnow
from webapp.services import ServiceError, access_codes, accounts


@pytest.fixture
def staff(medewerker):
    return medewerker


@pytest.fixture
def group(zuid):
    return zuid


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


def test_a_trainer_invitation_belongs_to_the_organisation_and_its_group(staff, group):
    other = Group(organisation_id=staff.organisation_id, name="Groep Anders")
    db.session.add(other)
    db.session.commit()
    invitation = access_codes.create_invitation(staff, Role.TRAINER, staff.organisation, group)
    user = access_codes.accept_invitation(invitation.code, "nadia2", "geheim-123", "Nadia", "nl")
    assert user.role == Role.TRAINER and user.organisation_id == staff.organisation_id
    assert [g.id for g in accounts.groups_for_staff(user)] == [group.id]  # not the other group


def test_expired_and_unknown_codes_say_why(staff, group):
    invitation = access_codes.create_invitation(staff, Role.PARTICIPANT, staff.organisation, group)
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(ServiceError, match="verlopen"):
        access_codes.find_open_invitation(invitation.code)
    with pytest.raises(ServiceError, match="kennen deze code niet"):
        access_codes.find_open_invitation("XXXX-XXXX")


def test_a_failed_sign_up_leaves_the_invitation_usable(staff, group, sara):
    invitation = access_codes.create_invitation(staff, Role.PARTICIPANT, staff.organisation, group)
    with pytest.raises(ServiceError):
        access_codes.accept_invitation(invitation.code, "sara", "geheim-123", "Sara", "nl")
    db.session.rollback()
    with pytest.raises(ServiceError, match="8 tekens"):
        access_codes.accept_invitation(invitation.code, "nieuw", "kort", "Nieuw", "nl")
    db.session.rollback()
    assert access_codes.find_open_invitation(invitation.code).used_at is None


def test_reset_code_sets_a_new_password_once(staff, sara):
    reset = access_codes.create_reset_code(staff, sara)
    access_codes.redeem_reset_code("Sara ", reset.code.lower(), "nieuw-wachtwoord")
    assert accounts.authenticate("sara", "nieuw-wachtwoord").id == sara.id
    assert accounts.authenticate("sara", factories.PASSWORD) is None
    with pytest.raises(ServiceError, match="al gebruikt"):
        access_codes.redeem_reset_code("sara", reset.code, "nog-een-keer")


def test_a_reset_code_works_only_with_her_login_name(staff, sara, zuid):
    ewa = factories.participant(zuid, username="ewa")
    reset = access_codes.create_reset_code(staff, sara)
    # Another person's name, or a name nobody has: the words of a code we do not know.
    for name in ("ewa", "sar", "", "medewerker"):
        with pytest.raises(ServiceError, match="Deze naam of deze code klopt niet"):
            access_codes.redeem_reset_code(name, reset.code, "nieuw-wachtwoord")
    assert accounts.authenticate("sara", factories.PASSWORD).id == sara.id
    assert accounts.authenticate("ewa", factories.PASSWORD).id == ewa.id
    access_codes.redeem_reset_code("sara", reset.code, "nieuw-wachtwoord")
    assert accounts.authenticate("sara", "nieuw-wachtwoord").id == sara.id


def test_a_used_or_expired_code_is_said_only_with_the_right_name(staff, sara, zuid):
    factories.participant(zuid, username="ewa")
    used = access_codes.create_reset_code(staff, sara)
    access_codes.redeem_reset_code("sara", used.code, "nieuw-wachtwoord")
    with pytest.raises(ServiceError, match="Deze naam of deze code klopt niet"):
        access_codes.redeem_reset_code("ewa", used.code, "nog-een-keer")
    expired = access_codes.create_reset_code(staff, sara, hours=-1)
    with pytest.raises(ServiceError, match="Deze naam of deze code klopt niet"):
        access_codes.redeem_reset_code("ewa", expired.code, "nog-een-keer")
    with pytest.raises(ServiceError, match="verlopen"):
        access_codes.redeem_reset_code("sara", expired.code, "nog-een-keer")


def test_a_new_reset_code_retires_the_older_one(staff, sara):
    first = access_codes.create_reset_code(staff, sara)
    access_codes.create_reset_code(staff, sara)
    with pytest.raises(ServiceError):
        access_codes.redeem_reset_code("sara", first.code, "nieuw-wachtwoord")


def test_staff_only_reach_participants_of_their_own_organisation(staff, sara, elsewhere):
    assert accounts.participant_in_staff_groups(staff, sara.id).id == sara.id
    assert accounts.participant_in_staff_groups(staff, staff.id) is None
    assert accounts.participant_in_staff_groups(staff, elsewhere["participant"].id) is None
    assert accounts.participant_in_staff_groups(staff, 999999) is None


def test_codes_last_as_long_as_the_deployment_says(app, staff, group, sara):
    app.config["INVITATION_DAYS"], app.config["RESET_CODE_HOURS"] = 3, 2
    invitation = access_codes.create_invitation(staff, Role.PARTICIPANT, staff.organisation, group)
    reset = access_codes.create_reset_code(staff, sara)
    assert abs(invitation.expires_at - (utcnow() + timedelta(days=3))) < timedelta(minutes=1)
    assert abs(reset.expires_at - (utcnow() + timedelta(hours=2))) < timedelta(minutes=1)
