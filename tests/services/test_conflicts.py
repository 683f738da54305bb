"""The one rule for late changes, in every feature she can change offline: of two changes to
the same thing, the one she made later on her phone stays, whatever arrives last.

Each test makes a newer change arrive first and an older one after it (what happens when two
pages of one phone, or two phones, drain their outboxes in another order)."""

from datetime import date, datetime, time, timedelta

import pytest

from webapp.extensions import db
from webapp.models import Group, Organisation, Role, utcnow
from webapp.models.agenda import Answer
from webapp.models.reminders import Reminder, ReminderKind
from webapp.services import agenda, childcare, conflicts, cv
from webapp.services import plan as plans
from webapp.services.accounts import create_user
from webapp.services.agenda import Childcare, MeetingDetails

EARLIER = utcnow() - timedelta(hours=2)
LATER = utcnow() - timedelta(hours=1)


@pytest.fixture
def world(app):
    organisation = Organisation(name="Gemeente Test")
    db.session.add(organisation)
    db.session.flush()
    group = Group(organisation_id=organisation.id, name="Groep Test")
    db.session.add(group)
    db.session.commit()
    staff = create_user("mieke", "geheim-123", "Mieke", Role.STAFF, organisation=organisation)
    her = create_user("hanna", "geheim-123", "Hanna", Role.PARTICIPANT, groups=[group])
    return {"group": group, "staff": staff, "her": her}


# --- The rule itself -----------------------------------------------------------------------


class Thing:
    field_times: dict | None = None
    colour = "blue"


def test_per_field_the_later_phone_time_wins_and_both_are_reported():
    thing = Thing()
    assert conflicts.apply_changes(thing, {"colour": "red"}, LATER).applied == ["colour"]
    late = conflicts.apply_changes(thing, {"colour": "green"}, EARLIER)
    assert late.superseded == ["colour"] and late.lost_to_later_change
    assert thing.colour == "red"
    assert thing.field_times["colour"] == LATER.isoformat()


def test_a_phone_clock_in_the_future_counts_as_now():
    thing = Thing()
    conflicts.apply_changes(thing, {"colour": "red"}, utcnow() + timedelta(days=365))
    assert datetime.fromisoformat(thing.field_times["colour"]) <= utcnow()
    conflicts.apply_changes(thing, {"colour": "green"}, None)  # a change made just now wins
    assert thing.colour == "green"


def test_a_removal_loses_against_a_change_made_after_it():
    thing = Thing()
    conflicts.apply_changes(thing, {"colour": "red"}, LATER)
    assert conflicts.removal_lost(thing, EARLIER)
    assert not conflicts.removal_lost(thing, utcnow())


# --- Every feature -------------------------------------------------------------------------


def test_plan_step_status_and_goal(world):
    her = world["her"]
    step = plans.add_step(her, "Bellen met de bibliotheek", "taal", at=EARLIER).step
    plans.set_status(her, step, "gedaan", at=LATER)
    assert plans.set_status(her, step, "bezig", at=EARLIER).superseded == ["status"]
    assert step.status == "gedaan"
    plans.set_goal(her, "werk", "Werken in een winkel", at=LATER)
    plans.set_goal(her, "opleiding", "", at=EARLIER)
    assert plans.get_plan(her).goal_kind == "werk"


def test_plan_step_removed_before_a_later_edit_stays(world):
    her = world["her"]
    step = plans.add_step(her, "Cv maken", "vaardigheden", at=EARLIER).step
    plans.set_status(her, step, "bezig", at=LATER)
    assert plans.delete_step(her, step, at=EARLIER) is False
    assert plans.steps_of(her) == [step]
    assert plans.delete_step(her, step, at=utcnow()) is True
    assert plans.steps_of(her) == []


