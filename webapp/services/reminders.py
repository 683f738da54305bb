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

The text is rendered when it is sent, in her language (`force_locale(user.language)`), and
again in her inbox. The lock screen shows only "Je hebt een nieuw bericht van Elke Stap"
unless she chose details.
"""

import json
import logging
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context
from flask_babel import force_locale, format_date, format_time
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, insert, select, update
from werkzeug.routing import BuildError

from webapp.extensions import db
from webapp.i18n import LANGUAGES
from webapp.models import Group, Membership, Role, User, utcnow
from webapp.models.reminders import (
    DeliveryState,
    NotificationSettings,
    PushAttempt,
    PushDelivery,
    PushState,
    PushSubscription,
    Reminder,
    ReminderKind,
    StaffMessage,
)
from webapp.services import ServiceError
from webapp.services import push as push_service

log = logging.getLogger("elkestap.reminders")

TZ = ZoneInfo("Europe/Amsterdam")
RQ_QUEUE = "elkestap-push"
BATCH = 500  # deliveries per send batch (and per RQ job)
MAX_TRIES = 6
STALE_AFTER = timedelta(minutes=15)
DAY_BEFORE_AT = time(17, 0)  # local time of the "tomorrow" reminder
MORNING_AT = time(8, 0)  # local time of the "today" reminder
MAX_MESSAGE = 600

NEUTRAL_TEXT = _l("Je hebt een nieuw bericht van Elke Stap")
AUDIENCES = ("group", "meeting", "no_answer")
ANSWERS = ("yes", "childcare_on_site", "cannot_come")


# --- Time ----------------------------------------------------------------------------------


def local_to_utc(day: date, at: time) -> datetime:
    return datetime.combine(day, at, TZ).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def utc_to_local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(TZ)


def in_quiet_hours(settings: NotificationSettings, now: datetime) -> bool:
    start, end = settings.quiet_start, settings.quiet_end
    if start == end:
        return False
    local = utc_to_local(now)
    minute = local.hour * 60 + local.minute
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end  # over midnight: 21:00–08:00


# --- Settings and subscriptions ---------------------------------------------------------


def get_settings(user: User) -> NotificationSettings:
    settings = db.session.get(NotificationSettings, user.id)
    if settings is None:
        settings = NotificationSettings(
            user_id=user.id,
            push_enabled=True,
            quiet_start=21 * 60,
            quiet_end=8 * 60,
            lock_screen="neutral",
        )
    return settings


def save_settings(
    user: User, push_enabled: bool, quiet_start: int, quiet_end: int, lock_screen: str
) -> NotificationSettings:
    if lock_screen not in ("neutral", "details"):
        raise ServiceError(_l("Kies wat je telefoon laat zien."), "lock_screen")
    for value in (quiet_start, quiet_end):
        if not 0 <= value < 24 * 60:
            raise ServiceError(_l("Kies een tijd."), "quiet_start")
    settings = get_settings(user)
    settings.push_enabled = push_enabled
    settings.quiet_start = quiet_start
    settings.quiet_end = quiet_end
    settings.lock_screen = lock_screen
    db.session.add(settings)
    db.session.commit()
    return settings


def save_subscription(user: User, data: dict) -> PushSubscription:
    """PushSubscription.toJSON() from her browser; sent again on every visit. An endpoint that
    belonged to someone else on this phone now belongs to her (shared phone)."""
    try:
        endpoint = str(data["endpoint"])
        p256dh = str(data["keys"]["p256dh"])
        auth = str(data["keys"]["auth"])
    except (KeyError, TypeError):
        raise ServiceError(_l("Deze melding-instelling is niet compleet.")) from None
    if not endpoint.startswith("https://") and not _allowed_test_endpoint(endpoint):
        raise ServiceError(_l("Deze melding-instelling is niet compleet."))
    if len(endpoint) > 1000 or len(p256dh) > 200 or len(auth) > 100:
        raise ServiceError(_l("Deze melding-instelling is niet compleet."))
    sub = db.session.scalar(select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    if sub is None:
        sub = PushSubscription(endpoint=endpoint, user_id=user.id)
        db.session.add(sub)
    sub.user_id = user.id
    sub.p256dh = p256dh
    sub.auth = auth
    sub.last_seen_at = utcnow()
    settings = get_settings(user)
    settings.push_enabled = True  # subscribing on this phone means she wants push
    db.session.add(settings)
    db.session.commit()
    return sub


def renew_subscription(old_endpoint: str, data: dict) -> bool:
    """The browser replaced a subscription (pushsubscriptionchange): same owner, new one."""
    old = db.session.scalar(
        select(PushSubscription).where(PushSubscription.endpoint == old_endpoint)
    )
    if old is None or not old_endpoint:
        return False
    user = db.session.get(User, old.user_id)
    db.session.delete(old)
    db.session.flush()
    save_subscription(user, data)
    return True


def _allowed_test_endpoint(endpoint: str) -> bool:
    # The local fake push service in tests and the benchmark speaks plain http on 127.0.0.1.
    return current_app.config.get("ENV_NAME") != "production" and endpoint.startswith(
        "http://127.0.0.1:"
    )


def delete_subscription(user: User, endpoint: str | None = None) -> int:
    """Remove this phone (or, without an endpoint, all her phones)."""
    query = select(PushSubscription).where(PushSubscription.user_id == user.id)
    if endpoint:
        query = query.where(PushSubscription.endpoint == endpoint)
    subs = list(db.session.scalars(query))
    for sub in subs:
        db.session.delete(sub)
    db.session.commit()
    return len(subs)


def subscription_count(user: User) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(PushSubscription)
        .where(PushSubscription.user_id == user.id)
    )


# --- Making reminders (once) ----------------------------------------------------------------


def _insert_ignore(table, rows: list[dict]) -> None:
    if not rows:
        return
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:  # pragma: no cover
        raise RuntimeError(f"unsupported database {dialect}")
    for start in range(0, len(rows), 1000):
        db.session.execute(
            dialect_insert(table).on_conflict_do_nothing(), rows[start : start + 1000]
        )


def _row(user_id, kind, target_id, moment, due_at, url, params) -> dict:
    now = utcnow()
    return {
        "user_id": user_id,
        "kind": kind,
        "target_id": target_id,
        "moment": moment,
        "due_at": due_at,
        "url": url,
        "params": params,
        "created_at": now,
        "push_state": PushState.PENDING,
    }


def build_path(endpoint: str, fallback: str, **values) -> str:
    """A path for a page of another feature, or `fallback` when that feature is not here.
    Works without a request (the sender runs from cron)."""
    if endpoint not in current_app.view_functions:
        return fallback
    try:
        return current_app.url_map.bind("localhost").build(endpoint, values)
    except BuildError:
        return fallback


def create_reminders(rows: list[dict]) -> None:
    _insert_ignore(Reminder.__table__, rows)


def _meeting_rows(now: datetime) -> list[dict]:
    try:
        from webapp.models.agenda import Answer, Meeting, Rsvp
    except ImportError:  # no agenda in this installation
        return []
    meetings = db.session.scalars(
        select(Meeting).where(
            Meeting.cancelled_at.is_(None),
            Meeting.starts_at > now,
            Meeting.starts_at <= now + timedelta(days=7, hours=1),
        )
    ).all()
    rows = []
    for meeting in meetings:
        start_local = utc_to_local(meeting.starts_at)
        morning = min(local_to_utc(start_local.date(), MORNING_AT), meeting.starts_at)
        moments = [
            (ReminderKind.MEETING_WEEK, meeting.starts_at - timedelta(days=7)),
            (
                ReminderKind.MEETING_DAY_BEFORE,
                local_to_utc(start_local.date() - timedelta(days=1), DAY_BEFORE_AT),
            ),
            (
                ReminderKind.MEETING_MORNING,
                morning - timedelta(minutes=1) if morning == meeting.starts_at else morning,
            ),
        ]
        # Each reminder only while it still makes sense: the week reminder not in the last day.
        due = []
        for kind, due_at in moments:
            if due_at > now:
                continue
            if kind == ReminderKind.MEETING_WEEK and now >= meeting.starts_at - timedelta(days=1):
                continue
            if (
                kind == ReminderKind.MEETING_DAY_BEFORE
                and start_local.date() <= utc_to_local(now).date()
            ):
                continue
            due.append((kind, due_at))
        if not due:
            continue
        declined = set(
            db.session.scalars(
                select(Rsvp.user_id).where(
                    Rsvp.meeting_id == meeting.id, Rsvp.answer == Answer.NOT_COMING
                )
            )
        )
        url = build_path("agenda.meeting", "/", meeting_id=meeting.id)
        params = {
            "title": meeting.title,
            "starts_at": meeting.starts_at.isoformat(),
            "place": meeting.place_name,
            "childcare_on_site": bool(meeting.childcare_on_site),
        }
        for user in _participants_of_group(meeting.group_id):
            if user.id in declined:
                continue
            for kind, due_at in due:
                rows.append(_row(user.id, kind, meeting.id, meeting.starts_at, due_at, url, params))
    return rows


def _step_rows(now: datetime) -> list[dict]:
    try:
        from webapp.models.plan import PlanStep, StepStatus
    except ImportError:  # no stappenplan in this installation
        return []
    today = utc_to_local(now).date()
    steps = db.session.scalars(
        select(PlanStep).where(
            PlanStep.moment.is_not(None),
            PlanStep.moment >= today,
            PlanStep.moment <= today + timedelta(days=1),
            PlanStep.status.not_in([StepStatus.DONE, StepStatus.DROPPED]),
        )
    ).all()
    rows = []
    for step in steps:
        moment = local_to_utc(step.moment, time(0, 0))
        url = build_path("plan.index", "/")
        params = {"title": step.action, "date": step.moment.isoformat()}
        for kind, due_at in (
            (
                ReminderKind.STEP_DAY_BEFORE,
                local_to_utc(step.moment - timedelta(days=1), DAY_BEFORE_AT),
            ),
            (ReminderKind.STEP_MORNING, local_to_utc(step.moment, MORNING_AT)),
        ):
            if due_at > now:
                continue
            if kind == ReminderKind.STEP_DAY_BEFORE and step.moment <= today:
                continue
            rows.append(_row(step.owner_id, kind, step.id, moment, due_at, url, params))
    return rows


def create_due(now: datetime | None = None) -> None:
    """Make every reminder that has become due (those that exist already stay as they are)."""
    now = now or utcnow()
    create_reminders(_meeting_rows(now) + _step_rows(now))
    db.session.commit()


def _participants_of_group(group_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(
                Membership.group_id == group_id,
                User.role == Role.PARTICIPANT,
                User.active.is_(True),
            )
            .order_by(User.id)
        )
    )


def meeting_changed(meeting, kind: str, people: list[User]) -> None:
    """Listener for the agenda: a meeting was moved or cancelled."""
    now = utcnow()
    url = build_path("agenda.meeting", "/", meeting_id=meeting.id)
    params = {
        "title": meeting.title,
        "starts_at": meeting.starts_at.isoformat(),
        "place": meeting.place_name,
        "change": kind,
    }
    # The moment is the (new) start, and for a cancellation the time of cancelling: each change
    # is its own message, and the same change told twice is still one.
    moment = meeting.cancelled_at or meeting.starts_at if kind == "cancelled" else meeting.starts_at
    create_reminders(
        [
            _row(p.id, ReminderKind.MEETING_CHANGED, meeting.id, moment, now, url, params)
            for p in people
        ]
    )
    db.session.commit()


# --- Staff messages -------------------------------------------------------------------------


def recipients(audience: str, group: Group | None = None, meeting=None) -> list[User]:
    if audience == "group" and group is not None:
        return _participants_of_group(group.id)
    if meeting is None:
        raise ServiceError(_l("Kies een bijeenkomst."), "meeting")
    people = _participants_of_group(meeting.group_id)
    if audience == "meeting":
        return people
    if audience == "no_answer":
        from webapp.models.agenda import Rsvp

        answered = set(
            db.session.scalars(select(Rsvp.user_id).where(Rsvp.meeting_id == meeting.id))
        )
        return [p for p in people if p.id not in answered]
    raise ServiceError(_l("Kies aan wie je het bericht stuurt."), "audience")


def send_staff_message(
    author: User,
    audience: str,
    body: str,
    translations: dict[str, str] | None = None,
    group: Group | None = None,
    meeting=None,
    now: datetime | None = None,
) -> StaffMessage:
    """Write a message to a group or a meeting's participants. It is pushed by the next
    `send-due` run (or at once through RQ when REDIS_URL is set)."""
    now = now or utcnow()
    body = (body or "").strip()
    if not body:
        raise ServiceError(_l("Schrijf eerst je bericht."), "body")
    if len(body) > MAX_MESSAGE:
        raise ServiceError(_l("Je bericht is te lang. Houd het kort."), "body")
    if audience not in AUDIENCES:
        raise ServiceError(_l("Kies aan wie je het bericht stuurt."), "audience")
    clean = {
        lang: text.strip()[:MAX_MESSAGE]
        for lang, text in (translations or {}).items()
        if lang in LANGUAGES and lang != "nl" and text and text.strip()
    }
    people = recipients(audience, group=group, meeting=meeting)
    if not people:
        raise ServiceError(_l("Er is niemand die dit bericht krijgt."), "audience")
    message = StaffMessage(
        author_id=author.id,
        organisation_id=author.organisation_id,
        audience=audience,
        group_id=group.id if group is not None else getattr(meeting, "group_id", None),
        meeting_id=getattr(meeting, "id", None),
        body=body,
        translations=clean,
        created_at=now,
    )
    db.session.add(message)
    db.session.flush()
    create_reminders(
        [
            _row(
                person.id,
                ReminderKind.MESSAGE,
                message.id,
                now,
                now,
                "",  # the message itself, in her inbox (set below: needs the reminder id)
                {"author": author.display_name},
            )
            for person in people
        ]
    )
    db.session.commit()
    return message


def messages_for_staff(staff: User, limit: int = 20) -> list[StaffMessage]:
    query = select(StaffMessage).order_by(StaffMessage.created_at.desc()).limit(limit)
    if staff.role != Role.ADMIN:
        query = query.where(StaffMessage.organisation_id == staff.organisation_id)
    return list(db.session.scalars(query))


def message_counts(message: StaffMessage) -> dict[str, int]:
    """How many got it by push, how many only in the inbox, how many opened it."""
    rows = db.session.execute(
        select(Reminder.push_state, Reminder.read_at.is_not(None), func.count())
        .where(Reminder.kind == ReminderKind.MESSAGE, Reminder.target_id == message.id)
        .group_by(Reminder.push_state, Reminder.read_at.is_not(None))
    ).all()
    counts = {"total": 0, "push": 0, "inbox": 0, "waiting": 0, "opened": 0}
    for state, opened, n in rows:
        counts["total"] += n
        if state == PushState.PUSHED:
            counts["push"] += n
        elif state == PushState.INBOX:
            counts["inbox"] += n
        else:
            counts["waiting"] += n
        if opened:
            counts["opened"] += n
    return counts


# --- Her inbox ------------------------------------------------------------------------------


def inbox(user: User, now: datetime | None = None) -> list[Reminder]:
    now = now or utcnow()
    return list(
        db.session.scalars(
            select(Reminder)
            .where(Reminder.user_id == user.id, Reminder.due_at <= now)
            .order_by(Reminder.due_at.desc(), Reminder.id.desc())
            .limit(200)
        )
    )


def unread_count(user: User, now: datetime | None = None) -> int:
    now = now or utcnow()
    return db.session.scalar(
        select(func.count())
        .select_from(Reminder)
        .where(Reminder.user_id == user.id, Reminder.due_at <= now, Reminder.read_at.is_(None))
    )


def get_reminder(user: User, reminder_id: int, now: datetime | None = None) -> Reminder | None:
    """Only her own; someone else's id is as good as none."""
    return db.session.scalar(
        select(Reminder).where(
            Reminder.id == reminder_id,
            Reminder.user_id == user.id,
            Reminder.due_at <= (now or utcnow()),
        )
    )


