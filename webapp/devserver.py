"""`make run`: the app as a newcomer should first see it, from one command.

`prepare()` applies the migrations, loads the demo data and makes development push keys (once,
in the instance folder). `serve()` then runs the development server and the reminder worker
side by side: reminders arrive in the demo inbox, and on a phone by push, without anything run
by hand. Both children stop together: Ctrl-C in the terminal reaches the whole process group,
and SIGTERM to this process is passed on.

    python -m webapp.devserver --port 5100
"""

import argparse
import os
import signal
import subprocess
import sys
import time

WORKER_INTERVAL = 30  # seconds: a reminder made due by the demo shows up within half a minute


def prepare(app) -> dict:
    """Everything `flask run` needs before the first page: returns what was done."""
    from alembic import command
    from sqlalchemy import select

    from webapp.cli import alembic_config
    from webapp.extensions import db
    from webapp.models import Group, User
    from webapp.services import push, reminders
    from webapp.services.demo import GROUP, load_demo

    with app.app_context():
        command.upgrade(alembic_config(), "heads")
        accounts = load_demo()
        # A first message for the demo inbox; the worker sends it (tests use the demo without it).
        group = db.session.scalar(select(Group).where(Group.name == GROUP))
        staff = db.session.scalar(select(User).where(User.username == "medewerker"))
        reminders.load_demo_welcome(group, staff)
        _public, made_keys = push.init_keys()
    return {"new_accounts": accounts, "made_push_keys": made_keys}


def _children(port: int) -> list[list[str]]:
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    return [
        [*flask, "run", "--host", "127.0.0.1", "--port", str(port)],
        [*flask, "reminders", "worker", "--interval", str(WORKER_INTERVAL)],
    ]


def serve(port: int) -> int:
    """Run the server and the worker until either stops or this process is told to stop."""
    env = {**os.environ, "ELKESTAP_ENV": "development"}
    processes = [subprocess.Popen(command, env=env) for command in _children(port)]
    print(f"Elke Stap: http://127.0.0.1:{port}  (pids {' '.join(str(p.pid) for p in processes)})")
    sys.stdout.flush()

    def stop(*_signal) -> None:
        for process in processes:
            if process.poll() is None:
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.3)
    except KeyboardInterrupt:
        pass
    stop()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 5000))
    args = parser.parse_args()
    os.environ["ELKESTAP_ENV"] = "development"
    from webapp import create_app

    done = prepare(create_app())
    if done["made_push_keys"]:
        print("Made development push keys in the instance folder.")
    return serve(args.port)


if __name__ == "__main__":
    sys.exit(main())
