"""Offering web push at the right moment: right after she did something that push helps with
(answered a meeting, put a date on a step), never on page load by itself. Any feature may call
`offer_push()`; the reminders blueprint turns the flag into the offer on the next page, or
into an `ES-Offer-Push` header on an htmx answer."""

from flask import g, session

SESSION_FLAG = "offer_push"


def offer_push() -> None:
    session[SESSION_FLAG] = True
    g.offer_push = True
