"""Her plan page shows her open steps and the steps she closed last; everything older is on her
timeline, in pages, and can be put back on her plan from there."""

import re
from datetime import timedelta

from webapp.extensions import db
from webapp.models import utcnow
from webapp.models.plan import StepStatus
from webapp.services import plan as plans
from webapp.services.paging import PER_PAGE

CLOSED = PER_PAGE + 4


def steps_shown(html: str) -> list[str]:
    return re.findall(r"Stap (\d+)</(?:strong|h4)>", html)


def make_history(user):
    """CLOSED steps done (one of them dropped), a day apart, then three open ones; her pages in
    Dutch."""
    user.language = "nl"
    now = utcnow()
    for n in range(CLOSED):
        step = plans.add_step(user, f"Stap {n}", "taal").step
        status = StepStatus.DROPPED if n == 3 else StepStatus.DONE
        plans.set_status(user, step, status)
        step.done_at = now - timedelta(days=CLOSED - n)
    plans.add_step(user, "Stap 100", "werk", rung=5)  # open, on a high rung
    for n in (101, 102):
        plans.add_step(user, f"Stap {n}", "taal")
    plans.set_reflection(user, plans.timeline(user).items[0], "Gelukt")
    db.session.commit()


def test_the_plan_shows_open_steps_and_the_latest_closed_ones(client, auth, ewa):
    make_history(ewa)
    auth.login("ewa")
    html = client.get("/plan/").get_data(as_text=True)
    latest = [str(n) for n in range(CLOSED - plans.RECENT_CLOSED, CLOSED)]
    assert sorted(steps_shown(html)) == sorted([*latest, "100", "101", "102"])
    assert "Trots op:" in html  # the reflection of the latest one
    assert 'href="/plan/gedaan">Meer stappen die je al gedaan hebt' in html


def test_the_timeline_has_every_closed_step_in_pages(client, auth, ewa):
    make_history(ewa)
    auth.login("ewa")
    first = client.get("/plan/gedaan").get_data(as_text=True)
    second = client.get("/plan/gedaan?pagina=2").get_data(as_text=True)
    newest_first = [str(n) for n in reversed(range(CLOSED))]
    assert steps_shown(first) == newest_first[:PER_PAGE]
    assert steps_shown(second) == newest_first[PER_PAGE:]
    assert "Niet meer nodig" in second  # Stap 3, no longer needed, is kept too
    assert "Gelukt" in first


def test_an_old_step_goes_back_on_her_plan_from_the_timeline(client, auth, ewa):
    make_history(ewa)
    oldest = plans.timeline(ewa, 2).items[-1]
    auth.login("ewa")
    assert oldest.action not in client.get("/plan/").get_data(as_text=True)
    response = client.post(
        f"/plan/stappen/{oldest.uuid}/status",
        data={"status": "nog_niet", "csrf_token": auth.token()},
    )
    assert response.status_code == 303
    assert oldest.action in client.get("/plan/").get_data(as_text=True)


def test_the_ladder_counts_done_steps_that_are_no_longer_shown(ewa):
    high = plans.add_step(ewa, "Werk gevonden", "werk", rung=5).step
    plans.set_status(ewa, high, StepStatus.DONE)
    for n in range(plans.RECENT_CLOSED + 1):
        plans.set_status(ewa, plans.add_step(ewa, f"Stap {n}", "taal").step, StepStatus.DONE)
    overview = plans.overview(ewa)
    assert high.id not in [s.id for _k, _l, steps in overview["areas"] for s in steps]
    assert overview["ladder"]["rung"] == 5
