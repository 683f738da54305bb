"""Kinderopvang on a phone without internet: an update is kept and arrives once."""

from sqlalchemy import select

from tests.browser.conftest import login, wait_for_service_worker, wait_until
from webapp.models import User
from webapp.models.childcare import CareApplication
from webapp.models.mutations import AppliedMutation


def test_a_status_saved_offline_arrives_once(context, page, live_db):
    sara = live_db.scalar(select(User).where(User.username == "sara"))
    application = live_db.scalar(
        select(CareApplication).where(
            CareApplication.user_id == sara.id, CareApplication.kind == "kinderdagverblijf"
        )
    )
    mutations = (
        select(AppliedMutation)
        .where(AppliedMutation.user_id == sara.id)
        .where(AppliedMutation.endpoint == "childcare.application")
    )
    before = len(live_db.scalars(mutations).all())  # other tests may have changed hers
    login(page, "sara")
    wait_for_service_worker(page)
    page.goto(f"/opvang/aanvragen/{application.id}")  # seen once online: kept on the phone

    context.set_offline(True)
    page.reload()
    page.select_option("select[name=status]", "offered")
    page.fill("input[name=next_action]", "Contract lezen met mijn zus")
    page.click("form[data-offline] button[type=submit]")
    wait_until(page, "() => document.getElementById('outbox-status')?.dataset.count === '1'")

    context.set_offline(False)
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0")
    live_db.expire_all()
    saved = live_db.get(CareApplication, application.id)
    assert (saved.status, saved.next_action) == ("offered", "Contract lezen met mijn zus")
    assert len(live_db.scalars(mutations).all()) == before + 1
