"""Her cv as one document: what the PDF prints, what her preview shows and what a
projectmedewerker she shares it with reads (`cv/_shared.html`, one fragment for all three).

Headings and fixed words are in the cv's language (her choice; Dutch unless she chose);
her own words stay as she wrote them, each with its own direction, so an Arabic line in a
Dutch cv (or a Dutch name in an Arabic one) reads the right way."""

import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from babel.dates import get_day_names
from babel.lists import format_list
from flask_babel import gettext as _

from webapp.i18n import LANGUAGES, in_language, text_direction
from webapp.models import User
from webapp.models.cv import CvItem, CvProfile
from webapp.services.cv.choices import (
    CV_LANGUAGES,
    DAY_PARTS,
    DAYS,
    EDUCATION_ON_CV,
    EXPERIENCE_ON_CV,
    IDW_ON_CV,
    LANGUAGE_LEVELS,
    SKILL_SUGGESTIONS,
    language_name,
)
from webapp.services.cv.items import all_items
from webapp.services.cv.parts import filled_parts, profile_of


class Own(NamedTuple):
    """Text she wrote, with the direction of its first letter (rtl, ltr, or auto)."""

    text: str
    dir: str


def own(text: str, otherwise: str = "auto") -> Own:
    """`otherwise`: the direction of a text without letters (a phone number reads left to
    right in any cv; a period of years follows the cv's direction)."""
    for char in text or "":
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return Own(text, "rtl")
        if kind == "L":
            return Own(text, "ltr")
    return Own(text or "", otherwise)


@dataclass
class Entry:
    title: Own
    place: Own | None = None
    period: Own | None = None
    note: str = ""  # fixed words in the cv's language ("vrijwilligerswerk", "niet afgerond")
    details: Own | None = None


@dataclass
class Section:
    key: str
    heading: str
    entries: list[Entry] = field(default_factory=list)
    text: Own | None = None
    lines: list[tuple[str, Own]] = field(default_factory=list)  # label, her words


@dataclass
class CvDocument:
    lang: str
    dir: str
    name: Own
    contact: list[Own]
    sections: list[Section]
    # A cv with nothing in it yet says what to add first, in her own language.
    empty: dict | None = None


def _comma(direction: str) -> str:
    return "، " if direction == "rtl" else ", "


def _entry(item: CvItem, lang: str) -> Entry:
    if item.part == "skills":
        return Entry(own(str(SKILL_SUGGESTIONS[item.key]) if item.key else item.title))
    if item.part == "languages":
        label, cefr = LANGUAGE_LEVELS.get(item.kind, ("", ""))
        name = language_name(item.key, lang) if item.key else item.title
        return Entry(own(name), note=f"{label} ({cefr})" if label else "")
    notes = []
    if item.part == "experience" and item.kind in EXPERIENCE_ON_CV:
        notes.append(str(EXPERIENCE_ON_CV[item.kind]))
    if item.part == "education":
        notes.append(str(EDUCATION_ON_CV.get(item.kind, "")))
        if item.abroad:
            notes.append(str(IDW_ON_CV.get(item.valued, "")))
    parts = [p for p in (item.place, item.country) if p]
    place = _comma(own(parts[0]).dir if parts else "ltr").join(parts)
    return Entry(
        own(item.title),
        place=own(place) if place else None,
        period=own(item.period) if item.period else None,
        note=_comma(text_direction(lang)).join(n for n in notes if n),
        details=own(item.details) if item.details else None,
    )


def _availability(profile: CvProfile, lang: str) -> list[tuple[str, Own]]:
    """Day parts grouped by day: "maandag, dinsdag: ochtend, middag"."""
    names = get_day_names("wide", locale=lang)
    groups: list[tuple[list[str], tuple[str, ...]]] = []
    chosen = set(profile.days or ())
    for index, day in enumerate(DAYS):
        parts = tuple(str(label) for key, label in DAY_PARTS.items() if f"{day}-{key}" in chosen)
        if not parts:
            continue
        if groups and groups[-1][1] == parts:
            groups[-1][0].append(names[index])
        else:
            groups.append(([names[index]], parts))
    lines = [
        ("", own(f"{format_list(days, locale=lang)}: {format_list(list(parts), locale=lang)}"))
        for days, parts in groups
    ]
    if profile.childcare_from:
        lines.append((_("Kinderopvang geregeld vanaf"), own(profile.childcare_from)))
    if profile.availability_note:
        lines.append(("", own(profile.availability_note)))
    return lines


def _sections(profile: CvProfile, items: dict[str, list[CvItem]], lang: str) -> list[Section]:
    sections = []
    if profile.profile:
        sections.append(Section("profile", _("Profiel"), text=own(profile.profile)))
    wish = [
        (label, own(value))
        for label, value in (
            ("", profile.wish_work),
            (_("Uren per week"), profile.wish_hours),
            (_("Vanaf"), profile.wish_from),
        )
        if value
    ]
    if wish:
        sections.append(Section("wish", _("Gewenst werk"), lines=wish))
    headings = {
        "experience": _("Werkervaring"),
        "education": _("Opleidingen"),
        "skills": _("Vaardigheden"),
        "languages": _("Talen"),
        "certificates": _("Certificaten"),
    }
    for part, heading in headings.items():
        if items[part]:
            sections.append(Section(part, heading, [_entry(i, lang) for i in items[part]]))
    availability = _availability(profile, lang)
    if availability:
        sections.append(Section("availability", _("Beschikbaarheid"), lines=availability))
    return sections


def _what_to_add_first(user: User) -> dict:
    lang = user.language if user.language in LANGUAGES else "nl"
    with in_language(lang):
        return {
            "lang": lang,
            "dir": text_direction(lang),
            "title": _("Je cv is nog leeg"),
            "lead": _("Begin met deze drie dingen. Open Elke Stap en tik op Cv."),
            "steps": [
                _("Je naam en je telefoonnummer"),
                _("Werk dat je deed, ook zonder contract of in een ander land"),
                _("Wat je goed kunt"),
            ],
        }


def build_document(user: User, lang: str | None = None) -> CvDocument:
    """Her cv in `lang` (default: the language she chose for it). Two queries, bounded."""
    profile = profile_of(user)
    lang = lang if lang in CV_LANGUAGES else profile.language or "nl"
    items = all_items(user)
    with in_language(lang):
        contact = [
            own(value, "ltr")
            for value, shown in (
                (profile.town, profile.show_town),
                (profile.phone, profile.show_phone),
                (profile.email, profile.show_email),
            )
            if value and shown
        ]
        sections = _sections(profile, items, lang)
    counts = {part: len(rows) for part, rows in items.items()}
    empty = None if filled_parts(profile, counts) else _what_to_add_first(user)
    return CvDocument(
        lang=lang,
        dir=text_direction(lang),
        name=own(profile.name or user.display_name or ""),
        contact=contact,
        sections=sections,
        empty=empty,
    )


def shared_view(owner: User) -> dict:
    """The context of `cv/_shared.html` for the people she shares her cv with (and for her
    preview of what they see): the same document as her PDF, in the language she chose for
    it. Whether she shares it, and the log of each look, belong to the sharing rules."""
    return {"cv": build_document(owner)}
