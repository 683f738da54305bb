"""A new message is seen from her home and the tab bar, not only inside Meer."""

from webapp.services import reminders


def test_unread_messages_show_on_home_and_on_the_meer_tab(client, auth, sara, medewerker):
    group = sara.memberships[0].group
    auth.login("sara")
    home = client.get("/").get_data(as_text=True)
    assert 'class="badge"' not in home and "nieuw bericht" not in home

    reminders.send_staff_message(medewerker, "group", "Morgen is er koffie.", group=group)
    home = client.get("/").get_data(as_text=True)
    assert "Je hebt 1 nieuw bericht" in home and 'href="/inbox"' in home
    assert 'class="badge">1<' in home
    client.get("/inbox")  # reading the inbox marks them read
    for message in reminders.inbox(sara):
        client.get(f"/inbox/{message.id}")
    assert 'class="badge"' not in client.get("/").get_data(as_text=True)
