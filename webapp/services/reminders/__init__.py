"""Reminders and messages: what becomes due, her inbox, her notification settings, and sending
each reminder at most once by web push.

How sending stays "at most once" with any number of senders:
- a reminder is created with INSERT … ON CONFLICT DO NOTHING on its key (user, kind, target,
  moment), so it exists once;
- a sender takes a reminder with `UPDATE … WHERE push_state = 'pending' RETURNING id`; only one
  sender gets the row, and only that one makes its deliveries (one per phone);
- a delivery is taken the same way (`state = 'pending'` → `'sending'`) before it is pushed.
A sender that dies mid-send leaves deliveries 'sending'; after STALE_AFTER they are tried again
(the only case where a phone could get one twice).

The text is rendered when it is sent, in her language (`in_language(user.language)`), and
again in her inbox. The lock screen shows only "Je hebt een nieuw bericht van Elke Stap"
unless she chose details.

Where things are:
- `schedule`: what becomes due (meetings, dated steps, a moved or cancelled meeting);
- `records`: inserting once and claiming rows in bulk; `clock`: local time;
- `settings` and `subscriptions`: her choices and her phones;
- `staff_messages`: what a projectmedewerker writes, and who got it;
- `news`: something new from the trainster (the `materials_published` signal);
- `her_inbox`: reading, marking read, answering from a reminder; `texts`: what it says;
- `dispatching`: inbox only or one delivery per phone; `delivery`: pushing, attempts, backoff;
- `send`: one sending run, here or through RQ.
"""

from webapp.services.reminders.clock import TZ, local_to_utc, utc_to_local
from webapp.services.reminders.delivery import deliver
from webapp.services.reminders.demo_message import load_demo_sent, load_demo_welcome
from webapp.services.reminders.dispatching import STALE_AFTER, claim_deliveries, dispatch
from webapp.services.reminders.her_inbox import (
    ANSWERS,
    answer_childcare,
    get_reminder,
    inbox,
    inbox_page,
    mark_all_read,
    mark_read,
    target_url,
    unread_count,
)
from webapp.services.reminders.news import materials_published
from webapp.services.reminders.outcomes import MAX_TRIES
from webapp.services.reminders.records import build_path, create_reminders
from webapp.services.reminders.schedule import (
    DAY_BEFORE_AT,
    MORNING_AT,
    create_due,
    meeting_changed,
)
from webapp.services.reminders.send import (
    BATCH,
    RQ_QUEUE,
    enqueue,
    redis_url,
    send_due,
)
from webapp.services.reminders.settings import get_settings, in_quiet_hours, save_settings
from webapp.services.reminders.staff_messages import (
    AUDIENCES,
    MAX_MESSAGE,
    message_counts,
    message_of,
    messages_for_staff,
    recipients,
    send_staff_message,
)
from webapp.services.reminders.subscriptions import (
    delete_subscription,
    renew_subscription,
    save_subscription,
    subscription_count,
)
from webapp.services.reminders.texts import NEUTRAL_TEXT, payload_for, render_text

__all__ = [
    "ANSWERS",
    "AUDIENCES",
    "BATCH",
    "DAY_BEFORE_AT",
    "MAX_MESSAGE",
    "MAX_TRIES",
    "MORNING_AT",
    "NEUTRAL_TEXT",
    "RQ_QUEUE",
    "STALE_AFTER",
    "TZ",
    "answer_childcare",
    "build_path",
    "claim_deliveries",
    "create_due",
    "create_reminders",
    "delete_subscription",
    "deliver",
    "load_demo_sent",
    "load_demo_welcome",
    "dispatch",
    "enqueue",
    "get_reminder",
    "get_settings",
    "in_quiet_hours",
    "inbox",
    "inbox_page",
    "local_to_utc",
    "mark_all_read",
    "mark_read",
    "materials_published",
    "meeting_changed",
    "message_counts",
    "message_of",
    "messages_for_staff",
    "payload_for",
    "recipients",
    "redis_url",
    "renew_subscription",
    "render_text",
    "save_settings",
    "save_subscription",
    "send_due",
    "send_staff_message",
    "subscription_count",
    "target_url",
    "unread_count",
    "utc_to_local",
]
