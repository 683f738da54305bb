"""The bottom tabs on a small phone (360 px wide) in every language: each label on one line."""

import pytest

from tests.browser.conftest import login, save_artifact

NARROW = {"width": 360, "height": 740}


def label_lines(page) -> dict:
    """Each tab label's number of lines (the label is its own inline box)."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('nav.tabs a > span:not(.badge)')]
             .map(span => {
               const lineHeight = parseFloat(getComputedStyle(span).lineHeight) || span.getBoundingClientRect().height;
               return [span.textContent.trim(), Math.round(span.getBoundingClientRect().height / lineHeight)];
             }))"""
    )


@pytest.mark.parametrize(
    ("username", "lang"),
    [("sara", "nl"), ("amina", "ar"), ("ewa", "pl"), ("elif", "tr"), ("ewa", "en")],
)
def test_each_tab_label_fits_one_line_at_360(page, username, lang):
    page.set_viewport_size(NARROW)
    login(page, username)
    page.goto("/meer")
    if page.locator("html").get_attribute("lang") != lang:  # English: chosen for this test only
        page.click(f"form.languages button[value={lang}]")
        page.wait_for_load_state()
    try:
        assert page.locator("html").get_attribute("lang") == lang
        lines = label_lines(page)
        assert len(lines) == 5, lines
        assert all(n == 1 for n in lines.values()), lines
        save_artifact(page, f"tabs-360-{lang}.png")
    finally:
        if lang == "en":
            page.click("form.languages button[value=pl]")
            page.wait_for_load_state()
