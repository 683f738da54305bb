"""The agenda's rules, on a real database: series, moves and cancellations, RSVP rules,
childcare counts, calendars and the daylight-saving change in Europe/Amsterdam."""

import csv
import io
from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from tests.agenda_fixtures import *  # noqa: F403  (pytest fixture: told)
from webapp.extensions import db
from webapp.models.agenda import Answer, Frequency, Meeting
from webapp.services import ServiceError, agenda
from webapp.services.agenda import Childcare, MeetingDetails

# A fixed "now": Monday 2 March 2026, 09:00 UTC (10:00 in Amsterdam, winter time).
NOW = datetime(2026, 3, 2, 9, 0)


def details(**kw):
    return MeetingDetails(
        title=kw.pop("title", "Startbijeenkomst"),
        place_name=kw.pop("place_name", "Buurthuis De Vaart"),
        address=kw.pop("address", "Slinge 1, 3085 EK Rotterdam"),
        **kw,
    )


@pytest.fixture
def meeting(medewerker, zuid):
    # Thursday 5 March 2026, 10:00-12:00 Amsterdam = 09:00-11:00 UTC
    return agenda.create_meeting(
        medewerker, zuid, details(), date(2026, 3, 5), time(10), time(12), now=NOW
    )


# --- Time and series ------------------------------------------------------------------------


def test_weekly_series_keeps_the_wall_clock_time_across_summer_time(medewerker, zuid):
    # Tuesdays 19:00-21:00 from 17 March to 7 April 2026; the clock goes forward on 29 March.
    series = agenda.create_series(
        medewerker, zuid, details(title="Avondgroep"), date(2026, 3, 17), time(19),
        time(21), Frequency.WEEKLY, date(2026, 4, 7), now=NOW,
    )  # fmt: skip
    starts = [m.starts_at for m in sorted(series.meetings, key=lambda m: m.starts_at)]
    assert starts == [
        datetime(2026, 3, 17, 18, 0),  # CET, UTC+1
        datetime(2026, 3, 24, 18, 0),
        datetime(2026, 3, 31, 17, 0),  # CEST, UTC+2
        datetime(2026, 4, 7, 17, 0),
    ]
    assert all(agenda.to_local(s).hour == 19 for s in starts)


def test_autumn_change_last_sunday_of_october(medewerker, zuid):
    # Sundays 10:00 on 18 and 25 October 2026; winter time starts 25 October at 03:00.
    series = agenda.create_series(
        medewerker, zuid, details(), date(2026, 10, 18), time(10), time(11),
        Frequency.WEEKLY, date(2026, 10, 25), now=NOW,
    )  # fmt: skip
    starts = sorted(m.starts_at for m in series.meetings)
    assert starts == [datetime(2026, 10, 18, 8, 0), datetime(2026, 10, 25, 9, 0)]


def test_skipped_hour_in_march_is_refused_and_double_hour_takes_the_first():
    with pytest.raises(ServiceError):
        agenda.to_utc(date(2026, 3, 29), time(2, 30))  # does not exist in Amsterdam
    assert agenda.to_utc(date(2026, 10, 25), time(2, 30)) == datetime(2026, 10, 25, 0, 30)
    assert agenda.to_utc(date(2026, 3, 29), time(3, 0)) == datetime(2026, 3, 29, 1, 0)


def test_monthly_series_is_the_same_weekday_of_the_month():
    # The 2nd Tuesday: 10 March, 14 April, 12 May 2026
    days = agenda.series_dates(date(2026, 3, 10), Frequency.MONTHLY, date(2026, 5, 31))
    assert days == [date(2026, 3, 10), date(2026, 4, 14), date(2026, 5, 12)]
    # A 5th Tuesday becomes the last Tuesday of each month
    days = agenda.series_dates(date(2026, 3, 31), Frequency.MONTHLY, date(2026, 5, 31))
    assert days == [date(2026, 3, 31), date(2026, 4, 28), date(2026, 5, 26)]


