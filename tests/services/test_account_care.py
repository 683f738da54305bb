"""Looking after accounts and groups: switching an account off (no login, no reminders, not
invited, data kept), taking a participant out of a group, renaming and archiving a group,
moving a trainster, and where the powers of a medewerker and a beheerder end."""

from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models import Invitation, Membership, Role, utcnow
from webapp.models.plan import PlanStep
from webapp.models.reminders import PushState, Reminder
from webapp.services import ServiceError, access_codes, account_care, accounts, agenda
from webapp.services import reminders as reminder_service

DAY = date(2026, 11, 24)
NOON = reminder_service.local_to_utc(DAY, time(12, 0))


@pytest.fixture
def zuid(app):
    group = factories.group(name="Groep Zuid")
    staff = factories.staff(group.organisation, username="marieke")
    hanna = factories.participant(group, username="hanna")
    lina = factories.participant(group, username="lina")
    for person in (hanna, lina):
        person.memberships[0].joined_at = NOON - timedelta(days=30)
    db.session.commit()
    return {"group": group, "staff": staff, "hanna": hanna, "lina": lina}


def _reminders_of(user) -> int:
    return db.session.scalar(select(func.count()).where(Reminder.user_id == user.id))


def test_switched_off_she_cannot_log_in_and_her_data_stays(zuid):
    staff, hanna = zuid["staff"], zuid["hanna"]
    factories.step(hanna)
    assert accounts.authenticate("hanna", factories.PASSWORD) is not None
    account_care.set_active(staff, hanna.id, False)
    assert accounts.authenticate("hanna", factories.PASSWORD) is None
    assert db.session.scalar(select(func.count()).where(PlanStep.owner_id == hanna.id)) == 1
    account_care.set_active(staff, hanna.id, True)
    assert accounts.authenticate("hanna", factories.PASSWORD) is not None


def test_switched_off_she_gets_no_reminders_and_is_not_invited(zuid):
    staff, group, hanna, lina = zuid["staff"], zuid["group"], zuid["hanna"], zuid["lina"]
    meeting = factories.meeting(group, by=staff, day=DAY + timedelta(days=1), now=NOON)
    for person in (hanna, lina):  # a dated step of her own reminds her too
        factories.step(person, moment=DAY + timedelta(days=1))
    account_care.set_active(staff, hanna.id, False)
    reminder_service.create_due(NOON)  # the day-before reminder is due at 17:00 the day before
    reminder_service.create_due(reminder_service.local_to_utc(DAY, time(17, 30)))
    assert _reminders_of(hanna) == 0 and _reminders_of(lina) == 2  # the meeting, her step
    message = reminder_service.send_staff_message(staff, "group", "Tot morgen!", group=group)
    assert reminder_service.message_counts(message)["total"] == 1
    assert [p.id for p in agenda.invited_participants(meeting)] == [lina.id]


def test_what_was_waiting_for_her_is_not_pushed_once_she_is_off(zuid):
    staff, group, hanna = zuid["staff"], zuid["group"], zuid["hanna"]
    reminder_service.send_staff_message(staff, "group", "Tot morgen!", group=group)
    waiting = db.session.scalar(select(Reminder).where(Reminder.user_id == hanna.id))
    assert waiting.push_state == PushState.PENDING
    account_care.set_active(staff, hanna.id, False)
    db.session.refresh(waiting)
    assert waiting.push_state == PushState.INBOX  # kept, never sent


def test_nobody_switches_herself_off_and_powers_end_at_her_groups(zuid):
    staff, hanna = zuid["staff"], zuid["hanna"]
    colleague = factories.staff(zuid["group"].organisation)
    trainer = factories.trainer(zuid["group"].organisation)
    elsewhere = factories.participant()
    other_trainer = factories.trainer()
    assert account_care.may_look_after(staff, hanna)
    assert account_care.may_look_after(staff, trainer)
    for target in (staff, colleague, elsewhere, other_trainer):
        assert not account_care.may_look_after(staff, target)
        with pytest.raises(ServiceError):
            account_care.set_active(staff, target.id, False)
    assert not account_care.may_look_after(trainer, hanna)
    assert not account_care.may_look_after(hanna, zuid["lina"])


def test_a_beheerder_looks_after_the_staff_of_the_organisations_she_manages(zuid):
    organisation = zuid["group"].organisation
    admin = factories.admin()
    assert account_care.staff_of_organisation(admin, organisation.id) is None
    account_care.add_manager(organisation, admin)
    found, people = account_care.staff_of_organisation(admin, organisation.id)
    assert found.id == organisation.id
    assert [p.username for p in people] == ["marieke", admin.username]
    assert account_care.may_look_after(admin, zuid["staff"])
    assert not account_care.may_look_after(admin, zuid["hanna"])  # participants are not hers
    other = factories.staff()
    assert not account_care.may_look_after(admin, other)
    assert account_care.staff_of_organisation(admin, other.organisation_id) is None
    made = account_care.create_organisation(admin, "  Gemeente   Nieuw ")
    assert made.name == "Gemeente Nieuw" and account_care.manages(admin, made.id)
    with pytest.raises(ServiceError):
        account_care.create_organisation(admin, "Gemeente Nieuw")


