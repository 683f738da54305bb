import pytest

from webapp.i18n import LANGUAGES


@pytest.mark.parametrize(
    ("lang", "direction"),
    [("nl", "ltr"), ("ar", "rtl"), ("pl", "ltr"), ("tr", "ltr"), ("en", "ltr")],
)
def test_html_lang_and_dir_follow_the_chosen_language(client, auth, lang, direction):
    client.post("/taal", data={"lang": lang, "next": "/login", "csrf_token": auth.csrf()})
    html = client.get("/login").get_data(as_text=True)
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert f'value="{lang}" lang="{lang}"' in html
    pressed = html.split(f'value="{lang}"', 1)[1].split(">", 1)[0]
    assert 'aria-pressed="true"' in pressed


def test_browser_language_is_used_before_a_choice(client):
    html = client.get("/login", headers={"Accept-Language": "pl-PL,pl;q=0.9"}).get_data(
        as_text=True
    )
    assert '<html lang="pl"' in html


def test_unknown_language_falls_back_to_dutch(client):
    html = client.get("/login", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="nl"' in html


def test_every_language_button_names_itself(client):
    html = client.get("/login").get_data(as_text=True)
    for code, name in LANGUAGES.items():
        assert f">{name}</button>" in html, code


def test_arabic_text_is_set_in_an_arabic_font():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "webapp" / "static" / "app.css").read_text()
    assert ':lang(ar) { font-family: "Noto Sans Arabic"' in css


def test_the_tab_of_the_page_she_is_on_is_marked(client, auth, demo):
    auth.login("sara")
    home = client.get("/").get_data(as_text=True)
    assert 'aria-current="page"' not in home  # the start page has no tab of its own
    more = client.get("/meer").get_data(as_text=True)
    assert more.count('aria-current="page"') == 1
    assert 'href="/meer" aria-current="page"' in more
    cv = client.get("/cv/").get_data(as_text=True)
    assert 'href="/cv/" aria-current="page"' in cv