def test_moving_and_cancelling_single_dates_of_a_series(
    medewerker, sara, zuid, zuid_participants, told
):
    staff = medewerker
    series = agenda.create_series(
        staff, zuid, details(), date(2026, 3, 10), time(10), time(12),
        Frequency.WEEKLY, date(2026, 3, 31), now=NOW,
    )  # fmt: skip
    meetings = sorted(series.meetings, key=lambda m: m.starts_at)
    assert len(meetings) == 4
    holiday, moved = meetings[1], meetings[2]
    agenda.cancel_meeting(staff, holiday, now=NOW)
    agenda.update_meeting(staff, moved, details(), date(2026, 3, 25), time(13), time(15), now=NOW)
    db.session.expire_all()
    assert holiday.cancelled and holiday.sequence == 1
    assert moved.series_date == date(2026, 3, 24) and moved.series_id == series.id
    assert agenda.to_local(moved.starts_at).replace(tzinfo=None) == datetime(2026, 3, 25, 13)
    assert moved.moved_from == datetime(2026, 3, 24, 9, 0)
    # The other dates stay as they were
    assert [m.starts_at for m in (meetings[0], meetings[3])] == [
        datetime(2026, 3, 10, 9, 0),
        datetime(2026, 3, 31, 8, 0),
    ]
    assert [(mid, kind) for mid, kind, _ in told] == [
        (holiday.id, "cancelled"),
        (moved.id, "moved"),
    ]
    assert set(told[0][2]) == {"sara", "amina", "ewa", "elif"}
    # the cancelled one is not her next meeting; nothing to answer for it
    with pytest.raises(ServiceError):
        agenda.answer_meeting(sara, holiday.id, Answer.COMING, now=NOW)


def test_changing_the_rest_of_a_series(medewerker, zuid, told):
    staff = medewerker
    series = agenda.create_series(
        staff, zuid, details(), date(2026, 3, 10), time(10), time(12),
        Frequency.WEEKLY, date(2026, 3, 31), now=NOW,
    )  # fmt: skip
    first, second, holiday, last = sorted(series.meetings, key=lambda m: m.starts_at)
    agenda.cancel_meeting(staff, holiday, now=NOW)
    last.report = "Eigen verslag"
    told.clear()
    moved = agenda.update_following(
        staff, second, details(place_name="Bibliotheek Zuidplein"), time(13), time(15), now=NOW
    )
    db.session.expire_all()
    assert moved == [last]
    assert agenda.to_local(last.starts_at).replace(tzinfo=None) == datetime(2026, 3, 31, 13)
    assert last.place_name == "Bibliotheek Zuidplein" and last.report == "Eigen verslag"
    assert holiday.cancelled and holiday.place_name == "Buurthuis De Vaart"
    assert first.place_name == "Buurthuis De Vaart" and first.starts_at == datetime(2026, 3, 10, 9)
    assert second.place_name == "Buurthuis De Vaart"  # itself: changed by update_meeting
    assert [(mid, kind) for mid, kind, _ in told] == [(last.id, "moved")]
    with pytest.raises(ServiceError):
        agenda.update_following(staff, second, details(), time(15), time(13), now=NOW)


def test_editing_text_only_is_not_a_move(medewerker, meeting, told):
    agenda.update_meeting(
        medewerker, meeting, details(theme="Geld en werk"), date(2026, 3, 5),
        time(10), time(12), now=NOW,
    )  # fmt: skip
    assert told == [] and meeting.moved_from is None and meeting.theme == "Geld en werk"


@pytest.mark.parametrize(
    "day, start, end, until, frequency",
    [
        (date(2026, 3, 5), time(12), time(10), None, None),  # end before start
        (date(2026, 3, 1), time(10), time(12), None, None),  # in the past
        (date(2026, 3, 29), time(2, 15), time(4), None, None),  # the skipped hour
        (date(2026, 3, 10), time(10), time(12), None, Frequency.WEEKLY),  # series without end
        (date(2026, 3, 10), time(10), time(12), date(2026, 3, 1), Frequency.WEEKLY),
        (date(2026, 3, 10), time(10), time(12), date(2027, 6, 1), Frequency.WEEKLY),
        (date(2026, 3, 10), time(10), time(12), date(2026, 6, 1), "daily"),
    ],
)
def test_bad_input_gets_a_clear_message(medewerker, zuid, day, start, end, until, frequency):
    with pytest.raises(ServiceError) as e:
        if frequency:
            agenda.create_series(
                medewerker, zuid, details(), day, start, end, frequency, until, now=NOW
            )
        else:
            agenda.create_meeting(medewerker, zuid, details(), day, start, end, now=NOW)
    assert str(e.value.message)
    assert db.session.query(Meeting).count() == 0


def test_staff_of_another_organisation_cannot_plan_for_this_group(sara, zuid, elsewhere):
    with pytest.raises(ServiceError):
        agenda.create_meeting(
            elsewhere["staff"], zuid, details(), date(2026, 3, 5), time(10), time(12), now=NOW
        )
    with pytest.raises(ServiceError):  # a participant cannot either
        agenda.create_meeting(sara, zuid, details(), date(2026, 3, 5), time(10), time(12), now=NOW)