def mark_read(reminder: Reminder) -> None:
    if reminder.read_at is None:
        reminder.read_at = utcnow()
        db.session.commit()


def mark_all_read(user: User) -> None:
    db.session.execute(
        update(Reminder)
        .where(Reminder.user_id == user.id, Reminder.read_at.is_(None), Reminder.due_at <= utcnow())
        .values(read_at=utcnow())
    )
    db.session.commit()


def target_url(reminder: Reminder) -> str:
    if reminder.kind == ReminderKind.MESSAGE or not reminder.url:
        return build_path("reminders.item", "/inbox", reminder_id=reminder.id)
    return reminder.url


def answer_childcare(user: User, reminder: Reminder, answer: str) -> None:
    """Her answer to "heb je opvang geregeld?", given right from the reminder."""
    if reminder.kind != ReminderKind.MEETING_WEEK or answer not in ANSWERS:
        raise ServiceError(_l("Kies een van de antwoorden."), "answer")
    try:
        from webapp.services import agenda
    except ImportError:  # pragma: no cover - no agenda here
        agenda = None
    if agenda is not None and answer != "yes":
        if answer == "cannot_come":
            agenda.answer_meeting(user, reminder.target_id, "not_coming", reason="no_childcare")
        else:
            existing = _existing_childcare(agenda, user, reminder.target_id)
            agenda.answer_meeting(user, reminder.target_id, "coming", childcare=existing)
    reminder.answer = answer
    reminder.read_at = reminder.read_at or utcnow()
    db.session.commit()


