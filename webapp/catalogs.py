"""Keeping the gettext catalogs whole: the right plural headers, the Dutch source catalog
filled from the source texts, and lists of what a translator still has to do."""

import json
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
SOURCE_LANGUAGE = "nl"

# pybabel's own table is wrong for these two (see the README): CLDR order for Arabic's six
# forms, and Turkish has a singular and a plural.
PLURAL_FORMS = {
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);",
    "tr": "nplurals=2; plural=(n != 1);",
}


# Every function works on the project's catalogs unless given another `directory` (the
# `flask translate` commands pass the app's, which tests point at a copy).


def po_path(lang: str, directory: Path = TRANSLATIONS) -> Path:
    return Path(directory) / lang / "LC_MESSAGES" / "messages.po"


def languages(directory: Path = TRANSLATIONS) -> list[str]:
    return sorted(p.name for p in Path(directory).iterdir() if po_path(p.name, directory).exists())


def load(lang: str, directory: Path = TRANSLATIONS) -> Catalog:
    with po_path(lang, directory).open("rb") as f:
        return read_po(f, locale=lang)


def save(catalog: Catalog, lang: str, directory: Path = TRANSLATIONS) -> None:
    with po_path(lang, directory).open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False, sort_output=True)


def normalise(lang: str, directory: Path = TRANSLATIONS) -> None:
    """Fix the plural header; in the Dutch catalog every text is its own translation."""
    catalog = load(lang, directory)
    if lang in PLURAL_FORMS:
        catalog._num_plurals, catalog._plural_expr = _split_plural(PLURAL_FORMS[lang])
    if lang == SOURCE_LANGUAGE:
        for message in catalog:
            if not message.id:
                continue
            if message.pluralizable:
                message.string = (message.id[0], *[message.id[1]] * (catalog.num_plurals - 1))
            else:
                message.string = message.id
            message.flags.discard("fuzzy")
    save(catalog, lang, directory)


def _split_plural(header: str) -> tuple[int, str]:
    nplurals, plural = header.rstrip(";").split("; ", 1)
    return int(nplurals.split("=")[1]), plural.split("=", 1)[1]


def missing(lang: str, directory: Path = TRANSLATIONS) -> list[dict]:
    """Every message without a complete translation, or marked fuzzy."""
    catalog = load(lang, directory)
    todo = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if (
            message.fuzzy
            or not all(strings)
            or len(strings) < (catalog.num_plurals if message.pluralizable else 1)
        ):
            entry = {"id": message.id if not message.pluralizable else list(message.id)}
            if message.pluralizable:
                entry["forms"] = catalog.num_plurals
            entry["string"] = "" if not message.pluralizable else [""] * catalog.num_plurals
            todo.append(entry)
    return todo


def apply(lang: str, entries: list[dict], directory: Path = TRANSLATIONS) -> int:
    """Write translations given as [{"id": ..., "string": ...}] into the catalog."""
    catalog = load(lang, directory)
    done = 0
    for entry in entries:
        key = entry["id"][0] if isinstance(entry["id"], list) else entry["id"]
        message = catalog.get(key)
        if message is None or not entry.get("string"):
            continue
        string = entry["string"]
        message.string = tuple(string) if isinstance(string, list) else string
        message.flags.discard("fuzzy")
        done += 1
    save(catalog, lang, directory)
    return done


def dump_missing(lang: str, directory: Path = TRANSLATIONS) -> str:
    return json.dumps(missing(lang, directory), ensure_ascii=False, indent=1)