def test_rsvp(world):
    her, staff, group = world["her"], world["staff"], world["group"]
    soon = (utcnow() + timedelta(days=10)).date()
    meeting = agenda.create_meeting(
        staff, group, MeetingDetails(title="Bijeenkomst", place_name="Buurthuis"), soon,
        time(10), time(12),
    )  # fmt: skip
    agenda.answer_meeting(her, meeting.id, "not_coming", reason="child_ill", at=LATER)
    older = agenda.answer_meeting(
        her, meeting.id, "coming", childcare=Childcare(True, 2, [3, 5]), at=EARLIER
    )
    assert older.lost_to_later_change
    rsvp = agenda.rsvp_of(her, meeting)
    assert rsvp.answer == Answer.NOT_COMING and not rsvp.childcare_needed


def test_childcare_application_and_calamity_plan(world):
    her = world["her"]
    child = childcare.add_child(her, "Noah", 2024, date.today())
    application = childcare.start_application(her, child, "kinderdagverblijf")
    childcare.update_application(her, application, "waitlist", provider="De Vlinder", at=LATER)
    late = childcare.update_application(her, application, "meeting", at=EARLIER)
    assert late.lost_to_later_change
    assert (application.status, application.provider) == ("waitlist", "De Vlinder")
    childcare.save_calamity_plan(her, "Mijn zus", "Oma", "", at=LATER)
    childcare.save_calamity_plan(her, "", "", "Buurvrouw", at=EARLIER)
    plan = childcare.calamity_plan_of(her)
    assert (plan.sick_child, plan.school_holidays, plan.study_days) == ("Mijn zus", "Oma", "")
    assert childcare.remove_application(her, application, at=EARLIER) is False
    assert childcare.remove_child(her, child, at=EARLIER) is False  # its application is newer
    assert childcare.children_of(her) == [child]


def test_cv_checklist_tick(world):
    her = world["her"]
    cv.set_item(her, "about_me", False, at=LATER)
    assert cv.set_item(her, "about_me", True, at=EARLIER).lost_to_later_change
    assert cv.ticked_items(her) == set()
    cv.set_item(her, "own_questions", True, at=LATER)
    cv.set_item(her, "own_questions", False, at=EARLIER)
    assert cv.ticked_items(her) == {"own_questions"}


def test_cv_parts_items_order_and_removal(world):
    her, today = world["her"], date.today()
    cv.save_profile(her, "Later geschreven", at=LATER)
    assert cv.save_profile(her, "Eerder geschreven", at=EARLIER).lost_to_later_change
    assert cv.profile_of(her).profile == "Later geschreven"
    cv.save_contact(her, "Hanna B", "Delft", "0612345678", "", True, False, True, at=LATER)
    cv.save_contact(her, "Hanna", "Delft", "0612345678", "", True, True, True, at=EARLIER)
    assert (cv.profile_of(her).name, cv.profile_of(her).show_phone) == ("Hanna B", False)

    a = cv.add_item(her, "experience", {"title": "Kok"}, today, at=EARLIER).item
    b = cv.add_item(her, "experience", {"title": "Schoonmaker"}, today, at=EARLIER).item
    cv.update_item(her, a, {"title": "Chef-kok"}, today, at=LATER)
    assert cv.update_item(her, a, {"title": "Hulpkok"}, today, at=EARLIER).lost_to_later_change
    assert a.title == "Chef-kok"
    # Two orders from two phones: the one made later stays, whatever arrives last.
    cv.move_item(her, b, 0, at=LATER)
    assert cv.move_item(her, a, 0, at=EARLIER).lost_to_later_change
    assert [i.title for i in cv.items_of(her, "experience")] == ["Schoonmaker", "Chef-kok"]
    # A removal made before a change that already arrived loses; a later one is final.
    assert cv.remove_item(her, a, at=EARLIER) is False
    assert cv.remove_item(her, a, at=LATER + timedelta(minutes=1)) is True
    assert [i.title for i in cv.items_of(her, "experience")] == ["Schoonmaker"]


