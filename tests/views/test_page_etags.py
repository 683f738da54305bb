"""A page she opens again unchanged costs her only the headers (ETag, 304); any change to
what the page shows gives a new tag."""

from webapp.services import reminders

ZSTD = {"Accept-Encoding": "zstd"}


def test_unchanged_page_answers_304_and_a_change_gives_a_new_tag(client, auth, demo):
    auth.login("sara")
    client.get("/")  # the first page after login carries the offline warm-up list
    first = client.get("/", headers=ZSTD)
    tag = first.headers["ETag"]
    assert first.status_code == 200 and tag

    again = client.get("/", headers={**ZSTD, "If-None-Match": tag})
    assert again.status_code == 304 and again.data == b""

    group = demo["sara"].memberships[0].group
    reminders.send_staff_message(demo["medewerker"], "group", "Morgen is er koffie.", group=group)
    changed = client.get("/", headers={**ZSTD, "If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag
    assert "Je hebt 1 nieuw bericht" in client.get("/").get_data(as_text=True)


def test_tags_differ_between_participants_and_are_not_given_to_errors(client, auth, demo):
    auth.login("sara")
    client.get("/")
    saras = client.get("/agenda").headers["ETag"]
    auth.logout()
    auth.login("amina")
    client.get("/")
    aminas = client.get("/agenda", headers={"If-None-Match": saras})
    assert aminas.status_code == 200 and aminas.headers["ETag"] != saras
    assert "ETag" not in client.get("/agenda/999999").headers


def test_csrf_token_is_the_same_all_day_and_still_accepted(client, auth, demo, monkeypatch):
    """Signed with the second, the token made every page new bytes; signed with the day, a page
    opened again a few minutes later is the same page."""
    import re
    import time

    auth.login("sara")
    client.get("/")
    first = client.get("/meer", headers=ZSTD)
    later = time.time() + 300
    monkeypatch.setattr(time, "time", lambda: later)
    again = client.get("/meer", headers={**ZSTD, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 or time.gmtime(later).tm_yday != time.gmtime().tm_yday

    html = client.get("/meer").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    saved = client.post("/meer/naam", data={"display_name": "Sara B", "csrf_token": token})
    assert saved.status_code == 302
    assert (
        client.post("/meer/naam", data={"display_name": "X", "csrf_token": "x" + token}).status_code
        == 400
    )


def test_pages_leave_the_date_header_to_the_server(client, auth, demo):
    """gunicorn and werkzeug's server add Date themselves: a second one from the app would
    repeat a header that may appear only once."""
    auth.login("sara")
    for headers in ({}, ZSTD):
        response = client.get("/", headers=headers)
        assert response.status_code == 200 and "Date" not in response.headers
