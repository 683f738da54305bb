"""Demo plans (called by the demo loader, `webapp.services.demo`): Sara's, the other
participants' of Groep Zuid, and the group's own step list."""

from datetime import datetime, timedelta

from flask_babel import gettext as _

from webapp.extensions import db
from webapp.i18n import in_language
from webapp.models import Group, User, utcnow
from webapp.models.plan import StepStatus
from webapp.services.group_overview.figures import Periods
from webapp.services.plan.goal import set_goal, set_start_rung
from webapp.services.plan.steps import (
    add_step,
    add_step_from_template,
    set_reflection,
    set_status,
    steps_of,
)
from webapp.services.plan.templates import (
    add_template_item,
    copy_template,
    group_template,
    template_for,
)


def demo_steps(sara: User) -> None:
    """Sara's demo plan: a goal, a few steps, some done, one with a reflection."""
    if steps_of(sara):
        return
    set_goal(sara, "werk", _("Werken in de kinderopvang"))
    first = add_step(sara, _("Naar de startbijeenkomst gaan"), "netwerk", rung=2).step
    set_status(sara, first, StepStatus.DONE)
    set_reflection(sara, first, _("Ik heb verteld over mijn kinderen en mijn werk vroeger."))
    talk = add_step(sara, _("Gesprek met mijn werkcoach"), "werk", rung=3).step
    set_status(sara, talk, StepStatus.DONE)
    add_step(
        sara,
        _("Nederlandse les zoeken"),
        "taal",
        helper=_("Mijn buurvrouw"),
        if_hard=_("Dan vraag ik het op de volgende bijeenkomst."),
    )
    busy = add_step(sara, _("Mijn cv maken"), "vaardigheden", helper=_("De projectmedewerker"))
    set_status(sara, busy.step, StepStatus.BUSY)
    add_step(sara, _("Kinderopvang zoeken en mijn kind inschrijven"), "kinderen")
    add_step(sara, _("Vrijwilligerswerk zoeken"), "werkervaring", rung=4)


# Groep Zuid's own list: the default with its translations, and one step of the group's own,
# written in Dutch, Arabic, Polish and Turkish (English still to do, as the page then says).
TAALCAFE = "Naar het taalcafé in Wijkcentrum De Vaart"
TAALCAFE_VERSIONS = {
    "ar": "الذهاب إلى مقهى اللغة في Wijkcentrum De Vaart",
    "pl": "Pójść do kawiarenki językowej w Wijkcentrum De Vaart",
    "tr": "Wijkcentrum De Vaart'taki dil kafesine gitmek",
}


def demo_group_list(group: Group) -> None:
    """Once: Groep Zuid has its own step list, in every language."""
    if group_template(group) is not None:
        return
    copy_template(group)
    add_template_item(group, "taal", TAALCAFE, versions=TAALCAFE_VERSIONS)


# The rest of Groep Zuid, each where she is: where she began on the ladder, her goal (in her
# own words, in her language), the steps she took from the group's list (by their place on it)
# or wrote herself, how far they are and when she did them: "earlier" (before this quarter),
# "quarter" (this quarter, before this month), "month" (this month).
DONE, BUSY, TODO = StepStatus.DONE, StepStatus.BUSY, StepStatus.TODO
GROUP_PLANS = {
    "fatima": (1, "werk", "عمل في مطبخ أو مقصف", [
        (1, DONE, "earlier"), (2, DONE, "month"), (12, DONE, "quarter"), (7, BUSY, None),
    ]),
    "fatimab": (2, "ontdekken", "", [
        (1, DONE, "month"), (3, BUSY, None),
        (("kinderen", "أسأل جارتي إن كانت تستطيع أن تعتني بابني يوم الثلاثاء"), TODO, None),
    ]),
    "samira": (1, "opleiding", "دورة في اللغة الهولندية", [
        (1, DONE, "earlier"), (8, DONE, "month"), (7, TODO, None),
    ]),
    "kasia": (2, "werk", "Asystentka w szkole podstawowej", [
        (2, DONE, "quarter"), (10, DONE, "month"), (14, BUSY, None), (11, TODO, None),
    ]),
    "magda": (3, "werk", "Praca w magazynie, na pół etatu", [
        (2, DONE, "earlier"), (14, DONE, "month"), (16, BUSY, None),
    ]),
    "ayse": (1, "tussenstap", "Bir huzurevinde gönüllü çalışmak", [
        (1, DONE, "month"), (2, DONE, "month"), (12, BUSY, None),
    ]),
    "zeynep": (2, "ontdekken", "", [
        (8, BUSY, None),
        (("taal", "Kütüphanedeki Hollandaca konuşma grubuna gitmek"), TODO, None),
    ]),
    "linda": (3, "werk", "Weer aan het werk in de thuiszorg", [
        (2, DONE, "earlier"), (15, DONE, "quarter"), (16, DONE, "month"), (17, BUSY, None),
    ]),
    "naima": (2, "werk", "Doktersassistente worden", [
        (1, DONE, "month"), (2, DONE, "month"), (9, BUSY, None),
        (("geld", "Mijn schulden op een rij zetten met de schuldhulp"), TODO, None),
    ]),
    "joy": (1, "opleiding", "A course to become a teaching assistant", [
        (1, DONE, "month"), (7, DONE, "month"), (10, BUSY, None),
    ]),
}  # fmt: skip


def demo_group_plans(people: dict[str, User], now: datetime | None = None) -> None:
    """Once: the plans of Groep Zuid's other participants, written in their own languages,
    with varied progress, so the medewerker's overview has figures to show."""
    now = now or utcnow()
    moments = _moments(now)
    for username, (start, goal, goal_text, steps) in GROUP_PLANS.items():
        her = people[username]
        if steps_of(her):
            continue
        with in_language(her.language):
            set_start_rung(her, start)
            set_goal(her, goal, goal_text)
            items = template_for(her)
            for what, status, when in steps:
                if isinstance(what, tuple):
                    step = add_step(her, what[1], what[0]).step
                else:
                    step = add_step_from_template(her, items[what]["key"]).step
                if status != TODO:
                    set_status(her, step, status)
                if when is not None:
                    step.done_at = moments[when]
                    step.created_at = min(step.created_at, moments[when] - timedelta(days=3))
        db.session.commit()


def _moments(now: datetime) -> dict[str, datetime]:
    """A moment in each period, whatever today's date: this month, this quarter before this
    month (or this month too, in a quarter's first month), and before this quarter."""
    periods = Periods.at(now)
    month = periods.month_start + (now - periods.month_start) / 2
    quarter = periods.quarter_start + (periods.month_start - periods.quarter_start) / 2
    return {
        "month": month,
        "quarter": quarter if periods.month_start > periods.quarter_start else month,
        "earlier": periods.quarter_start - timedelta(days=20),
    }