def test_answer_from_the_inbox(world):
    from webapp.services import reminders

    her, staff, group = world["her"], world["staff"], world["group"]
    soon = (utcnow() + timedelta(days=6)).date()
    meeting = agenda.create_meeting(
        staff, group, MeetingDetails(title="Bijeenkomst", place_name="Buurthuis"), soon,
        time(10), time(12),
    )  # fmt: skip
    reminder = Reminder(
        user_id=her.id, kind=ReminderKind.MEETING_WEEK, target_id=meeting.id,
        moment=meeting.starts_at, due_at=utcnow(), url="/", params={},
    )  # fmt: skip
    db.session.add(reminder)
    db.session.commit()
    reminders.answer_childcare(her, reminder, "cannot_come", at=LATER)
    assert reminders.answer_childcare(her, reminder, "yes", at=EARLIER).lost_to_later_change
    assert reminder.answer == "cannot_come"
    assert agenda.rsvp_of(her, meeting).answer == Answer.NOT_COMING


def test_notification_settings(world):
    from webapp.services import reminders

    her = world["her"]
    reminders.save_settings(her, False, 22 * 60, 7 * 60, "details", at=LATER)
    late = reminders.save_settings(her, True, 21 * 60, 8 * 60, "neutral", at=EARLIER)
    assert late.lost_to_later_change
    saved = reminders.get_settings(her)
    assert (saved.push_enabled, saved.quiet_start, saved.lock_screen) == (False, 22 * 60, "details")


def test_all_read_from_the_outbox_leaves_what_came_in_after_the_tap(world):
    from webapp.services import reminders

    her = world["her"]
    before, after = (
        Reminder(
            user_id=her.id,
            kind=ReminderKind.MESSAGE,
            target_id=n,
            moment=due,
            due_at=due,
            url="/",
            params={},
        )  # fmt: skip
        for n, due in ((1, EARLIER), (2, LATER))
    )
    db.session.add_all([before, after])
    db.session.commit()
    reminders.mark_all_read(her, until=EARLIER + timedelta(minutes=5))
    db.session.expire_all()
    assert before.read_at is not None and after.read_at is None


def test_who_came(world):
    her, staff, group = world["her"], world["staff"], world["group"]
    her.memberships[0].joined_at = utcnow() - timedelta(days=30)
    meeting = agenda.create_meeting(
        staff, group, MeetingDetails(title="Bijeenkomst"), (utcnow() + timedelta(days=2)).date(),
        time(10), time(12),
    )  # fmt: skip
    meeting.starts_at, meeting.ends_at = EARLIER - timedelta(hours=1), EARLIER
    db.session.commit()
    everyone = {her.id}
    agenda.record_attendance(staff, meeting.id, came=set(), shown_present=everyone,
                             listed=everyone, at=LATER)  # fmt: skip
    older = agenda.record_attendance(staff, meeting.id, came=everyone, shown_present=set(),
                                     listed=everyone, at=EARLIER)  # fmt: skip
    assert older.lost_to_later_change
    assert not agenda.came_to(her, meeting)


def test_her_reflection_after_a_meeting(world):
    from webapp.services import materials

    her, staff, group = world["her"], world["staff"], world["group"]
    her.memberships[0].joined_at = utcnow() - timedelta(days=30)
    meeting = agenda.create_meeting(
        staff, group, MeetingDetails(title="Bijeenkomst"), (utcnow() + timedelta(days=2)).date(),
        time(10), time(12),
    )  # fmt: skip
    meeting.starts_at, meeting.ends_at = EARLIER - timedelta(hours=3), EARLIER - timedelta(hours=1)
    db.session.commit()
    agenda.record_attendance(staff, meeting.id, came={her.id}, shown_present=set(),
                             listed={her.id})  # fmt: skip
    answers = {"went_well": "", "was_hard": "", "next_step": "", "proud_of": ""}
    materials.save_reflection(her, meeting, {**answers, "proud_of": "Ik sprak"}, now=utcnow(),
                              at=LATER)  # fmt: skip
    older = materials.save_reflection(her, meeting, {**answers, "proud_of": "Eerste versie"},
                                      now=utcnow(), at=EARLIER)  # fmt: skip
    assert "proud_of" in older.superseded
    assert materials.reflection_of(her, meeting).proud_of == "Ik sprak"
