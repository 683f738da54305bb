"""Language versions of what staff and trainsters write: one mechanism (HasVersions) for a
meeting's texts and a staff message, her language else the Dutch text."""

from datetime import date, datetime, time

import pytest

from tests.agenda_fixtures import *  # noqa: F403  (pytest fixture: told)
from webapp.extensions import db
from webapp.models.agenda import Meeting
from webapp.models.reminders import Reminder, ReminderKind
from webapp.services import ServiceError, agenda
from webapp.services import reminders as service
from webapp.services.agenda import MeetingDetails
from webapp.services.versions import clean_versions

NOW = datetime(2026, 3, 2, 9, 0)


def versioned_meeting(medewerker, zuid) -> Meeting:
    return agenda.create_meeting(
        medewerker,
        zuid,
        MeetingDetails(
            title="Startbijeenkomst",
            what_to_bring="Je uitnodiging",
            translations={
                "title": {"ar": "لقاء البداية", "pl": "Spotkanie na start", "xx": "nee"},
                "what_to_bring": {"ar": "دعوتكِ", "tr": "  "},
            },
        ),
        date(2026, 3, 12),
        time(10),
        time(12),
        now=NOW,
    )


def test_she_reads_her_version_else_the_dutch_text(medewerker, zuid):
    meeting = versioned_meeting(medewerker, zuid)
    db.session.expire_all()
    assert meeting.text_in("title", "ar") == "لقاء البداية"
    assert meeting.language_in("title", "ar") == "ar"
    assert meeting.text_in("title", "tr") == "Startbijeenkomst"
    assert meeting.language_in("title", "tr") == "nl"
    assert meeting.text_in("title", "nl") == "Startbijeenkomst"
    # Unknown languages and empty versions are not kept.
    assert meeting.translations["title"] == {"ar": "لقاء البداية", "pl": "Spotkanie na start"}
    assert meeting.translations["what_to_bring"] == {"ar": "دعوتكِ"}
    assert meeting.missing_languages(("title", "what_to_bring")) == ["pl", "tr", "en"]


def test_a_version_that_is_too_long_is_refused_on_its_own_field():
    with pytest.raises(ServiceError) as refused:
        clean_versions("title", {"pl": "x" * 121}, 120)
    assert refused.value.field == "title_pl"


def test_editing_a_meeting_replaces_its_versions_and_a_series_shares_them(medewerker, zuid):
    meeting = versioned_meeting(medewerker, zuid)
    day, start, end = agenda.local_parts(meeting)
    agenda.update_meeting(
        medewerker,
        meeting,
        MeetingDetails(title="Startbijeenkomst", translations={"title": {"en": "Start"}}),
        day,
        start,
        end,
        now=NOW,
    )
    db.session.expire_all()
    assert meeting.translations == {"title": {"en": "Start"}}
    series = agenda.create_series(
        medewerker, zuid, MeetingDetails(title="Reeks", translations={"theme": {}}),
        date(2026, 3, 10), time(10), time(12), "weekly", date(2026, 3, 24), now=NOW,
    )  # fmt: skip
    first, *later = sorted(series.meetings, key=lambda m: m.starts_at)
    agenda.update_following(
        medewerker, first,
        MeetingDetails(title="Reeks", theme="Geld", translations={"theme": {"pl": "Pieniądze"}}),
        time(10), time(12), now=NOW,
    )  # fmt: skip
    db.session.expire_all()
    assert all(m.text_in("theme", "pl") == "Pieniądze" for m in later)


def test_a_staff_message_keeps_its_versions_under_its_body(medewerker, zuid, ewa):
    message = service.send_staff_message(
        medewerker, "group", "Morgen soep.", translations={"pl": "Jutro zupa."}, group=zuid
    )
    assert message.translations == {"body": {"pl": "Jutro zupa."}}
    assert message.text_in("body", "pl") == "Jutro zupa."
    assert message.language_in("body", "ar") == "nl"


def test_a_meeting_reminder_speaks_her_version_of_the_title(medewerker, zuid, sara):
    meeting = versioned_meeting(medewerker, zuid)
    service.create_due(datetime(2026, 3, 11, 17, 30))  # the day before, after 17:00 local
    reminder = db.session.scalars(
        Reminder.__table__.select()
        .where(Reminder.kind == ReminderKind.MEETING_DAY_BEFORE, Reminder.target_id == meeting.id)
        .limit(1)
    ).first()
    row = db.session.get(Reminder, reminder)
    from webapp.i18n import in_language

    with in_language("ar"):
        assert "لقاء البداية" in service.render_text(row)[0]
    with in_language("tr"):
        assert "Startbijeenkomst" in service.render_text(row)[0]