def test_taken_out_of_the_group_she_keeps_her_account_and_data(zuid):
    staff, group, hanna = zuid["staff"], zuid["group"], zuid["hanna"]
    factories.step(hanna)
    meeting = factories.meeting(group, by=staff)
    assert agenda.get_meeting_for_participant(hanna, meeting.id) is not None
    account_care.remove_from_group(staff, group.id, hanna.id)
    assert db.session.scalar(select(Membership.id).where(Membership.user_id == hanna.id)) is None
    assert agenda.get_meeting_for_participant(hanna, meeting.id) is None
    assert agenda.meetings_for_participant(hanna) == []
    assert accounts.authenticate("hanna", factories.PASSWORD) is not None
    assert db.session.scalar(select(func.count()).where(PlanStep.owner_id == hanna.id)) == 1
    with pytest.raises(ServiceError):
        account_care.remove_from_group(staff, group.id, hanna.id)
    with pytest.raises(ServiceError):
        account_care.remove_from_group(factories.staff(), group.id, zuid["lina"].id)


def test_a_group_is_renamed_within_its_organisation_only(zuid):
    staff, group = zuid["staff"], zuid["group"]
    factories.group(group.organisation, name="Groep Noord")
    assert account_care.rename_group(staff, group.id, "  Groep  Zuid 2 ").name == "Groep Zuid 2"
    with pytest.raises(ServiceError, match="al een groep"):
        account_care.rename_group(staff, group.id, "Groep Noord")
    with pytest.raises(ServiceError):
        account_care.rename_group(staff, group.id, "   ")
    with pytest.raises(ServiceError):
        account_care.rename_group(factories.staff(), group.id, "Van iemand anders")
    assert db.session.get(type(group), group.id).name == "Groep Zuid 2"


def test_an_archived_group_is_gone_from_her_agenda_and_reminders(zuid):
    staff, group, hanna = zuid["staff"], zuid["group"], zuid["hanna"]
    factories.step(hanna)
    meeting = factories.meeting(group, by=staff, day=DAY + timedelta(days=1), now=NOON)
    invitation = factories.invitation(staff, group)
    account_care.set_archived(staff, group.id, True)
    assert agenda.meetings_for_participant(hanna, now=NOON) == []
    assert agenda.next_meeting(hanna, now=NOON) is None
    assert agenda.get_meeting_for_participant(hanna, meeting.id) is None
    reminder_service.create_due(reminder_service.local_to_utc(DAY, time(17, 30)))
    assert _reminders_of(hanna) == 0
    with pytest.raises(ServiceError):
        access_codes.find_open_invitation(invitation.code)
    with pytest.raises(ServiceError):
        factories.invitation(staff, group)
    assert [g.id for g in accounts.groups_for_staff(staff)] == []
    assert [g.id for g in accounts.groups_for_staff(staff, archived=True)] == [group.id]
    assert accounts.get_group_for_staff(staff, group.id) is not None  # to bring it back
    assert db.session.scalar(select(func.count()).where(PlanStep.owner_id == hanna.id)) == 1

    account_care.set_archived(staff, group.id, False)
    assert [m.id for m in agenda.meetings_for_participant(hanna, now=NOON)] == [meeting.id]
    assert db.session.get(Invitation, invitation.id).expires_at <= utcnow()  # stays expired


def test_a_trainster_is_moved_to_another_group(zuid):
    staff, zuid_group = zuid["staff"], zuid["group"]
    noord = factories.group(zuid_group.organisation, name="Groep Noord")
    old = factories.group(zuid_group.organisation, name="Groep Oud")
    trainer = factories.user(Role.TRAINER, organisation=zuid_group.organisation,
                             groups=[zuid_group, old])  # fmt: skip
    account_care.set_archived(staff, old.id, True)
    meeting = factories.meeting(zuid_group, by=staff)
    assert agenda.get_meeting_for_staff(trainer, meeting.id) is not None

    account_care.set_trainer_groups(staff, trainer.id, {noord.id})
    assert [g.name for g in accounts.groups_for_staff(trainer)] == ["Groep Noord"]
    assert accounts.get_group_for_staff(trainer, zuid_group.id) is None
    assert agenda.get_meeting_for_staff(trainer, meeting.id) is None
    hers = {m.group_id for m in db.session.get(type(trainer), trainer.id).memberships}
    assert hers == {noord.id, old.id}  # the archived group is left as it was

    foreign = factories.group()
    account_care.set_trainer_groups(staff, trainer.id, {noord.id, foreign.id})
    assert [g.name for g in accounts.groups_for_staff(trainer)] == ["Groep Noord"]
    with pytest.raises(ServiceError):
        account_care.set_trainer_groups(factories.staff(), trainer.id, set())
