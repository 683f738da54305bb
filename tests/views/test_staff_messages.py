"""A medewerker writes to her group or to a meeting's invitees; she sees who got it."""

from flask_babel import force_locale
from sqlalchemy import select

from webapp.extensions import db
from webapp.models.agenda import Meeting
from webapp.services import reminders


def test_audiences_offer_her_groups_and_meetings_that_take_place(client, auth, demo):
    auth.login("medewerker")
    page = client.get("/medewerker/berichten").get_data(as_text=True)
    group = demo["sara"].memberships[0].group
    assert f'value="group:{group.id}"' in page
    cancelled = db.session.scalars(select(Meeting).where(Meeting.cancelled_at.is_not(None))).all()
    assert cancelled  # the demo has a cancelled date
    for meeting in cancelled:
        assert f'value="meeting:{meeting.id}"' not in page
    upcoming = db.session.scalar(select(Meeting).where(Meeting.title == "Startbijeenkomst"))
    assert f'value="no_answer:{upcoming.id}"' in page


def test_a_group_message_reaches_every_participant_in_her_language(client, auth, demo):
    group = demo["sara"].memberships[0].group
    auth.login("medewerker")
    response = client.post(
        "/medewerker/berichten",
        data={"audience": f"group:{group.id}", "body": "Morgen is er koffie.",
              "body_ar": "غدًا توجد قهوة.", "csrf_token": auth.token()},
    )  # fmt: skip
    assert response.status_code == 302
    for name in ("sara", "amina", "ewa", "elif"):
        inbox = reminders.inbox(demo[name])
        assert len(inbox) == 1, name
    (reminder,) = reminders.inbox(demo["amina"])
    with force_locale("ar"):  # as the sender renders it for her
        title, body = reminders.render_text(reminder, reminders.message_of(reminder))
    assert body == "غدًا توجد قهوة."
    counts = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Morgen is er koffie." in counts


def test_an_empty_message_is_refused_and_what_she_chose_is_kept(client, auth, demo):
    group = demo["sara"].memberships[0].group
    auth.login("medewerker")
    response = client.post(
        "/medewerker/berichten",
        data={"audience": f"group:{group.id}", "body": "", "body_tr": "Yarın kahve var.",
              "csrf_token": auth.token()},
    )  # fmt: skip
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Schrijf eerst je bericht." in page and "Yarın kahve var." in page


def test_an_untranslated_message_is_marked_dutch_on_her_arabic_page(client, auth, demo):
    group = demo["sara"].memberships[0].group
    reminders.send_staff_message(
        demo["medewerker"], "group", "Morgen is er soep.", translations={"pl": "Jutro zupa."},
        group=group,
    )  # fmt: skip
    auth.login("amina")
    inbox = client.get("/inbox").get_data(as_text=True)
    assert 'lang="nl">Morgen is er soep.' in inbox
    (reminder,) = reminders.inbox(demo["amina"])
    item = client.get(f"/inbox/{reminder.id}").get_data(as_text=True)
    assert 'class="message-body" lang="nl">Morgen is er soep.' in item
    auth.logout()
    auth.login("ewa")
    (reminder,) = reminders.inbox(demo["ewa"])
    assert 'lang="pl">Jutro zupa.' in client.get(f"/inbox/{reminder.id}").get_data(as_text=True)
