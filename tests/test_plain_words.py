"""Words she reads: short sentences (at most 15 words) in every Dutch text a participant sees,
and one name for the person of her group who reads what she shares ("projectmedewerker",
never "begeleider": she may think of the gemeente's werkcoach)."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

ROOT = Path(__file__).resolve().parents[1]
MAX_WORDS = 15
# Pages and code for staff, trainsters and beheer: not what a participant reads.
STAFF_ONLY = re.compile(r"(^|/)(admin|staff)(/|\.)|staff_|_staff|trainer|materials/manage")


def participant_texts() -> list[tuple[str, str]]:
    method_map = [("webapp/**.py", "python"), ("webapp/templates/**.html", "jinja2")]
    options = {"webapp/templates/**.html": {"extensions": "jinja2.ext.do"}}
    found = []
    for filename, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options, keywords={"_": None, "_l": None, "gettext": None,
                                                  "lazy_gettext": None, "ngettext": (1, 2)},
    ):  # fmt: skip
        if STAFF_ONLY.search(filename):
            continue
        for text in message if isinstance(message, tuple) else (message,):
            if text:
                found.append((filename, text))
    return found


def sentences(text: str) -> list[str]:
    text = re.sub(r"%\(\w+\)[sd]", "X", text)
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def test_the_texts_are_found():
    texts = participant_texts()
    assert len(texts) > 300
    assert any(f.startswith("webapp/templates/plan/") for f, _t in texts)
    assert not any("staff" in f for f, _t in texts)


def test_no_dutch_sentence_she_reads_is_over_15_words():
    long = {
        (filename, sentence)
        for filename, text in participant_texts()
        for sentence in sentences(text)
        if len(sentence.split()) > MAX_WORDS
    }
    assert not long, "\n".join(f"{f}: {s} ({len(s.split())} words)" for f, s in sorted(long))


@pytest.mark.parametrize("word", ["begeleider"])
def test_one_name_for_who_reads_her_plan(word):
    found = [(f, t) for f, t in participant_texts() if word in t.lower()]
    assert not found, found


def test_the_sentence_counter_counts():
    assert [len(s.split()) for s in sentences("Eén twee drie. Vier %(n)s zes!")] == [3, 3]
