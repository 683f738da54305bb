"""A step of her plan stays short on a phone: its status is one row of choices, and the rest
(change, move, proud of) waits behind "Meer"."""

import pytest

from tests.browser.conftest import login, save_artifact

MAX_STEP_HEIGHT = 260  # px at 390 wide: before this change a step took about 520


@pytest.mark.parametrize("username", ["sara", "ewa"])
def test_each_step_takes_at_most_half_the_height(page, username, live_db):
    from sqlalchemy import delete, select

    from webapp.i18n import in_language
    from webapp.models import User
    from webapp.models.plan import PlanStep
    from webapp.services.plan.demo import demo_steps

    user = live_db.scalar(select(User).where(User.username == username))
    # The demo plan in her language (a helper, a plan B, a done step she is proud of), whatever
    # other browser tests did to her steps before.
    live_db.execute(delete(PlanStep).where(PlanStep.owner_id == user.id))
    live_db.commit()
    with in_language(user.language):
        demo_steps(user)
    login(page, username)
    page.goto("/plan/")
    heights = page.evaluate(
        "() => [...document.querySelectorAll('li.step')].map(li => li.getBoundingClientRect().height)"
    )
    print(f"step heights ({username}): {[round(h) for h in heights]}")
    assert heights and max(heights) <= MAX_STEP_HEIGHT, heights
    buttons = page.evaluate(
        "() => [...document.querySelectorAll('li.step')].map(li => [...li.querySelectorAll('button, a.button')].filter(b => b.checkVisibility()).length)"
    )
    assert max(buttons) <= 4, buttons  # only the status choices; the rest behind "Meer"
    save_artifact(page, f"plan-steps-{username}.png")