def _existing_childcare(agenda, user: User, meeting_id: int):
    """Opvang op locatie: keep the children she already gave, else one child, age unknown."""
    meeting = agenda.get_meeting_for_participant(user, meeting_id)
    rsvp = agenda.rsvp_of(user, meeting) if meeting is not None else None
    if rsvp is not None and rsvp.childcare_needed:
        return agenda.Childcare(needed=True, count=rsvp.children_count, ages=rsvp.ages)
    return agenda.Childcare(needed=True, count=1, ages=[])


# --- Texts ----------------------------------------------------------------------------------


def _when(iso: str) -> tuple[str, str]:
    moment = datetime.fromisoformat(iso)
    return format_date(moment, "EEEE d MMMM"), format_time(moment, "HH:mm")


def render_text(reminder: Reminder, message: StaffMessage | None = None) -> tuple[str, str]:
    """(title, body) in the current locale. Call inside force_locale(her language)."""
    p = reminder.params or {}
    kind = reminder.kind
    if kind == ReminderKind.MESSAGE:
        lang = str(_current_lang())
        author = p.get("author") or "Elke Stap"
        return _("Bericht van %(name)s", name=author), (message.text_for(lang) if message else "")
    if kind in (ReminderKind.STEP_DAY_BEFORE, ReminderKind.STEP_MORNING):
        title = p.get("title", "")
        if kind == ReminderKind.STEP_DAY_BEFORE:
            return _("Morgen: %(title)s", title=title), _("Deze stap staat voor morgen in je plan.")
        return _("Vandaag: %(title)s", title=title), _("Deze stap staat voor vandaag in je plan.")
    day, hour = _when(p["starts_at"])
    title, place = p.get("title", ""), p.get("place") or ""
    if kind == ReminderKind.MEETING_WEEK:
        return (
            _("Over een week: %(title)s", title=title),
            _("%(day)s om %(time)s. Heb je opvang geregeld?", day=day, time=hour),
        )
    if kind == ReminderKind.MEETING_DAY_BEFORE:
        body = _("Morgen om %(time)s.", time=hour)
        return _("Morgen: %(title)s", title=title), f"{body} {place}".strip()
    if kind == ReminderKind.MEETING_MORNING:
        body = _("Vandaag om %(time)s. Tot straks!", time=hour)
        return _("Vandaag: %(title)s", title=title), f"{body} {place}".strip()
    if kind == ReminderKind.MEETING_CHANGED:
        if p.get("change") == "cancelled":
            return (
                _("Gaat niet door: %(title)s", title=title),
                _("De bijeenkomst van %(day)s gaat niet door.", day=day),
            )
        return (
            _("Verplaatst: %(title)s", title=title),
            _("Nieuwe tijd: %(day)s om %(time)s.", day=day, time=hour),
        )
    return "Elke Stap", str(NEUTRAL_TEXT)


