"""Every text exists in every language, and the plural rules are right."""

import gettext
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from webapp import catalogs
from webapp.cli import POT, ROOT, extract_arguments

LANGUAGES = ["ar", "en", "nl", "pl", "tr"]


def test_every_language_has_a_catalog():
    assert catalogs.languages() == LANGUAGES


def test_the_template_holds_every_text_in_the_code(tmp_path):
    """If someone adds a text and forgets `flask translate update`, this fails."""
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", *extract_arguments(str(fresh))],
        cwd=ROOT,
        check=True,
    )
    with fresh.open("rb") as f:
        in_code = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    with open(f"{ROOT}/{POT}", "rb") as f:
        in_template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert sorted(in_code - in_template) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_complete(lang):
    with open(f"{ROOT}/{POT}", "rb") as f:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    catalog = catalogs.load(lang)
    present = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    assert sorted(template - present) == [], f"{lang}: run flask translate update"
    missing = [m["id"] for m in catalogs.missing(lang)]
    assert missing == [], f"{lang}: {len(missing)} texts untranslated or fuzzy"


@pytest.mark.parametrize(
    ("lang", "counts", "forms"),
    [
        ("ar", [0, 1, 2, 3, 10, 11, 99, 100, 102], [0, 1, 2, 3, 3, 4, 4, 5, 5]),
        ("tr", [0, 1, 2], [1, 0, 1]),
        ("pl", [1, 2, 5, 22, 25], [0, 1, 2, 1, 2]),
    ],
)
def test_plural_forms(lang, counts, forms):
    catalog = catalogs.load(lang)
    assert catalog.num_plurals == {"ar": 6, "tr": 2, "pl": 3}[lang]
    choose = gettext.c2py(catalog.plural_expr)  # the same parser gettext uses at run time
    assert [choose(n) for n in counts] == forms
