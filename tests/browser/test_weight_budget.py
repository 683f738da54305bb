"""The page-weight budgets of issue 6, measured in Chromium by bench/weight.py.

Bytes are exact (not noisy), so they are checked here; times are not (see bench/)."""

import pytest

from bench.weight import BUDGET_COLD_TOTAL, BUDGET_FIRST_PAINT, BUDGET_REPEAT, kb, run

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def home(browser):
    (result,) = run(pages=[("home", "/", "sara")], verbose=False, browser=browser)
    return result


def test_cold_first_load_of_home_stays_within_budget(home):
    assert home.cold.total() <= BUDGET_COLD_TOTAL, (
        f"cold home {kb(home.cold.total())} > {kb(BUDGET_COLD_TOTAL)}"
    )


def test_html_and_css_for_first_paint_fit_one_round_trip(home):
    assert 0 < home.cold.first_paint() <= BUDGET_FIRST_PAINT, (
        f"html+css {kb(home.cold.first_paint())} > {kb(BUDGET_FIRST_PAINT)}"
    )


def test_repeat_visit_comes_from_the_service_worker(home):
    assert home.repeat.served_by_sw() > 0
    assert home.repeat.total() <= BUDGET_REPEAT, (
        f"repeat home {kb(home.repeat.total())} > {kb(BUDGET_REPEAT)}"
    )


def test_unchanged_page_opened_again_costs_only_headers(home):
    """Her page, unchanged, comes back as a 304: headers only, under 1.5 KB."""
    html = [e for e in home.again.network() if e["kind"] == "html"]
    assert html and all(e["status"] == 304 or e.get("bytes", 0) < 1000 for e in html), html
    assert 0 < home.again.total() <= 1500, f"again home {kb(home.again.total())}"


def test_text_is_served_compressed(home):
    text = [e for e in home.cold.network() if e["kind"] in ("html", "css", "js")]
    assert text and all(e.get("encoding") in ("br", "gzip", "zstd") for e in text), text


def test_a_meeting_page_with_materials_loads_no_picture_or_audio_at_first(browser):
    (meeting,) = run(
        pages=[("meeting with materials", "/agenda/vorige", "amina")], verbose=False,
        browser=browser,
    )  # fmt: skip
    loaded = [e["url"] for e in meeting.cold.network()]
    assert not [url for url in loaded if "/materiaal/bestand/" in url], loaded
    assert meeting.repeat.total() <= BUDGET_REPEAT, kb(meeting.repeat.total())
