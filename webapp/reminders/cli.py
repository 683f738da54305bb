"""`flask push init-keys`, `flask reminders send-due`, `flask reminders worker`."""

import logging
import time

import click
from flask.cli import AppGroup

from webapp.extensions import db
from webapp.reminders import bp
from webapp.services import push as push_service
from webapp.services import reminders as reminder_service

push_cli = AppGroup("push", help="Web push: VAPID keys.")


@push_cli.command("init-keys")
def init_keys() -> None:
    """Make the VAPID key pair in the instance folder (unless VAPID_PRIVATE_KEY is set)."""
    public, created = push_service.init_keys()
    click.echo(("made new keys; " if created else "keys already there; ") + f"public key: {public}")


@bp.cli.command("send-due")
def send_due() -> None:
    """Create the reminders that have become due and send them (run every minute)."""
    stats = reminder_service.send_due()
    click.echo(" ".join(f"{k}={v}" for k, v in sorted(stats.items())))


@bp.cli.command("worker")
@click.option("--interval", default=60, show_default=True, help="Seconds between runs.")
@click.option("--once", is_flag=True, help="Run one round and stop.")
def worker(interval: int, once: bool) -> None:
    """Run send-due every INTERVAL seconds, until stopped."""
    logging.basicConfig(level=logging.INFO)
    log = logging.getLogger("elkestap.reminders")
    while True:
        started = time.monotonic()
        try:
            stats = reminder_service.send_due()
            log.info("send-due: %s", stats)
        except Exception:
            log.exception("send-due failed; trying again next round")
            db.session.rollback()
        finally:
            db.session.remove()
        if once:
            return
        time.sleep(max(1.0, interval - (time.monotonic() - started)))


@bp.record_once
def _register_push_cli(state) -> None:
    state.app.cli.add_command(push_cli)
