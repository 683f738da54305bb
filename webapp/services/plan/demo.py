"""Sara's demo plan, added to the demo data through `webapp.services.demo.DEMO_EXTRAS`."""

from flask_babel import gettext as _
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import User
from webapp.models.plan import StepStatus
from webapp.services.plan.goal import set_goal
from webapp.services.plan.sharing import set_shared
from webapp.services.plan.steps import add_step, set_reflection, set_status, steps_of


def demo_steps() -> None:
    """Sara's demo plan: a goal, a few steps, some done, one with a reflection."""
    sara = db.session.scalar(select(User).where(User.username == "sara"))
    if sara is None or steps_of(sara):
        return
    set_goal(sara, "werk", _("Werken in de kinderopvang"))
    set_shared(sara, False)
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
