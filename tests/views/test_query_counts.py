"""What a page of hers costs must not grow with her history: the same number of queries after a
year of use (300 steps, 200 meetings in her group, 500 messages) as after a month, on every
page she can open; and on the older pages of her long lists, the same after two years as after
one. The participants are the benchmark's (`bench/grow.py`)."""

import pytest
from flask import current_app
from sqlalchemy import event, select

from bench.grow import HISTORIES, grow_history
from webapp.extensions import db
from webapp.models import Role, utcnow
from webapp.models.agenda import Meeting
from webapp.models.plan import PlanStep, StepStatus
from webapp.models.reminders import Reminder, ReminderKind
from webapp.services.cv import SLUGS

# Her long lists, each with an older page.
LONG_LISTS = ("/inbox", "/plan/gedaan", "/agenda", "/agenda/eerder")


def her_rules(with_ids: bool) -> list:
    """The pages a participant can open, from the app's own routes: those that need no id, or
    those that do."""
    return [
        rule
        for rule in current_app.url_map.iter_rules()
        if "GET" in rule.methods
        and bool(rule.arguments) == with_ids
        and Role.PARTICIPANT
        in getattr(current_app.view_functions[rule.endpoint], "allowed_roles", ())
    ]


def her_pages() -> list[str]:
    return sorted(rule.rule for rule in her_rules(with_ids=False))


# Her pages with an id, each for a row of the same kind and state in every history, picked in a
# fixed order: which row a bare LIMIT 1 gives differs between SQLite and PostgreSQL, and a staff
# message needs one query more than a reminder, a meeting behind her one more than one ahead.
# Not here: her childcare applications and material files (bench/grow.py makes no such history).
NOT_IN_HER_HISTORY = {"childcare.application", "materials.file"}


def her_pages_with_ids(user) -> dict[str, str]:
    group_id = user.memberships[0].group_id
    now = utcnow()

    def meeting(ahead: bool) -> int:
        return db.session.scalar(
            select(Meeting.id)
            .where(
                Meeting.group_id == group_id,
                Meeting.cancelled_at.is_(None),
                Meeting.starts_at > now if ahead else Meeting.starts_at < now,
            )
            .order_by(Meeting.starts_at if ahead else Meeting.starts_at.desc())
            .limit(1)
        )

    def step(*statuses: StepStatus) -> str:
        return db.session.scalar(
            select(PlanStep.uuid)
            .where(PlanStep.owner_id == user.id, PlanStep.status.in_(statuses))
            .order_by(PlanStep.position.desc())
            .limit(1)
        )

    def read_message(kind: str) -> int:
        return db.session.scalar(
            select(Reminder.id)
            .where(
                Reminder.user_id == user.id, Reminder.kind == kind, Reminder.read_at.is_not(None)
            )
            .order_by(Reminder.due_at.desc())
            .limit(1)
        )

    pages = {
        "agenda.meeting, ahead": f"/agenda/{meeting(ahead=True)}",
        "agenda.meeting, behind": f"/agenda/{meeting(ahead=False)}",
        "agenda.meeting_ics": f"/agenda/{meeting(ahead=True)}/bijeenkomst.ics",
        "plan.edit_step, open": f"/plan/stappen/{step(StepStatus.TODO, StepStatus.BUSY)}",
        "plan.edit_step, done": f"/plan/stappen/{step(StepStatus.DONE)}",
        "reminders.item, a staff message": f"/inbox/{read_message(ReminderKind.MESSAGE)}",
        "reminders.item, a meeting reminder": (
            f"/inbox/{read_message(ReminderKind.MEETING_DAY_BEFORE)}"
        ),
        "reminders.item, a step reminder": f"/inbox/{read_message(ReminderKind.STEP_DAY_BEFORE)}",
        "reminders.open": f"/inbox/{read_message(ReminderKind.MEETING_DAY_BEFORE)}/open",
    }
    pages |= {f"cv.part, {slug}": f"/cv/{slug}" for slug in SLUGS}
    assert "None" not in "".join(pages.values()), pages
    return pages


def count_queries(client, path: str) -> int:
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        # Read whole inside the request (a streamed download counts its queries too).
        status = client.get(path, buffered=True).status_code
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    # Opening a notification sends her on to what it is about.
    assert status == (302 if path.endswith("/open") else 200), path
    return len(seen)


def queries_per_page(client, auth, user, older_pages: bool = False) -> dict[str, int]:
    auth.login(user.username)
    client.get("/")  # the first page after login does a one-time thing (her offline pages)
    pages = {path: path for path in her_pages()} | her_pages_with_ids(user)
    if older_pages:
        pages |= {f"{path} page 2": f"{path}?pagina=2" for path in LONG_LISTS}
    counts = {name: count_queries(client, path) for name, path in pages.items()}
    auth.logout()
    return counts


@pytest.fixture
def histories(demo):
    return grow_history("maand"), grow_history("jaar")


def test_no_page_of_hers_needs_more_queries_after_a_year(client, auth, histories):
    month, year = histories
    after_a_month = queries_per_page(client, auth, month)
    after_a_year = queries_per_page(client, auth, year)
    assert {"/", "/plan/", "/agenda", "/inbox", "/opvang/", "/cv/"} <= set(after_a_year)
    # Every page of hers with an id is counted too, or said to be outside her history here.
    counted = {name.split(",")[0] for name in after_a_year}
    assert {r.endpoint for r in her_rules(with_ids=True)} - NOT_IN_HER_HISTORY <= counted
    assert after_a_year == after_a_month


def test_older_pages_need_no_more_queries_after_two_years(client, auth, histories):
    _month, year = histories
    two_years = grow_history("twee_jaar", {k: 2 * n for k, n in HISTORIES["jaar"].items()})
    after_a_year = queries_per_page(client, auth, year, older_pages=True)
    assert after_a_year == queries_per_page(client, auth, two_years, older_pages=True)


def test_her_long_lists_are_paged_after_a_year(client, auth, histories):
    _month, year = histories
    auth.login(year.username)
    for path in LONG_LISTS:
        page = client.get(path).get_data(as_text=True)
        assert 'rel="next"' in page, path
        assert 'rel="prev"' in client.get(f"{path}?pagina=2").get_data(as_text=True), path
