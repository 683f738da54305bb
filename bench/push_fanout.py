"""Fan-out of one staff message to N web push subscriptions (default 10,000).

    .venv/bin/python bench/push_fanout.py [--n 10000] [--database-url URL]

The local fake push service (tests/fakepush.py) runs in its own process: it checks every
VAPID JWT and decrypts every aes128gcm body, as a real push service would. The app side is
the real code path: `send_staff_message` makes N reminders, `send_due` claims them, makes a
delivery per phone, renders each in the recipient's language, encrypts and posts it.

Printed: the wall time of send_due, messages per second, and the ratio against the floor: the
bare cost of encrypting the same N payloads with pywebpush in one loop (no HTTP, no database).
"""

import argparse
import json
import multiprocessing as mp
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def push_service_process(n: int, conn) -> None:
    from tests.fakepush import FakePushService

    with FakePushService() as fake:
        conn.send([fake.subscription() for _ in range(n)])
        conn.recv()  # wait until the benchmark is done
        conn.send({"received": len(fake.received), "rejected": len(fake.rejected)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()
    n = args.n

    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=push_service_process, args=(n, child), daemon=True)
    proc.start()
    t0 = time.perf_counter()
    subscriptions = parent.recv()
    print(f"push service ready with {n} subscriptions ({time.perf_counter() - t0:.1f} s)")

    from py_vapid import Vapid
    from pywebpush import WebPusher
    from sqlalchemy import insert, select

    from webapp import create_app
    from webapp.extensions import db
    from webapp.models import Base, Group, Membership, Organisation, Role, User
    from webapp.models.reminders import PushSubscription
    from webapp.services import reminders as service

    key = Vapid()
    key.generate_keys()
    tmp = tempfile.mkdtemp(prefix="push-fanout-")
    url = args.database_url or f"sqlite:///{tmp}/bench.sqlite"
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": url,
            "VAPID_PRIVATE_KEY": key.private_pem().decode(),
        }
    )
    langs = ["nl", "ar", "pl", "tr", "en"]
    with app.app_context():
        Base.metadata.drop_all(db.engine)
        Base.metadata.create_all(db.engine)
        org = Organisation(name="Bench")
        db.session.add(org)
        db.session.flush()
        group = Group(organisation_id=org.id, name="Bench")
        staff = User(
            username="staff",
            password_hash="x",
            display_name="Marieke",
            role=Role.STAFF,
            organisation_id=org.id,
        )
        db.session.add_all([group, staff])
        db.session.flush()
        db.session.execute(
            insert(User),
            [
                {
                    "username": f"p{i}",
                    "password_hash": "x",
                    "display_name": f"P{i}",
                    "role": Role.PARTICIPANT,
                    "language": langs[i % 5],
                    "active": True,
                }
                for i in range(n)
            ],
        )
        ids = list(db.session.scalars(select(User.id).where(User.role == Role.PARTICIPANT)))
        db.session.execute(insert(Membership), [{"user_id": u, "group_id": group.id} for u in ids])
        db.session.execute(
            insert(PushSubscription),
            [
                {
                    "user_id": u,
                    "endpoint": s["endpoint"],
                    "p256dh": s["keys"]["p256dh"],
                    "auth": s["keys"]["auth"],
                }
                for u, s in zip(ids, subscriptions, strict=True)
            ],
        )
        db.session.commit()

        # The floor: encrypting the same payloads with pywebpush, one loop, nothing else.
        payload = json.dumps(
            {
                "title": "Elke Stap",
                "body": "Je hebt een nieuw bericht van Elke Stap",
                "lang": "nl",
                "dir": "ltr",
                "url": "/inbox/1/open",
                "tag": "es-1",
                "id": 1,
                "neutral": True,
            }
        ).encode()
        t0 = time.perf_counter()
        for sub in subscriptions:
            WebPusher(sub).encode(payload, "aes128gcm")
        floor = time.perf_counter() - t0

        t0 = time.perf_counter()
        service.send_staff_message(
            staff,
            "group",
            "Morgen is er geen bijeenkomst.",
            translations={"ar": "لا يوجد لقاء غدا.", "pl": "Jutro nie ma spotkania."},
            group=group,
        )
        created = time.perf_counter() - t0
        # No quiet hours for the benchmark, whatever the clock says.
        from webapp.models.reminders import NotificationSettings

        db.session.execute(
            insert(NotificationSettings),
            [
                {
                    "user_id": u,
                    "push_enabled": True,
                    "quiet_start": 0,
                    "quiet_end": 0,
                    "lock_screen": "neutral",
                }
                for u in ids
            ],
        )
        db.session.commit()
        t0 = time.perf_counter()
        stats = service.send_due(use_rq=False)
        wall = time.perf_counter() - t0
    parent.send("done")
    result = parent.recv()
    proc.join(timeout=10)

    print(f"messages created (staff message -> {n} inbox rows): {created:.2f} s")
    print(f"send_due stats: {stats}")
    print(f"push service received {result['received']}, rejected {result['rejected']}")
    print(f"floor (pywebpush encrypt only, one loop): {floor:.2f} s = {n / floor:,.0f} msg/s")
    print(f"fan-out wall time: {wall:.2f} s")
    print(f"fan-out throughput: {n / wall:,.0f} msg/s")
    print(f"ratio fan-out / floor: {wall / floor:.2f}x")
    if result["received"] != n:
        sys.exit(f"only {result['received']} of {n} arrived")


if __name__ == "__main__":
    main()
