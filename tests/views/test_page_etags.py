"""A page she opens again unchanged costs her only the headers (ETag, 304); any change to
what the page shows gives a new tag."""

from webapp.services import reminders

ZSTD = {"Accept-Encoding": "zstd"}


def test_unchanged_page_answers_304_and_a_change_gives_a_new_tag(client, auth, sara, medewerker):
    auth.login("sara")
    client.get("/")  # the first page after login carries the offline warm-up list
    first = client.get("/", headers=ZSTD)
    tag = first.headers["ETag"]
    assert first.status_code == 200 and tag

    again = client.get("/", headers={**ZSTD, "If-None-Match": tag})
    assert again.status_code == 304 and again.data == b""

    group = sara.memberships[0].group
    reminders.send_staff_message(medewerker, "group", "Morgen is er koffie.", group=group)
    changed = client.get("/", headers={**ZSTD, "If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag
    assert "Je hebt 1 nieuw bericht" in client.get("/").get_data(as_text=True)


def test_tags_differ_between_participants_and_are_not_given_to_errors(client, auth, sara, amina):
    auth.login("sara")
    client.get("/")
    saras = client.get("/agenda").headers["ETag"]
    auth.logout()
    auth.login("amina")
    client.get("/")
    aminas = client.get("/agenda", headers={"If-None-Match": saras})
    assert aminas.status_code == 200 and aminas.headers["ETag"] != saras
    assert "ETag" not in client.get("/agenda/999999").headers


def test_a_page_signed_again_later_is_still_304_and_its_token_still_accepted(
    client, auth, monkeypatch, sara
):
    """Flask-WTF signs the CSRF token with the current second: the page is new bytes every
    second, but it shows the same, so it keeps its tag; the copy she has stays usable."""
    import re
    import time

    auth.login("sara")
    client.get("/")
    first = client.get("/meer")
    token = re.search(r'name="csrf_token" value="([^"]+)"', first.get_data(as_text=True))
    compressed = client.get("/meer", headers=ZSTD)
    later = time.time() + 300
    monkeypatch.setattr(time, "time", lambda: later)
    again = client.get("/meer")
    assert token.group(1) not in again.get_data(as_text=True)  # signed anew, the same tag
    assert again.headers["ETag"] == first.headers["ETag"]
    assert (
        client.get(
            "/meer", headers={**ZSTD, "If-None-Match": compressed.headers["ETag"]}
        ).status_code
        == 304
    )

    saved = client.post("/meer/naam", data={"display_name": "Sara B", "csrf_token": token.group(1)})
    assert saved.status_code == 302
    forged = client.post(
        "/meer/naam", data={"display_name": "X", "csrf_token": "x" + token.group(1)}
    )
    assert forged.status_code == 400


def test_every_page_of_hers_keeps_its_tag_when_signed_again_later(client, auth, monkeypatch, sara):
    """Also the pages with no form of their own (her agenda, her inbox): the token in the page's
    htmx headers is left out of the tag too, so her phone gets a 304, not the page again."""
    import time

    auth.login("sara")
    client.get("/")
    pages = ["/", "/plan/", "/agenda", "/inbox", "/opvang/", "/cv/", "/meer"]
    tags = {path: client.get(path).headers["ETag"] for path in pages}
    later = time.time() + 300
    monkeypatch.setattr(time, "time", lambda: later)
    assert {path: client.get(path).headers["ETag"] for path in pages} == tags
    assert client.get("/agenda", headers={"If-None-Match": tags["/agenda"]}).status_code == 304


def test_after_logging_in_again_the_page_is_new(client, auth, sara):
    """Her new session has a new CSRF token: a copy of the page from before must not answer
    304, or its forms would carry the old session's token."""
    auth.login("sara")
    client.get("/")
    before = client.get("/meer").headers["ETag"]
    auth.logout()
    auth.login("sara")
    client.get("/")
    assert client.get("/meer", headers={"If-None-Match": before}).status_code == 200
