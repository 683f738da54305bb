def test_checklist_tick_works_with_and_without_htmx(client, auth, demo):
    auth.login("sara")
    token = auth.token()
    plain = client.post("/cv/lijst/skills", data={"done": "1", "csrf_token": token})
    assert plain.status_code == 302
    page = client.get("/cv/").get_data(as_text=True)
    assert 'id="item-skills" class="check-item is-done"' in page
    ticked = client.post(
        "/cv/lijst/contact",
        data={"done": "1"},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert ticked.status_code == 200
    html = ticked.get_data(as_text=True)
    assert 'class="check-item is-done"' in html and "<svg" in html  # the tick is drawn
    fragment = client.post(
        "/cv/lijst/skills", data={"done": "0"}, headers={"HX-Request": "true", "X-CSRFToken": token}
    )
    html = fragment.get_data(as_text=True)
    assert html.lstrip().startswith('<li id="item-skills" class="check-item">')
    assert "<html" not in html
    assert "HX-Request" in fragment.headers["Vary"]


def test_the_page_says_what_she_may_leave_out(client, auth, demo):
    auth.login("sara")
    page = client.get("/cv/").get_data(as_text=True)
    assert "bijstand" in page and "Schulden" in page


def test_unknown_item_is_not_found(client, auth, demo):
    auth.login("sara")
    assert (
        client.post("/cv/lijst/zzz", data={"done": "1", "csrf_token": auth.token()}).status_code
        == 404
    )