def _current_lang() -> str:
    from flask_babel import get_locale

    return str(get_locale() or "nl")


def payload_for(
    reminder: Reminder, user: User, settings: NotificationSettings, message: StaffMessage | None
) -> dict:
    """What the phone receives: rendered now, in her language; neutral unless she chose details."""
    lang = user.language if user.language in LANGUAGES else "nl"
    with force_locale(lang):
        if settings.lock_screen == "details":
            title, body = render_text(reminder, message)
        else:
            title, body = "Elke Stap", _("Je hebt een nieuw bericht van Elke Stap")
    return {
        "title": title,
        "body": body,
        "lang": lang,
        "dir": "rtl" if lang == "ar" else "ltr",
        "url": build_path("reminders.open", "/inbox", reminder_id=reminder.id),
        "tag": f"es-{reminder.id}",
        "id": reminder.id,
        "neutral": settings.lock_screen != "details",
    }


# --- Sending --------------------------------------------------------------------------------


def _returning_update(table, ids: list[int], where, values: dict) -> list[int]:
    claimed: list[int] = []
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        result = db.session.execute(
            update(table).where(table.c.id.in_(chunk), where).values(**values).returning(table.c.id)
        )
        claimed.extend(r[0] for r in result)
    return claimed


def dispatch(now: datetime | None = None, limit: int = 20000) -> dict:
    """Take the reminders that are due: inbox only, or one delivery per phone."""
    now = now or utcnow()
    stats = {"inbox": 0, "push": 0, "quiet": 0}
    due = db.session.execute(
        select(Reminder.id, Reminder.user_id, Reminder.kind, Reminder.moment, Reminder.read_at)
        .where(Reminder.push_state == PushState.PENDING, Reminder.due_at <= now)
        .order_by(Reminder.due_at, Reminder.id)
        .limit(limit)
    ).all()
    if not due:
        return stats
    user_ids = {r.user_id for r in due}
    settings = {
        s.user_id: s
        for s in db.session.scalars(
            select(NotificationSettings).where(NotificationSettings.user_id.in_(user_ids))
        )
    }
    subs: dict[int, list[int]] = defaultdict(list)
    for sub_id, user_id in db.session.execute(
        select(PushSubscription.id, PushSubscription.user_id).where(
            PushSubscription.user_id.in_(user_ids)
        )
    ):
        subs[user_id].append(sub_id)
    can_push = push_service.vapid() is not None
    to_inbox, to_push = [], []
    for r in due:
        s = settings.get(r.user_id) or NotificationSettings(
            push_enabled=True, quiet_start=21 * 60, quiet_end=8 * 60, lock_screen="neutral"
        )
        past = (
            r.kind != ReminderKind.MESSAGE
            and r.kind != ReminderKind.MEETING_CHANGED
            and (r.moment + timedelta(days=1) < now)
        )
        if not can_push or not s.push_enabled or not subs.get(r.user_id) or r.read_at or past:
            to_inbox.append(r.id)
        elif in_quiet_hours(s, now):
            stats["quiet"] += 1  # waits: the next run after her quiet hours sends it
        else:
            to_push.append(r.id)
    pending = Reminder.__table__.c.push_state == PushState.PENDING
    stats["inbox"] = len(
        _returning_update(
            Reminder.__table__,
            to_inbox,
            pending,
            {"push_state": PushState.INBOX, "handled_at": now},
        )
    )
    claimed = _returning_update(
        Reminder.__table__, to_push, pending, {"push_state": PushState.SENDING, "handled_at": now}
    )
    stats["push"] = len(claimed)
    owner = {r.id: r.user_id for r in due}
    _insert_ignore(
        PushDelivery.__table__,
        [
            {
                "reminder_id": rid,
                "subscription_id": sid,
                "state": DeliveryState.PENDING,
                "tries": 0,
                "next_try_at": now,
            }
            for rid in claimed
            for sid in subs[owner[rid]]
        ],
    )
    db.session.commit()
    return stats


