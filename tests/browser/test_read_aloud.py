"""Read aloud in Chromium, with the browser's speech API observed: what the page asked it to
say, in which language, and that the buttons hide where the phone has no voice."""

import pytest
from sqlalchemy import select

from tests.browser.conftest import login, save_artifact, wait_until
from webapp.models.agenda import Meeting

# The phone's speech engine, observed: each utterance's text and language is recorded, and
# "speaking" ends after a moment, as a real engine would.
SPEECH = """
(voices, ms) => {
  window.__spoken = []; window.__cancelled = 0;
  class Utterance { constructor(text) { this.text = text; this.lang = ""; } }
  const engine = {
    speak(u) { window.__spoken.push([u.text, u.lang]);
               setTimeout(() => { u.onstart && u.onstart(); setTimeout(() => u.onend && u.onend(), ms); }, 0); },
    cancel() { window.__cancelled++; },
    getVoices() { return voices.map((lang) => ({ lang, name: lang })); },
    addEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: engine, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
}
"""


def with_voices(context, *langs, ms=30):
    context.add_init_script(f"({SPEECH})({list(langs)!r}, {ms})")


def spoken(page):
    return page.evaluate("() => window.__spoken")


def test_her_next_step_is_read_in_dutch(context, page):
    with_voices(context, "nl-NL", "ar-SA")
    login(page, "sara")
    page.goto("/")
    button = page.locator("#next-step-card [data-read-aloud-button]")
    button.wait_for()
    button.click()
    wait_until(page, "() => window.__spoken.length > 0")
    texts = spoken(page)
    assert any("Mijn cv maken" in text and lang == "nl" for text, lang in texts), texts
    assert not any("Ik ben bezig" in text for text, _lang in texts)  # not the buttons
    wait_until(page, "() => !document.querySelector('#next-step-card .reading')")


def test_arabic_plan_in_arabic_and_a_dutch_staff_text_by_a_dutch_voice(context, page, live_db):
    with_voices(context, "nl-NL", "ar-SA")
    login(page, "amina")
    page.goto("/plan/")
    page.click(".goal [data-read-aloud-button]")
    wait_until(page, "() => window.__spoken.length > 0")
    assert {lang for _text, lang in spoken(page)} == {"ar"}

    meeting = live_db.scalar(select(Meeting).where(Meeting.title == "Startbijeenkomst"))
    page.goto(f"/agenda/{meeting.id}")
    page.click("[aria-labelledby=when-where] [data-read-aloud-button]")
    wait_until(page, "() => window.__spoken.length >= 2")
    langs = {lang for _text, lang in spoken(page)}
    assert "ar" in langs  # her own page's words
    assert "nl" in langs  # the place, written in Dutch, read by a Dutch voice
    assert any("Slinge 1" in text and lang == "nl" for text, lang in spoken(page))
    save_artifact(page, "read-aloud-meeting-ar.png")


def test_a_second_tap_stops_reading(context, page):
    with_voices(context, "nl-NL", ms=10_000)  # a long text, still being read
    login(page, "sara")
    page.goto("/")
    button = page.locator("#next-meeting-card [data-read-aloud-button]")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    button.click()
    assert page.evaluate("() => window.__cancelled") >= 1
    assert button.get_attribute("aria-pressed") == "false"


@pytest.mark.parametrize("voices", [("nl-NL",), ()], ids=["only-dutch", "no-voices"])
def test_no_arabic_voice_no_button_and_a_hint_on_meer(context, page, voices):
    with_voices(context, *voices)
    login(page, "amina")
    page.goto("/")
    page.wait_for_timeout(1700)  # the phone has had time to list its voices
    assert page.locator("[data-read-aloud-button]:visible").count() == 0
    page.goto("/meer")
    page.locator("[data-read-aloud-hint]").wait_for()


def test_her_cv_tips_read_in_polish_with_each_point_she_can_tick(context, page):
    with_voices(context, "nl-NL", "pl-PL")
    login(page, "ewa")
    page.goto("/cv/")
    page.click("[aria-labelledby=interview-title] [data-read-aloud-button]")
    wait_until(page, "() => window.__spoken.length >= 3")
    texts = spoken(page)
    assert {lang for _text, lang in texts} == {"pl"}, texts
    points = page.locator(".checklist .check [data-read]").all_inner_texts()
    wait_until(page, f"() => window.__spoken.length >= {len(points) + 2}")
    said = [text for text, _lang in spoken(page)]
    assert all(point.strip() in said for point in points), (points, said)
