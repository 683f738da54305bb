"""What her cv is made of: its parts, the fields of each with their limits, and the fixed
choices (kinds of work, levels of a language, skill suggestions) shown in her language.

The rules for a field live here, once, so the forms, the services and the PDF agree."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from babel import Locale
from babel.dates import get_month_names
from flask_babel import lazy_gettext as _l

from webapp.services import ServiceError

# The parts of a cv, in the order of the page and of the PDF: key, title, address on the page.
PARTS = {
    "contact": (_l("Contactgegevens"), "contact"),
    "profile": (_l("Over mij"), "profiel"),
    "wish": (_l("Werk dat ik zoek"), "werkwens"),
    "experience": (_l("Werkervaring"), "werk"),
    "education": (_l("Opleidingen"), "opleiding"),
    "skills": (_l("Vaardigheden en talenten"), "vaardigheden"),
    "languages": (_l("Talen"), "talen"),
    "certificates": (_l("Certificaten"), "certificaten"),
    "availability": (_l("Beschikbaarheid"), "beschikbaar"),
}
SLUGS = {slug: key for key, (_title, slug) in PARTS.items()}
LIST_PARTS = ("experience", "education", "skills", "languages", "certificates")
# Certificates and availability may stay empty: progress counts the other parts.
OPTIONAL_PARTS = ("certificates", "availability")
# A cv that fits on two pages: each list is bounded, and so is the page that shows it.
MAX_ITEMS = {"experience": 12, "education": 10, "skills": 20, "languages": 10, "certificates": 12}

EXPERIENCE_KINDS = {
    "work": _l("Betaald werk"),
    "volunteer": _l("Vrijwilligerswerk"),
    "informal": _l("Werk zonder contract, bijvoorbeeld in de winkel van familie"),
    "care": _l("Zorg voor iemand anders (mantelzorg)"),
}
# How a kind of work is named on the cv itself (paid and informal work need no label).
EXPERIENCE_ON_CV = {"volunteer": _l("Vrijwilligerswerk"), "care": _l("Mantelzorg")}
EDUCATION_STATES = {
    "done": _l("Afgerond"),
    "unfinished": _l("Niet afgemaakt"),
    "busy": _l("Ik doe het nu"),
}
EDUCATION_ON_CV = {"done": _l("diploma"), "unfinished": _l("niet afgerond"), "busy": _l("nu bezig")}
IDW_STATES = {
    "": _l("Nog niet laten waarderen"),
    "asked": _l("Ik heb het aangevraagd bij IDW"),
    "valued": _l("IDW heeft het gewaardeerd"),
}
IDW_ON_CV = {
    "": _l("diploma uit het buitenland"),
    "asked": _l("waardering aangevraagd bij IDW"),
    "valued": _l("gewaardeerd door IDW"),
}
# A level she understands, with the European (CEFR) level beside it for employers.
LANGUAGE_LEVELS = {
    "basic": (_l("Een beetje"), "A1–A2"),
    "fair": (_l("Redelijk"), "B1"),
    "good": (_l("Goed"), "B2–C1"),
    "native": (_l("Moedertaal"), "C2"),
}
# Languages she can pick; their names come from Babel in the language of the page or cv.
LANGUAGE_CODES = (
    "nl", "en", "ar", "tr", "pl", "fr", "de", "es", "pt", "it", "ru", "uk", "ro", "bg", "hu",
    "sq", "bs", "hr", "sr", "ku", "fa", "ps", "ur", "hi", "zh", "so", "ti", "am", "pap", "srn",
)  # fmt: skip
SKILL_SUGGESTIONS = {
    "care": _l("Zorgen voor anderen"),
    "children": _l("Omgaan met kinderen"),
    "organise": _l("Plannen en organiseren"),
    "cook": _l("Koken"),
    "clean": _l("Schoonmaken"),
    "customers": _l("Vriendelijk tegen klanten"),
    "together": _l("Samenwerken"),
    "calm": _l("Rustig blijven als het druk is"),
    "listen": _l("Goed luisteren"),
    "punctual": _l("Op tijd komen"),
    "admin": _l("Administratie bijhouden"),
    "sewing": _l("Naaien"),
    "hair": _l("Haar knippen en verzorgen"),
    "computer": _l("Werken met computer en telefoon"),
    "multilingual": _l("Meerdere talen spreken"),
    "learn": _l("Snel nieuwe dingen leren"),
    "reliable": _l("Betrouwbaar"),
    "persevere": _l("Doorzetten"),
}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS = {"morning": _l("ochtend"), "afternoon": _l("middag"), "evening": _l("avond")}
CV_LANGUAGES = ("nl", "en", "ar", "pl", "tr")
# What she may leave out, next to the fields they concern: an employer need not know these.
LEAVE_OUT = {
    "contact": _l("Je BSN, je geboortedatum en of je getrouwd bent: dat hoeft niet op je cv."),
    "profile": _l(
        "Je uitkering, je gezondheid, schulden of je geloof: dat hoeft een werkgever niet te weten."
    ),
    "experience": _l(
        "Een tijd zonder betaald werk? Schrijf op wat je wel deed. Zorgen voor je kinderen of "
        "familie telt ook."
    ),
    "availability": _l("Waarom je sommige uren niet kunt, hoef je niet uit te leggen."),
}


def language_name(code: str, lang: str) -> str:
    name = Locale.parse(lang).languages.get(code, code)
    return name[:1].upper() + name[1:]


def day_part_key(day: str, part: str) -> str:
    return f"{day}-{part}"


ALL_DAY_PARTS = frozenset(day_part_key(d, p) for d in DAYS for p in DAY_PARTS)

# ---------------------------------------------------------------------------- checking


def _plain_digits(text: str) -> str:
    """Arabic-Indic and other digits as 0-9: an employer reads 2019, whatever she typed."""
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)


# Control characters (a NUL from a broken keyboard app, say) would break PostgreSQL and the PDF:
# they are dropped; new lines stay in the longer texts.
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10)) | {0x7F: None, 0x0D: None}


def clean_text(value, field: str, limit: int, required: bool = False) -> str:
    value = str(value or "").translate(_CONTROL)
    text = " ".join(value.split()) if limit <= 120 else value.strip()
    if required and not text:
        raise ServiceError(_l("Vul dit in, dan kunnen we het bewaren."), field)
    if len(text) > limit:
        raise ServiceError(
            _l(
                "Dit is %(over)d tekens te lang: er passen er %(limit)d. Maak het iets korter.",
                over=len(text) - limit,
                limit=limit,
            ),
            field,
        )
    return text


def clean_choice(value, field: str, choices, message) -> str:
    if value not in choices:
        raise ServiceError(message, field)
    return value


PHONE = re.compile(r"^\+?[\d\s\-().]{6,30}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_phone(value) -> str:
    text = _plain_digits(clean_text(value, "phone", 30))
    if text and (not PHONE.match(text) or sum(c.isdigit() for c in text) < 6):
        raise ServiceError(_l("Schrijf je nummer met cijfers, bijvoorbeeld 06 12345678."), "phone")
    return text


def clean_email(value) -> str:
    text = clean_text(value, "email", 120)
    if text and not EMAIL.match(text):
        raise ServiceError(
            _l("Dit lijkt geen e-mailadres. Het ziet er zo uit: naam@voorbeeld.nl"), "email"
        )
    return text


YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
# Words for a length of time ("about 2 years") in the languages she may type in.
DURATION_WORDS = re.compile(
    r"\b(jaar|jaren|maand|maanden|week|weken|year|years|month|months|weeks|rok|lata|lat|"
    r"miesiąc|miesiące|miesięcy|tydzień|tygodnie|yıl|sene|ay|hafta)\b|"
    r"(سنة|سنوات|سنتين|عام|أعوام|شهر|شهور|أشهر|أسبوع)",
    re.IGNORECASE,
)
NOW_WORDS = re.compile(
    r"\b(nu|heden|direct|meteen|per direct|now|immediately|today|teraz|zaraz|od zaraz|"
    r"hemen|şimdi|şu an|bugün)\b|(الآن|فورا|فوراً|حاليا|حالياً)",
    re.IGNORECASE,
)


def _tidy_dashes(text: str) -> str:
    # "2019-2021", "2019 - nu": one en dash between the two ends, as a cv writes it.
    text = re.sub(r"(?<=\d{4})\s*[-–—]\s*(?=\d{4})", "–", text)
    return re.sub(r"\s+[-–—]\s+", " – ", text)


@dataclass(frozen=True)
class When:
    """The checks for a simple date: a period of work ("2019–2021", "about 2 years") or a
    moment ("per direct", "maart 2027")."""

    field: str
    limit: int
    moment: bool = False

    def clean(self, value, today: date) -> str:
        text = _tidy_dashes(_plain_digits(clean_text(value, self.field, self.limit)))
        if not text:
            return ""
        years = [int(y) for y in YEAR.findall(text)]
        latest = today.year + (5 if self.moment else 1)
        for year in years:
            if not 1950 <= year <= latest:
                raise ServiceError(
                    _l("Kijk het jaar nog eens na: %(year)d klopt niet.", year=year), self.field
                )
        if len(years) >= 2 and years[0] > years[1]:
            raise ServiceError(
                _l(
                    "Het eerste jaar is later dan het tweede. Bedoel je %(a)d–%(b)d?",
                    a=years[1],
                    b=years[0],
                ),
                self.field,
            )
        if years or NOW_WORDS.search(text) or (not self.moment and DURATION_WORDS.search(text)):
            return text
        if self.moment and (_has_month(text) or re.search(r"\d{1,2}[-/.]\d{1,2}", text)):
            return text
        raise ServiceError(self.explanation(), self.field)

    def explanation(self):
        if self.moment:
            return _l("Schrijf het zo: per direct, maart 2027 of 1-3-2027.")
        return _l("Schrijf het zo: 2019–2021, sinds 2020, of ongeveer 2 jaar.")


_MONTHS = None


def _has_month(text: str) -> bool:
    global _MONTHS
    if _MONTHS is None:
        names = set()
        for lang in CV_LANGUAGES:
            for width in ("wide", "abbreviated"):
                for context in ("format", "stand-alone"):
                    names.update(
                        n.lower().rstrip(".")
                        for n in get_month_names(width, context, lang).values()
                    )
        _MONTHS = frozenset(n for n in names if len(n) >= 3)
    words = re.findall(r"\w+", text.lower())
    return any(w in _MONTHS for w in words)


PERIOD = When("period", 40)
WISH_FROM = When("wish_from", 60, moment=True)
CHILDCARE_FROM = When("childcare_from", 60, moment=True)
