"""How the plan shows up elsewhere: the home card, the offline pages, the demo data."""

from webapp.models import Role
from webapp.services import plan as plans


def next_step_card(user):
    if user.role != Role.PARTICIPANT:
        return None
    step = plans.next_step(user)
    if step is None:
        return None
    return {"template": "plan/_home_card.html", "step": step, "statuses": plans.STATUSES}


def register_hooks() -> None:
    from webapp.home.summary import register_home_card
    from webapp.services.demo import DEMO_EXTRAS
    from webapp.templating import OFFLINE_PAGES

    register_home_card("next_step", next_step_card)
    for endpoint in ("plan.index", "plan.timeline"):
        if endpoint not in OFFLINE_PAGES:
            OFFLINE_PAGES.append(endpoint)
    if plans.demo_steps not in DEMO_EXTRAS:
        DEMO_EXTRAS.append(plans.demo_steps)