def claim_deliveries(now: datetime | None = None, limit: int = 50000) -> list[int]:
    now = now or utcnow()
    t = PushDelivery.__table__
    # A sender that died mid-send: its deliveries are tried again.
    db.session.execute(
        update(t)
        .where(t.c.state == DeliveryState.SENDING, t.c.claimed_at < now - STALE_AFTER)
        .values(state=DeliveryState.PENDING)
    )
    ids = list(
        db.session.scalars(
            select(t.c.id)
            .where(t.c.state == DeliveryState.PENDING, t.c.next_try_at <= now)
            .order_by(t.c.id)
            .limit(limit)
        )
    )
    claimed = _returning_update(
        t,
        ids,
        t.c.state == DeliveryState.PENDING,
        {"state": DeliveryState.SENDING, "claimed_at": now},
    )
    db.session.commit()
    return claimed


def _sender() -> push_service.Sender | None:
    key = push_service.vapid()
    if key is None:
        return None
    return push_service.Sender(key, push_service.contact())


def deliver(
    delivery_ids: list[int],
    sender: push_service.Sender | None = None,
    now: datetime | None = None,
) -> dict:
    """Push these (claimed) deliveries and record every attempt. Safe to call from RQ."""
    now = now or utcnow()
    sender = sender or _sender()
    stats = {"sent": 0, "gone": 0, "retry": 0, "failed": 0}
    if not delivery_ids:
        return stats
    rows = db.session.execute(
        select(PushDelivery, Reminder, PushSubscription, User)
        .join(Reminder, Reminder.id == PushDelivery.reminder_id)
        .join(User, User.id == Reminder.user_id)
        .outerjoin(PushSubscription, PushSubscription.id == PushDelivery.subscription_id)
        .where(PushDelivery.id.in_(delivery_ids), PushDelivery.state == DeliveryState.SENDING)
    ).all()
    user_ids = {u.id for _d, _r, _s, u in rows}
    settings = {
        s.user_id: s
        for s in db.session.scalars(
            select(NotificationSettings).where(NotificationSettings.user_id.in_(user_ids))
        )
    }
    message_ids = {r.target_id for _d, r, _s, _u in rows if r.kind == ReminderKind.MESSAGE}
    messages = (
        {
            m.id: m
            for m in db.session.scalars(
                select(StaffMessage).where(StaffMessage.id.in_(message_ids))
            )
        }
        if message_ids
        else {}
    )
    items, live = [], []
    attempts, results = [], {}
    for delivery, reminder, sub, user in rows:
        if sub is None or sender is None:  # the phone was removed meanwhile
            results[delivery.id] = (DeliveryState.GONE, None)
            attempts.append(
                {
                    "delivery_id": delivery.id,
                    "at": now,
                    "status_code": None,
                    "outcome": "gone",
                    "detail": "no subscription" if sub is None else "no keys",
                }
            )
            continue
        s = settings.get(user.id) or get_settings(user)
        message = (
            messages.get(reminder.target_id) if reminder.kind == ReminderKind.MESSAGE else None
        )
        payload = json.dumps(payload_for(reminder, user, s, message), ensure_ascii=False)
        items.append((sub.as_webpush(), payload.encode()))
        live.append((delivery, sub))
    outcomes = sender.send_many(items) if items else []
    gone_subs = set()
    tries_of: dict[int, int] = {}
    for (delivery, sub), outcome in zip(live, outcomes, strict=True):
        tries = tries_of[delivery.id] = delivery.tries + 1
        if outcome.sent:
            state, label, next_try = DeliveryState.SENT, "sent", None
        elif outcome.gone:
            state, label, next_try = DeliveryState.GONE, "gone", None
            gone_subs.add(sub.id)
        elif tries >= MAX_TRIES:
            state, label, next_try = DeliveryState.FAILED, "failed", None
        elif outcome.status_code == 429:
            wait = outcome.retry_after if outcome.retry_after is not None else 60
            state, label = DeliveryState.PENDING, "throttled"
            next_try = now + timedelta(seconds=max(wait, 1))
        else:
            state, label = DeliveryState.PENDING, "retry"
            next_try = now + timedelta(seconds=60 * 2 ** (tries - 1))
        stats[label if label in stats else "retry"] += 1
        results[delivery.id] = (state, next_try)
        attempts.append(
            {
                "delivery_id": delivery.id,
                "at": now,
                "status_code": outcome.status_code,
                "outcome": label,
                "detail": outcome.detail,
            }
        )
        if not outcome.sent:
            # The push service and ids only: nothing about her, nothing of the text.
            log.warning(
                "push %s to %s: %s (try %d, delivery %d)",
                label,
                push_service.endpoint_host(sub.endpoint),
                outcome.detail or outcome.status_code,
                tries,
                delivery.id,
            )
    if attempts:
        db.session.execute(insert(PushAttempt), attempts)
    t = PushDelivery.__table__
    groups: dict[tuple, list[int]] = defaultdict(list)
    for delivery, _r, _s, _u in rows:
        state, next_try = results.get(delivery.id, (DeliveryState.FAILED, None))
        groups[(state, next_try, tries_of.get(delivery.id, delivery.tries))].append(delivery.id)
    for (state, next_try, tries), ids in groups.items():
        values = {"state": state, "claimed_at": None, "tries": tries}
        if state == DeliveryState.SENT:
            values["sent_at"] = now
        if next_try is not None:
            values["next_try_at"] = next_try
        for start in range(0, len(ids), 900):
            db.session.execute(
                update(t).where(t.c.id.in_(ids[start : start + 900])).values(**values)
            )
    if gone_subs:
        # The phone is gone (404/410): forget it; its other waiting deliveries end too.
        db.session.execute(
            update(t)
            .where(t.c.subscription_id.in_(gone_subs), t.c.state == DeliveryState.PENDING)
            .values(state=DeliveryState.GONE)
        )
        db.session.execute(
            PushSubscription.__table__.delete().where(
                PushSubscription.__table__.c.id.in_(gone_subs)
            )
        )
    db.session.expire_all()
    _settle_reminders({r.id for _d, r, _s, _u in rows}, now)
    db.session.commit()
    return stats


