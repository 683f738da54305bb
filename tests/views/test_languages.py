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


def test_each_pages_head_is_in_its_own_language(client):
    """The head's links and texts are kept once per language (templating.page_head): each
    language gets its own, also when another was asked for just before."""
    description = {}
    for lang in ("nl", "ar", "pl", "tr", "nl"):
        html = client.get("/login", headers={"Accept-Language": lang}).get_data(as_text=True)
        head = html.split("</head>", 1)[0]
        assert head.count('rel="stylesheet"') == 1 and head.count('src="/assets/app.') == 1
        found = head.split('<meta name="description" content="', 1)[1].split('"', 1)[0]
        assert description.setdefault(lang, found) == found
    assert description["nl"] == "Jouw stappen naar werk of een opleiding, op je telefoon."
    assert len(set(description.values())) == 4


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


def test_the_tab_of_the_page_she_is_on_is_marked(client, auth, sara):
    auth.login("sara")
    home = client.get("/").get_data(as_text=True)
    assert 'aria-current="page"' not in home  # the start page has no tab of its own
    more = client.get("/meer").get_data(as_text=True)
    assert more.count('aria-current="page"') == 1
    assert 'href="/meer" aria-current="page"' in more
    cv = client.get("/cv/").get_data(as_text=True)
    assert 'href="/cv/" aria-current="page"' in cv


def _tab_bar(html: str) -> str:
    return html.split('<nav class="tabs"', 1)[1].split("</nav>", 1)[0]


def test_tab_bar_and_app_texts_follow_each_users_language_and_page(client, auth, sara, amina):
    """The shell is rendered once per language and kept: it must never serve one language's
    (or one page's) copy to another."""
    auth.login("sara")
    home = client.get("/").get_data(as_text=True)
    assert ">Mijn plan<" in _tab_bar(home) and "aria-current" not in _tab_bar(home)
    assert '"close": "Sluiten"' in home
    plan_tabs = _tab_bar(client.get("/plan/").get_data(as_text=True))
    assert '<a href="/plan/" aria-current="page">' in plan_tabs
    auth.logout()

    auth.login("amina")
    home = client.get("/").get_data(as_text=True)
    assert ">خطتي<" in _tab_bar(home) and "Mijn plan" not in _tab_bar(home)
    assert '"close": "\\u0625\\u063a\\u0644\\u0627\\u0642"' in home  # إغلاق, as tojson writes it
    auth.logout()

    auth.login("sara")
    assert ">Mijn plan<" in _tab_bar(client.get("/").get_data(as_text=True))


def test_texts_follow_in_language_inside_a_request_and_return_after_it(app):
    """The catalog is looked up once per request and locale: a reminder rendered in her
    language in the middle of a Dutch page must be Arabic, and the page Dutch again after."""
    from flask import render_template_string
    from flask_babel import gettext, lazy_gettext

    from webapp.i18n import in_language

    close = lazy_gettext("Sluiten")
    with app.test_request_context("/", headers={"Accept-Language": "nl"}):
        assert gettext("Sluiten") == "Sluiten" == str(close)
        with in_language("ar"):
            assert gettext("Sluiten") == "إغلاق" == str(close)
            assert render_template_string("{{ _('Sluiten') }}") == "إغلاق"
        assert gettext("Sluiten") == "Sluiten"
        assert render_template_string("{{ _('Sluiten') }}") == "Sluiten"
        with in_language("tr"):
            assert gettext("Sluiten") != "Sluiten"


