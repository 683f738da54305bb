"""A page's title block is text only. Markup put there by mistake ends up inside <title>, where
the browser shows it as text and never runs it (a script meant for the page does not load)."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "webapp" / "templates"
TITLE_BLOCK = re.compile(r"{%-?\s*block title\s*-?%}(.*?){%-?\s*endblock", re.S)


def test_no_title_block_holds_markup():
    found = [
        (str(path.relative_to(TEMPLATES)), title.strip()[:80])
        for path in sorted(TEMPLATES.rglob("*.html"))
        for title in TITLE_BLOCK.findall(path.read_text(encoding="utf-8"))
        if "<" in title
    ]
    assert found == []
