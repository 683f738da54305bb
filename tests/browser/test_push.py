"""Push in a real Chromium: the page subscribes (the browser's own push service is stubbed —
headless Chromium has none), the server encrypts a reminder for the local push service, the
decrypted payload is delivered to the service worker through the DevTools protocol, the
worker shows a notification, and its click handler opens the right page. The inbox works
offline, in Arabic."""

import json
import re

import pytest
from flask_babel import gettext as _
from py_vapid import Vapid
from sqlalchemy import select

from tests.browser.conftest import login, save_artifact, wait_for_service_worker, wait_until
from tests.fakepush import FakePushService
from webapp.i18n import in_language
from webapp.models import Group, User
from webapp.models.reminders import PushSubscription, Reminder
from webapp.services import push as push_service
from webapp.services import reminders as service

pytestmark = pytest.mark.browser


@pytest.fixture
def push_keys(live_app):
    key = Vapid()
    key.generate_keys()
    live_app.config["VAPID_PRIVATE_KEY"] = key.private_pem().decode()
    with live_app.app_context():
        public = push_service.public_key()
    yield public
    live_app.config["VAPID_PRIVATE_KEY"] = None


@pytest.fixture
def fake_push(push_keys):
    with FakePushService(application_server_key=push_keys) as fake:
        yield fake


STUB = """
(() => {
  const sub = %s;
  PushManager.prototype.subscribe = async function (options) {
    window.__subscribeOptions = options;
    return { endpoint: sub.endpoint, toJSON: () => sub, unsubscribe: async () => true };
  };
})();
"""


def registration_id(context, page, base):
    cdp = context.new_cdp_session(page)
    regs = {}
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: [
            regs.__setitem__(r["scopeURL"], r["registrationId"]) for r in e["registrations"]
        ],
    )
    cdp.send("ServiceWorker.enable")
    page.wait_for_timeout(300)
    return cdp, regs[base + "/"]


def test_push_shows_notification_and_click_opens_the_message(
    context, page, live_server, live_db, fake_push
):
    base = live_server.url
    subscription = fake_push.subscription()
    context.grant_permissions(["notifications"], origin=base)
    context.add_init_script(STUB % json.dumps(subscription))
    login(page, "amina")
    wait_for_service_worker(page)

    # She turns push on from her settings (a tap, not on page load).
    page.goto("/inbox/instellingen")
    page.click("[data-push-on]")
    amina = live_db.scalar(select(User).where(User.username == "amina"))
    wait_until(page, "() => document.getElementById('app-banner').hidden === false")
    live_db.expire_all()
    saved = live_db.scalar(select(PushSubscription).where(PushSubscription.user_id == amina.id))
    assert saved is not None and saved.endpoint == subscription["endpoint"]
    assert page.evaluate("window.__subscribeOptions.userVisibleOnly") is True

    # A projectmedewerker writes; send-due encrypts it for the push service.
    service.save_settings(amina, True, 0, 0, "details")  # no quiet hours, details on
    group = live_db.scalar(select(Group))
    medewerker = live_db.scalar(select(User).where(User.username == "medewerker"))
    service.send_staff_message(
        medewerker,
        "group",
        "Neem je cv mee.",
        translations={"ar": "أحضري سيرتك الذاتية."},
        group=group,
    )
    service.send_due(use_rq=False)
    # (the demo agenda may have made other reminders due as well: pick the message)
    [payload] = [
        m for m in fake_push.messages_for(subscription) if m["body"] == "أحضري سيرتك الذاتية."
    ]
    assert payload["lang"] == "ar"
    with in_language("ar"):
        assert payload["title"] == _("Bericht van %(name)s", name="Marieke")

    # The push service would now hand the decrypted message to the browser: do that via CDP.
    cdp, reg_id = registration_id(context, page, base)
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": base + "/", "registrationId": reg_id, "data": json.dumps(payload)},
    )
    wait_until(
        page,
        "() => navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.length)",
    )
    shown = page.evaluate(
        """navigator.serviceWorker.ready.then(r => r.getNotifications()).then(ns =>
             ns.map(n => ({title: n.title, body: n.body, lang: n.lang, url: n.data.url,
                           icon: n.icon})))"""
    )
    # The app's own icon (sw.js gives notifications.js the one of its shell).
    assert "/assets/icons/icon-192." in shown[0].pop("icon")
    assert shown == [
        {"title": payload["title"], "body": payload["body"], "lang": "ar", "url": payload["url"]}
    ]

    # The click: headless Chromium cannot tap a system notification, so the test dispatches a
    # notificationclick with the real notification to the worker's own handler; the handler
    # navigates her open window to the message (which marks it opened).
    [worker] = context.service_workers
    worker.evaluate(
        """async () => {
             const [n] = await self.registration.getNotifications();
             self.dispatchEvent(new NotificationEvent("notificationclick", { notification: n }));
           }"""
    )
    reminder_id = payload["id"]
    page.wait_for_url(re.compile(rf"/inbox/{reminder_id}$"), timeout=10000)
    assert "أحضري سيرتك الذاتية." in page.inner_text("main")
    live_db.expire_all()
    assert live_db.get(Reminder, reminder_id).read_at is not None
    save_artifact(page, "push-message-ar.png")


def test_inbox_shows_every_reminder_offline_in_arabic(context, page, live_db):
    group = live_db.scalar(select(Group))
    medewerker = live_db.scalar(select(User).where(User.username == "medewerker"))
    service.send_staff_message(
        medewerker,
        "group",
        "Bijeenkomst in de bibliotheek.",
        translations={"ar": "اللقاء في المكتبة."},
        group=group,
    )
    service.send_staff_message(medewerker, "group", "Vergeet je pas niet.", group=group)
    amina = live_db.scalar(select(User).where(User.username == "amina"))
    with in_language("ar"):
        expected = [service.render_text(r, service.message_of(r)) for r in service.inbox(amina)]
    login(page, "amina")
    wait_for_service_worker(page)
    # After login her inbox is fetched into the phone's cache, without opening it.
    wait_until(
        page,
        "() => caches.open('es-pages').then(c => c.match(location.origin + '/inbox')).then(Boolean)",
    )
    context.set_offline(True)
    try:
        page.goto("/inbox")
        assert page.locator("html").get_attribute("lang") == "ar"
        assert page.locator("html").get_attribute("dir") == "rtl"
        text = page.inner_text("main")
        for _title, body in expected:
            assert body[:40] in text
        assert "اللقاء في المكتبة." in text
        assert "Vergeet je pas niet." in text  # no Arabic version: the Dutch one
        assert page.locator(".inbox li").count() == len(expected)
        save_artifact(page, "inbox-offline-ar.png")
    finally:
        context.set_offline(False)
