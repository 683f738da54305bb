"""The fixed choices of a plan: life areas, step statuses, goals, the rungs of the
participatieladder, and how long her texts may be."""

from collections.abc import Callable, Iterable

from flask_babel import lazy_gettext as _l

from webapp.models.plan import StepStatus
from webapp.services import ServiceError

# Life areas, side by side: language never blocks the others. key -> (label, default rung)
AREAS = {
    "taal": (_l("Taal"), 3),
    "gezondheid": (_l("Gezondheid en rust"), 2),
    "kinderen": (_l("Kinderen en opvang"), 3),
    "geld": (_l("Geld"), 2),
    "netwerk": (_l("Netwerk"), 2),
    "vaardigheden": (_l("Vaardigheden en cv"), 3),
    "werkervaring": (_l("Werkervaring"), 4),
    "werk": (_l("Werk"), 5),
    "nazorg": (_l("Nazorg"), 5),
}

STATUSES = {
    StepStatus.TODO: _l("Nog niet"),
    StepStatus.BUSY: _l("Bezig"),
    StepStatus.DONE: _l("Gedaan"),
    StepStatus.DROPPED: _l("Niet meer nodig"),
}

GOALS = {
    "werk": _l("Een baan"),
    "opleiding": _l("Een opleiding of cursus"),
    "tussenstap": _l("Vrijwilligerswerk of een stage, als stap op weg"),
    "ontdekken": _l("Ik weet het nog niet: ontdekken wat ik wil"),
}

# The participatieladder, told as places to stand, never as labels for a person.
RUNGS = {
    1: _l("Thuis, bezig met je gezin"),
    2: _l("Contact met mensen buiten je huis"),
    3: _l("Meedoen: bijeenkomsten, les of een cursus"),
    4: _l("Vrijwilligerswerk, stage of werkervaring"),
    5: _l("Betaald werk, met steun"),
    6: _l("Betaald werk, op eigen kracht"),
}

LIMITS = {"action": 200, "helper": 120, "if_hard": 200, "goal_text": 200, "reflection": 500}


def clean_text(value, name: str, required: bool = False) -> str:
    """Her text on one line, within the limit for this field (`name` is also the form field)."""
    text = " ".join(str(value or "").split())
    if required and not text:
        raise ServiceError(_l("Schrijf hier iets op."), field=name)
    if len(text) > LIMITS[name]:
        raise ServiceError(_l("Dit is te lang. Maximaal %(n)s tekens.", n=LIMITS[name]), field=name)
    return text


def check_area(area: str) -> str:
    if area not in AREAS:
        raise ServiceError(_l("Kies een onderwerp."), field="area")
    return area


def rung_for(area: str, rung: int | None) -> int:
    """The rung given, or else the usual rung of steps in this life area."""
    return rung if rung in RUNGS else AREAS[area][1]


def by_area(items: Iterable, area_of: Callable[[object], str]) -> list[tuple[str, object, list]]:
    """(key, label, items) per life area that has any, in the order of `AREAS`."""
    items = list(items)
    return [
        (key, label, [i for i in items if area_of(i) == key])
        for key, (label, _rung) in AREAS.items()
        if any(area_of(i) == key for i in items)
    ]