# --- RSVP ---------------------------------------------------------------------------------


def test_answer_is_absolute_and_can_change_until_the_start(sara, meeting):
    agenda.answer_meeting(sara, meeting.id, "coming", childcare=Childcare(True, 2, [3, 6]), now=NOW)
    again = agenda.answer_meeting(
        sara, meeting.id, "coming", childcare=Childcare(True, 2, [3, 6]), now=NOW
    )
    assert db.session.query(type(again.rsvp)).count() == 1  # a replay changes nothing
    changed = agenda.answer_meeting(
        sara, meeting.id, "not_coming", reason="child_ill", now=NOW
    ).rsvp
    assert changed.answer == Answer.NOT_COMING and changed.reason == "child_ill"
    assert not changed.childcare_needed and changed.children_count == 0
    with pytest.raises(ServiceError):
        agenda.answer_meeting(sara, meeting.id, "coming", now=meeting.starts_at)
    assert agenda.rsvp_of(sara, meeting).answer == Answer.NOT_COMING


def test_reason_is_optional_and_only_from_the_list(sara, meeting):
    rsvp = agenda.answer_meeting(sara, meeting.id, "not_coming", now=NOW).rsvp
    assert rsvp.reason is None
    rsvp = agenda.answer_meeting(sara, meeting.id, "not_coming", reason="<x>", now=NOW)
    assert rsvp.rsvp.reason is None


def test_late_only_on_the_day_itself(sara, meeting):
    with pytest.raises(ServiceError):
        agenda.answer_meeting(sara, meeting.id, "late", now=NOW)  # three days before
    # 5 March 00:30 Amsterdam (23:30 UTC on the 4th) is already the day itself
    early = datetime(2026, 3, 4, 23, 30)
    assert agenda.answer_meeting(sara, meeting.id, "late", now=early).rsvp.answer == Answer.LATE
    # still possible just after the start (she is on her way), not after the end
    agenda.answer_meeting(sara, meeting.id, "late", now=meeting.starts_at + timedelta(minutes=5))
    with pytest.raises(ServiceError):
        agenda.answer_meeting(sara, meeting.id, "late", now=meeting.ends_at)


def test_no_answer_for_another_groups_meeting(sara, meeting, elsewhere):
    with pytest.raises(ServiceError):
        agenda.answer_meeting(elsewhere["participant"], meeting.id, "coming", now=NOW)
    assert agenda.get_meeting_for_participant(elsewhere["participant"], meeting.id) is None
    assert agenda.get_meeting_for_staff(elsewhere["staff"], meeting.id) is None
    assert agenda.meetings_for_participant(elsewhere["participant"], now=NOW) == []
    with pytest.raises(ServiceError):
        agenda.answer_meeting(sara, 999999, "coming", now=NOW)


def test_her_next_meeting_comes_with_her_own_answer_only(
    sara, amina, medewerker, meeting, elsewhere
):
    assert agenda.next_meeting_and_rsvp(sara, now=NOW) == (meeting, None)
    agenda.answer_meeting(amina, meeting.id, "coming", now=NOW)
    assert agenda.next_meeting_and_rsvp(sara, now=NOW) == (meeting, None)  # not Amina's answer
    hers = agenda.answer_meeting(sara, meeting.id, "not_coming", now=NOW).rsvp
    assert agenda.next_meeting_and_rsvp(sara, now=NOW) == (meeting, hers)
    assert agenda.next_meeting_and_rsvp(elsewhere["participant"], now=NOW) == (None, None)
    assert agenda.next_meeting_and_rsvp(sara, now=meeting.ends_at) == (None, None)
    agenda.cancel_meeting(medewerker, meeting, now=NOW)
    assert agenda.next_meeting_and_rsvp(sara, now=NOW) == (None, None)


@pytest.mark.parametrize(
    "childcare",
    [Childcare(True, 0, []), Childcare(True, 9, []), Childcare(True, 1, [2, 3]),
     Childcare(True, 1, [18])],
)  # fmt: skip
def test_childcare_must_make_sense(sara, meeting, childcare):
    with pytest.raises(ServiceError):
        agenda.answer_meeting(sara, meeting.id, "coming", childcare=childcare, now=NOW)
    assert agenda.rsvp_of(sara, meeting) is None


