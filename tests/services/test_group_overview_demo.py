"""The demo's Groep Zuid gives the medewerker's overview figures to show: fourteen
participants with varied progress, written in their own languages."""

import re

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Group
from webapp.models.agenda import Meeting
from webapp.models.plan import PlanStep
from webapp.services import group_overview
from webapp.services import plan as plans
from webapp.services.agenda import childcare_csv

ARABIC = re.compile(r"[\u0600-\u06ff]")


def zuid_of(demo) -> Group:
    return db.session.scalar(select(Group).where(Group.name == "Groep Zuid"))


def test_the_demo_overview_shows_figures_and_keeps_small_ones_hidden(demo):
    overview = group_overview.group_overview(demo["medewerker"], zuid_of(demo).id)
    assert overview.people.value == 14
    for figure in (overview.moved_up, overview.moved_up_this_quarter, overview.busy):
        assert figure.shown and 5 <= figure.value < 14  # some moved up, not all
    shown = {area for area, figure in overview.steps_done if figure.shown}
    hidden = {area for area, figure in overview.steps_done if figure.value and not figure.shown}
    assert shown and hidden  # the threshold at work, in the demo too
    last = next(m for m in overview.meetings if m.past)
    assert last.came.shown and last.childcare.shown and last.came.value < last.invited.value
    stages = dict(overview.childcare)
    assert stages["waitlist"].shown and stages["place"].shown and not stages["self"].shown
    assert overview.reminders_sent.shown and overview.reminders_opened.shown
    assert overview.reminders_opened.value < overview.reminders_sent.value


def test_the_demo_plans_are_written_in_her_language(demo):
    def actions(username):
        return db.session.scalars(
            select(PlanStep.action).where(PlanStep.owner_id == demo[username].id)
        ).all()

    assert all(ARABIC.search(a) for a in actions("fatima"))
    assert "Rozmowa z moim doradcą zawodowym (werkcoach)" in actions("kasia")
    assert "İş koçumla (werkcoach) görüşmek" in actions("ayse")
    assert "Find Dutch lessons" in actions("joy")
    assert "Gesprek met mijn werkcoach" in actions("linda")


def test_the_demo_group_has_its_own_list_in_every_language(demo):
    items = plans.template_items(zuid_of(demo), "nl")
    assert len(items) == len(plans.DEFAULT_TEMPLATE) + 1
    assert [i["missing"] for i in items[:-1]] == [[]] * len(plans.DEFAULT_TEMPLATE)
    assert items[-1]["missing"] == ["en"]  # the group's own step, English still to write


def test_the_two_fatimas_are_told_apart_in_the_childcare_list(demo):
    start = db.session.scalar(select(Meeting).where(Meeting.title == "Startbijeenkomst"))
    csv = childcare_csv(start)
    assert "Fatima O.;" in csv and "Fatima B.;" in csv