def _settle_reminders(reminder_ids: set[int], now: datetime) -> None:
    """A reminder is 'pushed' once one phone took it; 'inbox' when no phone can."""
    if not reminder_ids:
        return
    ids = list(reminder_ids)
    t = PushDelivery.__table__
    r = Reminder.__table__
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        sent = (
            select(t.c.id)
            .where(t.c.reminder_id == r.c.id, t.c.state == DeliveryState.SENT)
            .exists()
        )
        open_ = (
            select(t.c.id)
            .where(
                t.c.reminder_id == r.c.id,
                t.c.state.in_([DeliveryState.PENDING, DeliveryState.SENDING]),
            )
            .exists()
        )
        db.session.execute(
            update(r)
            .where(r.c.id.in_(chunk), r.c.push_state == PushState.SENDING, sent)
            .values(push_state=PushState.PUSHED)
        )
        db.session.execute(
            update(r)
            .where(r.c.id.in_(chunk), r.c.push_state == PushState.SENDING, ~sent, ~open_)
            .values(push_state=PushState.INBOX)
        )


def redis_url() -> str | None:
    return current_app.config.get("REDIS_URL")


def enqueue(delivery_ids: list[int], url: str | None = None) -> int:
    """Hand the deliveries to RQ workers, in batches. Returns the number of jobs."""
    from redis import Redis
    from rq import Queue

    queue = Queue(RQ_QUEUE, connection=Redis.from_url(url or redis_url()))
    jobs = 0
    for start in range(0, len(delivery_ids), BATCH):
        queue.enqueue(deliver_job, delivery_ids[start : start + BATCH], job_timeout=900)
        jobs += 1
    return jobs