def test_dates_follow_in_language_inside_a_request_and_return_after_it(app):
    """The locale for dates is found once per request too: a reminder's date in her language
    in the middle of a Dutch page, and Dutch again after it; times in the app's time zone."""
    from datetime import datetime

    from flask import render_template_string

    from webapp.i18n import format_date, format_time, in_language, page_language

    moment = datetime(2026, 12, 5, 14, 0)  # naive UTC: 15:00 in Amsterdam
    with app.test_request_context("/", headers={"Accept-Language": "nl"}):
        assert format_date(moment, "EEEE d MMMM") == "zaterdag 5 december"
        with in_language("pl"):
            assert page_language() == "pl"
            assert format_date(moment, "EEEE d MMMM") == "sobota 5 grudnia"
            assert render_template_string("{{ m|dateformat('d MMMM') }}", m=moment) == "5 grudnia"
        assert page_language() == "nl"
        assert render_template_string("{{ m|datetimeformat('d MMM, HH:mm') }}", m=moment) == (
            "5 dec, 15:00"
        )
        assert format_time(datetime(2026, 7, 1, 23, 30), "HH:mm") == "01:30"  # summer time


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dates_read_as_flask_babel_writes_them(app, lang):
    """Her dates go through webapp.i18n (the locale and zone found once), with the same text
    as Flask-Babel's own functions: patterns, named formats, summer and winter time."""
    from datetime import UTC, date, datetime

    import flask_babel

    from webapp import i18n

    moments = [
        datetime(2026, 3, 29, 0, 59),
        datetime(2026, 3, 29, 1, 0),  # summer time begins
        datetime(2026, 10, 25, 0, 30),
        datetime(2026, 10, 25, 1, 30),  # and ends
        datetime(2026, 1, 1, 12, 0, tzinfo=UTC),
    ]
    names = [None, "short", "medium", "long", "full"]
    with app.test_request_context("/"), i18n.in_language(lang):
        for pattern in [*names, "d MMM, HH:mm", "EEEE d MMMM, HH:mm"]:
            for m in moments:
                assert i18n.format_datetime(m, pattern) == flask_babel.format_datetime(m, pattern)
        for pattern in [*names, "HH:mm"]:
            for m in moments:
                assert i18n.format_time(m, pattern) == flask_babel.format_time(m, pattern)
        for pattern in [*names, "LLLL", "d MMMM", "EEEE d MMMM"]:
            for m in [*moments, date(2026, 5, 4)]:
                assert i18n.format_date(m, pattern) == flask_babel.format_date(m, pattern)
        # Every weekday and month name, read from the app's plain copy of Babel's data.
        every_day = [date(2026, 5, 4 + day) for day in range(7)]
        every_month = [date(2026, month, 1) for month in range(1, 13)]
        for pattern in ["EEEE d MMMM", "EEE d MMM", "LLLL", "LLL", "full"]:
            for d in [*every_day, *every_month]:
                assert i18n.format_date(d, pattern) == flask_babel.format_date(d, pattern)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_template_texts_read_as_jinjas_own_gettext_writes_them(app, lang):
    """`_()` and `ngettext()` in templates are one call each (webapp.i18n._TemplateTexts), with
    the same markup as Jinja's newstyle gettext: values escaped, `num` filled in, the same text
    on a second page from the kept copy."""
    import jinja2
    from flask import render_template_string

    from webapp import i18n
    from webapp.extensions import babel

    source = (
        "{{ _('Sluiten') }}|{{ _('Sluiten') }}|{{ _('<em>%(name)s</em>', name=who) }}|"
        "{{ ngettext('Je hebt %(num)d nieuw bericht', 'Je hebt %(num)d nieuwe berichten', 1) }}|"
        "{{ ngettext('Je hebt %(num)d nieuw bericht', 'Je hebt %(num)d nieuwe berichten', n) }}|"
        "{{ ngettext('%(num)d van %(total)s', '%(num)d van %(total)s', n, total=who) }}"
    )
    values = {"who": '<b>"Sara" & co</b>', "n": 3}
    with app.test_request_context("/"), i18n.in_language(lang):
        catalog = babel.domain_instance.get_translations()
        stock = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
        stock.install_gettext_callables(catalog.ugettext, catalog.ungettext, newstyle=True)
        expected = stock.from_string(source).render(values)
        assert render_template_string(source, **values) == expected
        assert render_template_string(source, **values) == expected  # from the kept texts
        assert "<em>&lt;b&gt;" in expected  # the text is markup, her value is escaped
        if lang != "nl":
            assert "Sluiten|" not in expected  # really translated
