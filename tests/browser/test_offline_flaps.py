"""The offline engine under a flapping connection: one seeded random run that mixes every
feature's changes (plan, RSVP, kinderopvang, noodplan, cv, inbox answer, notification settings,
and new steps) made through the pages' own forms while the phone goes offline and online, with
a second page of the same phone draining the same outbox, the outbox reordered (another page's
changes first) and changes sent twice on purpose. At the end the database holds, for every
field, the last value she chose: 0 lost, 0 doubled, 0 wrong.

    FLAP_SEED=7 FLAP_ACTIONS=100 .venv/bin/pytest -s tests/browser/test_offline_flaps.py

prints the run's figures. Bounded to a minute or two by the number of actions."""

import os
import random
import time
from collections import Counter

from playwright.sync_api import Error
from sqlalchemy import func, select

from tests.browser.conftest import login, wait_for_service_worker, wait_until
from tests.browser.offline_features import EVERY_FEATURE
from tests.browser.test_later_change_wins import REVERSE_OUTBOX
from tests.browser.test_plan_offline import replay_on_purpose
from webapp.models import User
from webapp.models.mutations import AppliedMutation
from webapp.models.plan import PlanStep

SEED = int(os.environ.get("FLAP_SEED", "15"))
ACTIONS = int(os.environ.get("FLAP_ACTIONS", "60"))

# Each change's mutation id, as the page's form had it when she sent it (also across the
# navigation of a plain form).
REMEMBER_MUTATION = """document.addEventListener("submit", (event) => {
    const field = event.target.querySelector && event.target.querySelector("input[name=mutation_id]");
    if (field && field.value) sessionStorage.setItem("es-test-last", field.value);
});"""


OUTBOX_HAS = "async (id) => (await window.ElkeStapOutbox.all()).some(i => i.id === id)"


def last_mutation(page) -> str:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            page.wait_for_load_state()
            found = page.evaluate("() => sessionStorage.getItem('es-test-last')")
        except Error:  # the page navigated meanwhile
            found = None
        if found:
            return found
        page.wait_for_timeout(50)
    raise AssertionError("the change was never sent")


def answered(page, live_db, user, mutation: str) -> str:
    """Online, a change is answered at once, or kept in the outbox when the network failed it
    after all (a connection that just came back): both are the engine keeping its promise."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        live_db.expire_all()
        result = live_db.scalar(
            select(AppliedMutation.result).where(
                AppliedMutation.user_id == user.id, AppliedMutation.mutation_id == mutation
            )
        )
        if result not in (None, "pending"):
            return result
        try:
            waiting = page.evaluate(OUTBOX_HAS, mutation)
        except Error:  # the page navigated meanwhile
            waiting = False
        if waiting:
            return "kept"
        time.sleep(0.1)
    raise AssertionError(f"{mutation} neither answered nor kept (page {page.url})")


def new_step(page, text: str) -> None:
    page.click("#own-step >> xpath=.. >> summary")
    page.fill("#own-step input[name=action]", text)
    page.click("#own-step button[type=submit]")


def test_flapping_connection_loses_doubles_and_mixes_up_nothing(context, page, live_db):
    rng = random.Random(SEED)
    user = live_db.scalar(select(User).where(User.username == "ewa"))
    features = [make(live_db, user) for make in EVERY_FEATURE]
    context.add_init_script(REMEMBER_MUTATION)
    login(page, "ewa")
    wait_for_service_worker(page)
    for feature in features:
        page.goto(feature.path)  # online once: each page in her phone's cache
    page.goto("/plan/")
    wait_until(page, "async () => (await caches.keys()).includes('es-pages')")
    other = context.new_page()  # a second page of her phone, on the same outbox
    other.goto("/plan/")

    expected: dict[str, object] = {}
    steps: list[str] = []
    kept: dict[str, dict] = {}  # every change the outbox held, by mutation id
    mutations: list[str] = []  # every change she made
    figures = Counter()
    online = True
    for n in range(ACTIONS):
        if rng.random() < 0.3:
            online = not online
            context.set_offline(not online)
            for tab in (page, other):  # as the pages see it
                wait_until(tab, "(online) => navigator.onLine === online", arg=online)
            figures["flaps"] += 1
        if rng.random() < 0.12:
            feature, value = None, f"Stap uit de flaptest {SEED}-{n}"
            page.goto("/plan/")
        else:
            feature = rng.choice(features)
            value = rng.choice(feature.values)
            page.goto(feature.path)
        page.evaluate("() => sessionStorage.removeItem('es-test-last')")
        new_step(page, value) if feature is None else feature.act(page, value)
        mutation = last_mutation(page)
        mutations.append(mutation)
        if online:
            if answered(page, live_db, user, mutation) == "kept":
                figures["kept although online"] += 1
            else:
                figures["sent at once"] += 1
        else:
            wait_until(page, OUTBOX_HAS, arg=mutation)
            figures["kept offline"] += 1
            for item in page.evaluate("() => window.ElkeStapOutbox.all()"):
                kept.setdefault(item["id"], item)
            if rng.random() < 0.2 and len(kept) > 1:
                page.evaluate(REVERSE_OUTBOX)  # another page's changes first
                figures["outbox reordered"] += 1
        if feature is None:
            steps.append(value)
        else:
            expected[feature.name] = value
        if online and kept and rng.random() < 0.25:
            answer = replay_on_purpose(page, rng.choice(list(kept.values())))
            assert answer["result"] in ("applied", "superseded", "pending"), answer
            figures["sent twice"] += 1
        if online and rng.random() < 0.2:
            other.evaluate("() => window.ElkeStapOutbox.replay()")  # the other page drains too
            figures["drained by the other page"] += 1

    context.set_offline(False)
    page.goto("/")
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0", timeout=90)
    live_db.expire_all()

    wrong = {
        feature.name: (feature.read(live_db), expected[feature.name])
        for feature in features
        if feature.name in expected and feature.read(live_db) != expected[feature.name]
    }
    arrived = set(
        live_db.scalars(
            select(AppliedMutation.mutation_id).where(
                AppliedMutation.user_id == user.id,
                AppliedMutation.mutation_id.in_(mutations),
                AppliedMutation.result.in_(("applied", "superseded")),
            )
        )
    )
    made = dict(
        live_db.execute(
            select(PlanStep.action, func.count())
            .where(PlanStep.owner_id == user.id, PlanStep.action.in_(steps))
            .group_by(PlanStep.action)
        ).all()
    )
    lost = len(set(mutations) - arrived) + sum(1 for text in steps if text not in made)
    doubled = sum(count - 1 for count in made.values())
    superseded = live_db.scalar(
        select(func.count())
        .select_from(AppliedMutation)
        .where(
            AppliedMutation.user_id == user.id,
            AppliedMutation.mutation_id.in_(mutations),
            AppliedMutation.result == "superseded",
        )
    )
    print(
        f"\nflap test, seed {SEED}: {ACTIONS} changes ({len(steps)} new steps) over "
        f"{len(expected)} features; {dict(figures)}; {superseded} older changes answered "
        f"'a later change won'; lost {lost}, doubled {doubled}, wrong {len(wrong)}"
    )
    assert (lost, doubled, wrong) == (0, 0, {})
    other.close()