def test_overview_and_childcare_counts(sara, amina, ewa, elif_, meeting):
    agenda.answer_meeting(sara, meeting.id, "coming", childcare=Childcare(True, 2, [1, 4]), now=NOW)  # fmt: skip
    agenda.answer_meeting(amina, meeting.id, "coming", childcare=Childcare(True, 1, [4]), now=NOW)  # fmt: skip
    agenda.answer_meeting(ewa, meeting.id, "not_coming", reason="no_childcare", now=NOW)
    day = datetime(2026, 3, 5, 8, 0)
    agenda.answer_meeting(elif_, meeting.id, "late", childcare=Childcare(True, 1, []), now=day)
    view = agenda.overview(meeting)
    assert [r.user.username for r in view.coming] == ["sara", "amina"]
    assert [r.user.username for r in view.not_coming] == ["ewa"]
    assert [r.user.username for r in view.late] == ["elif"]
    assert view.unanswered == []
    assert view.children == 4
    assert view.ages() == {1: 1, 4: 2}
    assert view.unknown_ages == 1
    # Changing to "not coming" removes her children from the count
    agenda.answer_meeting(sara, meeting.id, "not_coming", now=NOW)
    assert agenda.overview(meeting).children == 2


def test_childcare_csv_has_first_names_and_ages_only(sara, ewa, meeting):
    sara.display_name = "Sara El Amrani"
    agenda.answer_meeting(sara, meeting.id, "coming", childcare=Childcare(True, 2, [1, 4]), now=NOW)  # fmt: skip
    agenda.answer_meeting(ewa, meeting.id, "coming", now=NOW)
    rows = list(csv.reader(io.StringIO(agenda.childcare_csv(meeting)), delimiter=";"))
    assert rows == [["voornaam", "aantal_kinderen", "leeftijden"], ["Sara", "2", "1 4"]]


# --- Calendars ----------------------------------------------------------------------------


def test_ics_has_timezone_stable_uid_and_location(medewerker, meeting):
    first = Calendar.from_ical(agenda.to_ics([meeting], "Elke Stap"))
    event = first.walk("VEVENT")[0]
    assert [tz["TZID"] for tz in first.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/Amsterdam" and start.hour == 10
    assert event.decoded("DTEND").hour == 12
    assert str(event["LOCATION"]) == "Buurthuis De Vaart, Slinge 1, 3085 EK Rotterdam"
    uid = str(event["UID"])
    agenda.update_meeting(
        medewerker, meeting, details(), date(2026, 3, 6), time(14), time(16), now=NOW
    )
    agenda.cancel_meeting(medewerker, meeting, now=NOW)
    event = Calendar.from_ical(agenda.to_ics([meeting], "Elke Stap")).walk("VEVENT")[0]
    assert str(event["UID"]) == uid
    assert event.decoded("DTSTART").hour == 14 and event.decoded("DTSTART").day == 6
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 2


def test_summer_meeting_in_ics_is_in_summer_time(medewerker, zuid):
    meeting = agenda.create_meeting(
        medewerker, zuid, details(), date(2026, 7, 1), time(10), time(12), now=NOW
    )
    assert meeting.starts_at == datetime(2026, 7, 1, 8, 0)
    event = Calendar.from_ical(agenda.to_ics([meeting], "x")).walk("VEVENT")[0]
    start = event.decoded("DTSTART")
    assert start.hour == 10 and start.utcoffset() == timedelta(hours=2)


def test_feed_token_is_secret_and_revocable(sara, meeting):
    token = agenda.create_feed(sara)
    assert agenda.feed_owner(token).id == sara.id
    assert agenda.feed_owner("wrong" + token) is None
    assert token not in {f.token_hash for f in db.session.query(agenda.CalendarFeed)}
    new = agenda.create_feed(sara)
    assert agenda.feed_owner(token) is None  # the old link stopped
    assert agenda.feed_owner(new).id == sara.id
    agenda.revoke_feeds(sara)
    assert agenda.feed_owner(new) is None and not agenda.has_feed(sara)


def test_demo_meetings_for_groep_zuid(medewerker, amina, zuid):
    agenda.load_demo_meetings(zuid, medewerker)
    agenda.load_demo_meetings(zuid, medewerker)  # a second run adds nothing
    meetings = db.session.query(Meeting).filter_by(group_id=zuid.id).all()
    series = [m for m in meetings if m.series_id]
    assert len(series) == 6 and sum(m.cancelled for m in series) == 1
    upcoming = agenda.meetings_for_participant(amina)
    assert upcoming[0].title == "Startbijeenkomst" and upcoming[0].childcare_on_site
    assert all(agenda.to_local(m.starts_at).hour == 9 for m in series)
    assert [m.title for m in agenda.meetings_for_participant(amina, upcoming=False)] == [
        "Kennismaking met de groep"
    ]
