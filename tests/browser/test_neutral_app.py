"""A neutral name and icon on a shared phone (issue 13): she picks "Agenda" on Meer; her window
title, header and home-screen manifest say Agenda, and a neutral notification does too."""

import json

from tests.browser.conftest import login, wait_for_service_worker, wait_until
from tests.browser.test_pin_lock import shot
from tests.browser.test_push import registration_id


def test_the_neutral_name_on_her_pages_and_her_notifications(context, page, live_server):
    base = live_server.url
    context.grant_permissions(["notifications"], origin=base)
    login(page, "sara")
    wait_for_service_worker(page)
    page.goto("/meer/veilig")
    page.check("#app-agenda")
    page.click("#app-name button[type=submit]")
    page.wait_for_url("**/meer/veilig*")
    assert page.title().endswith("· Agenda")
    assert page.locator("header .brand").inner_text().strip() == "Agenda"
    manifest = page.evaluate(
        "async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json()"
    )
    assert manifest["short_name"] == "Agenda" and "neutral" in manifest["icons"][0]["src"]
    shot(page, "neutral-name-sara.png")
    wait_until(page, "() => window.ElkeStapGuard.read('app').then(a => a === 'agenda')")

    # A neutral push as the server sends it: the worker shows the words for a neutral app.
    payload = {
        "title": "Elke Stap",
        "body": "Je hebt een nieuw bericht van Elke Stap",
        "plain": {"title": "Agenda", "body": "Je hebt een nieuw bericht."},
        "neutral": True,
        "lang": "nl",
        "url": "/inbox",
        "tag": "es-test",
    }
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
             ns.map(n => ({title: n.title, body: n.body, icon: n.icon})))"""
    )
    assert [(n["title"], n["body"]) for n in shown] == [("Agenda", "Je hebt een nieuw bericht.")]
    assert "/icons/neutral/" in shown[0]["icon"]
