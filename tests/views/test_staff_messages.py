"""A medewerker writes to her group or to a meeting's invitees; she sees who got it."""

from tests import factories
from webapp.i18n import in_language
from webapp.services import agenda, reminders


def test_audiences_offer_her_groups_and_meetings_that_take_place(client, auth, zuid, medewerker):
    upcoming = factories.meeting(zuid, by=medewerker, title="Startbijeenkomst")
    cancelled = factories.meeting(zuid, by=medewerker, title="Vakantie")
    agenda.cancel_meeting(medewerker, cancelled)
    auth.login("medewerker")
    page = client.get("/medewerker/berichten").get_data(as_text=True)
    assert f'value="group:{zuid.id}"' in page
    assert f'value="meeting:{upcoming.id}"' in page
    assert f'value="meeting:{cancelled.id}"' not in page
    assert f'value="no_answer:{upcoming.id}"' in page


def test_a_group_message_reaches_every_participant_in_her_language(
    client, auth, zuid_participants, medewerker
):
    sara, amina, *_ = zuid_participants
    group = sara.memberships[0].group
    auth.login("medewerker")
    response = client.post(
        "/medewerker/berichten",
        data={"audience": f"group:{group.id}", "body": "Morgen is er koffie.",
              "body_ar": "غدًا توجد قهوة.", "csrf_token": auth.token()},
    )  # fmt: skip
    assert response.status_code == 302
    for participant in zuid_participants:
        assert len(reminders.inbox(participant)) == 1, participant.username
    (reminder,) = reminders.inbox(amina)
    with in_language("ar"):  # as the sender renders it for her
        title, body = reminders.render_text(reminder, reminders.message_of(reminder))
    assert body == "غدًا توجد قهوة."
    counts = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Morgen is er koffie." in counts


def test_an_empty_message_is_refused_and_what_she_chose_is_kept(client, auth, sara, medewerker):
    group = sara.memberships[0].group
    auth.login("medewerker")
    response = client.post(
        "/medewerker/berichten",
        data={"audience": f"group:{group.id}", "body": "", "body_tr": "Yarın kahve var.",
              "csrf_token": auth.token()},
    )  # fmt: skip
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Schrijf eerst je bericht." in page and "Yarın kahve var." in page


def test_an_untranslated_message_is_marked_dutch_on_her_arabic_page(
    client, auth, sara, medewerker, amina, ewa
):
    group = sara.memberships[0].group
    reminders.send_staff_message(
        medewerker, "group", "Morgen is er soep.", translations={"pl": "Jutro zupa."},
        group=group,
    )  # fmt: skip
    auth.login("amina")
    inbox = client.get("/inbox").get_data(as_text=True)
    assert 'lang="nl">Morgen is er soep.' in inbox
    (reminder,) = reminders.inbox(amina)
    item = client.get(f"/inbox/{reminder.id}").get_data(as_text=True)
    assert 'class="message-body" lang="nl">Morgen is er soep.' in item
    auth.logout()
    auth.login("ewa")
    (reminder,) = reminders.inbox(ewa)
    assert 'lang="pl">Jutro zupa.' in client.get(f"/inbox/{reminder.id}").get_data(as_text=True)
