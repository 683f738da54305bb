"""The one rule for late changes, in the browser, for every feature: two pages of her phone
each keep a change to the same field without internet, the older one on the first page, the
newer on the second; the outbox gives the newer one first (as when another page's outbox
drains before this one). Online again, both pages drain the one outbox, and the newer change
stays: the older one is answered "a later change won", never applied over it."""

import pytest
from sqlalchemy import select

from tests.browser.conftest import login, wait_for_service_worker, wait_until
from tests.browser.offline_features import EVERY_FEATURE
from webapp.models import User
from webapp.models.mutations import AppliedMutation

# Put the newest change first in the outbox (new keys, reversed order).
REVERSE_OUTBOX = """async () => {
    const items = await window.ElkeStapOutbox.all();
    await new Promise((resolve, reject) => {
        const open = indexedDB.open('es-outbox', 1);
        open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('items', 'readwrite');
            const store = tx.objectStore('items');
            store.clear();
            for (const item of items.reverse()) { const copy = {...item}; delete copy.seq; store.add(copy); }
            tx.oncomplete = () => { db.close(); resolve(); };
            tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
    });
    return (await window.ElkeStapOutbox.all()).map(i => i.id);
}"""


def kept_count(page, n: int) -> None:
    wait_until(page, "async (n) => (await window.ElkeStapOutbox.all()).length === n", arg=n)


@pytest.mark.parametrize("make", EVERY_FEATURE, ids=lambda make: make.__name__)
def test_two_pages_of_her_phone_the_newer_change_wins(context, page, live_db, make):
    user = live_db.scalar(select(User).where(User.username == "elif"))
    feature = make(live_db, user)
    before = feature.read(live_db)
    older, newer = [v for v in feature.values if v != before][:2]
    login(page, "elif")
    wait_for_service_worker(page)
    other = context.new_page()
    for tab in (page, other):
        tab.goto(feature.path)  # online once: both in her phone's cache
    wait_until(page, "async () => (await caches.keys()).includes('es-pages')")

    context.set_offline(True)
    page.reload()
    feature.act(page, older)
    kept_count(page, 1)
    other.reload()
    feature.act(other, newer)
    kept_count(other, 2)
    [older_id, newer_id] = [i["id"] for i in page.evaluate("() => window.ElkeStapOutbox.all()")]
    assert page.evaluate(REVERSE_OUTBOX) == [newer_id, older_id]

    context.set_offline(False)  # both pages drain the one outbox
    kept_count(page, 0)
    live_db.expire_all()
    assert feature.read(live_db) == newer, feature.name
    answers = dict(
        live_db.execute(
            select(AppliedMutation.mutation_id, AppliedMutation.result).where(
                AppliedMutation.user_id == user.id,
                AppliedMutation.mutation_id.in_([older_id, newer_id]),
            )
        ).all()
    )
    assert answers == {newer_id: "applied", older_id: "superseded"}
    other.close()