def deliver_job(delivery_ids: list[int]) -> dict:
    """The RQ job. In an `rq worker` process it makes its own app (configured from the
    environment, like the web app)."""
    if has_app_context():
        return deliver(delivery_ids)
    from webapp import create_app

    app = create_app()
    with app.app_context():
        try:
            return deliver(delivery_ids)
        finally:
            db.session.remove()


def send_due(now: datetime | None = None, use_rq: bool | None = None) -> dict:
    """Create what has become due, then send it: in this process, or through RQ when
    REDIS_URL is set. Safe to run at the same time on several machines."""
    now = now or utcnow()
    create_due(now)
    stats = dispatch(now)
    use_rq = bool(redis_url()) if use_rq is None else use_rq
    delivery_ids = claim_deliveries(now)
    stats["deliveries"] = len(delivery_ids)
    if use_rq and delivery_ids:
        stats["jobs"] = enqueue(delivery_ids)
    else:
        sender = _sender()
        try:
            for start in range(0, len(delivery_ids), BATCH):
                result = deliver(delivery_ids[start : start + BATCH], sender, now)
                for key, value in result.items():
                    stats[key] = stats.get(key, 0) + value
        finally:
            if sender is not None:
                sender.close()
    return stats


# Used by the inbox view to find the staff message of a reminder.
def message_of(reminder: Reminder) -> StaffMessage | None:
    if reminder.kind != ReminderKind.MESSAGE:
        return None
    return db.session.get(StaffMessage, reminder.target_id)
