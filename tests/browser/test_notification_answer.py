"""'Heb je opvang geregeld?' answered on the notification itself: the payload the server sends
carries the answer buttons (only when her lock screen may show details), the service worker's
own click handler keeps the answer in the outbox as hers and sends it, once; offline it waits
and arrives when she is back online."""

import json

from sqlalchemy import delete, func, select

from tests.browser.conftest import login, wait_for_service_worker, wait_until
from tests.browser.offline_features import week_reminder
from tests.browser.test_push import registration_id
from webapp.models import User
from webapp.models.agenda import Meeting, Rsvp
from webapp.models.mutations import AppliedMutation
from webapp.models.reminders import Reminder
from webapp.services import reminders as service
from webapp.services.reminders.texts import payload_for


def deliver(context, page, base, payload):
    cdp, reg_id = registration_id(context, page, base)
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": base + "/", "registrationId": reg_id, "data": json.dumps(payload)},
    )
    wait_until(
        page,
        "() => navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.length)",
    )


def tap(context, action: str) -> None:
    """Headless Chromium cannot tap a system notification: dispatch the click, with the action
    she chose, to the worker's own handler."""
    [worker] = context.service_workers
    worker.evaluate(
        """async (action) => {
             const [n] = await self.registration.getNotifications();
             self.dispatchEvent(new NotificationEvent("notificationclick", { notification: n, action }));
           }""",
        action,
    )


def test_answered_from_the_notification_once_also_offline(context, page, live_server, live_db):
    base = live_server.url
    context.grant_permissions(["notifications"], origin=base)
    amina = live_db.scalar(select(User).where(User.username == "amina"))
    meeting = live_db.scalar(select(Meeting).where(Meeting.title == "Startbijeenkomst"))
    live_db.execute(delete(Rsvp).where(Rsvp.user_id == amina.id))
    live_db.commit()
    login(page, "amina")
    wait_for_service_worker(page)

    settings = service.get_settings(amina)
    service.save_settings(amina, True, 0, 0, "neutral")
    assert "actions" not in payload_for(
        week_reminder(live_db, amina, meeting), amina, service.get_settings(amina), None
    )
    service.save_settings(amina, True, 0, 0, "details")
    reminder = week_reminder(live_db, amina, meeting)
    payload = payload_for(reminder, amina, service.get_settings(amina), None)
    assert [a["action"] for a in payload["actions"]] == ["yes", "not_yet", "cannot_come"]
    assert payload["lang"] == "ar" and payload["actions"][2]["title"] != "Ik kom niet"

    deliver(context, page, base, payload)
    shown = page.evaluate(
        "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(([n]) => n.actions.map(a => a.action))"
    )
    assert shown[:2] == ["yes", "not_yet"]  # a phone shows as many as it can

    tap(context, "cannot_come")

    def answered():
        live_db.expire_all()
        return live_db.get(Reminder, reminder.id).answer == "cannot_come"

    wait_until(page, "() => true")  # let the worker run
    for _ in range(100):
        if answered():
            break
        page.wait_for_timeout(100)
    assert answered()
    rsvp = live_db.scalar(
        select(Rsvp).where(Rsvp.user_id == amina.id, Rsvp.meeting_id == meeting.id)
    )
    assert rsvp.answer == "not_coming" and rsvp.reason == "no_childcare"
    applied = live_db.scalar(
        select(func.count())
        .select_from(AppliedMutation)
        .where(AppliedMutation.user_id == amina.id, AppliedMutation.endpoint == "reminders.answer")
    )
    assert applied == 1

    # Offline: the answer waits on her phone, and arrives once she is back.
    second = week_reminder(live_db, amina, meeting)
    deliver(context, page, base, payload_for(second, amina, service.get_settings(amina), None))
    context.set_offline(True)
    tap(context, "yes")
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 1")
    [kept] = page.evaluate("() => window.ElkeStapOutbox.all()")
    assert kept["user"] == str(amina.id) and kept["url"] == f"/inbox/{second.id}/antwoord"
    live_db.expire_all()
    assert live_db.get(Reminder, second.id).answer is None
    context.set_offline(False)
    page.reload()  # her next visit sends what waits
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0")
    live_db.expire_all()
    assert live_db.get(Reminder, second.id).answer == "yes"
    service.save_settings(
        amina, True, settings.quiet_start, settings.quiet_end, settings.lock_screen
    )
