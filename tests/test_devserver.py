"""`make run` (webapp/devserver.py) on a fresh instance folder: the app answers on the port it
was given, push has development keys, the reminder worker runs beside the server and sends the
demo's first message, and stopping the helper stops both."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that ended but was not reaped yet is a zombie: not running.
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(") ", 1)[1][0] != "Z"


@pytest.fixture
def fresh(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VAPID_PRIVATE_KEY")},
        "ELKESTAP_INSTANCE": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
    }
    return tmp_path, env


def test_make_run_serves_on_its_port_with_push_keys_and_the_worker(fresh):
    instance, env = fresh
    port = free_port()
    helper = subprocess.Popen(
        [sys.executable, "-m", "webapp.devserver", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        line = ""
        while "pids" not in line:
            line = helper.stdout.readline()
            assert line or helper.poll() is None, "the helper stopped before serving"
        pids = [int(p) for p in line.split("pids ")[1].rstrip(")\n").split()]
        login = f"http://127.0.0.1:{port}/login"
        assert wait_for(lambda: urllib.request.urlopen(login, timeout=2).status == 200)
        assert (instance / "vapid_private.pem").exists()
        database = instance / "elkestap.sqlite"

        def welcome_sent() -> bool:
            with sqlite3.connect(database) as db:
                return (
                    db.execute(
                        "SELECT count(*) FROM reminders WHERE kind = 'message' AND push_state != 'pending'"
                    ).fetchone()[0]
                    >= 4
                )  # Groep Zuid: sara, amina, ewa, elif and the rest

        assert wait_for(welcome_sent), "the worker did not send the demo's first message"
    finally:
        helper.send_signal(signal.SIGTERM)
        helper.wait(timeout=20)
    assert all(not alive(pid) for pid in pids), "a child outlived the helper"


def test_a_second_run_keeps_the_keys_and_the_demo(fresh, tmp_path):
    instance, env = fresh
    env = {**env, "ELKESTAP_ENV": "development"}
    code = (
        "from webapp import create_app; from webapp.devserver import prepare; "
        "print(prepare(create_app()))"
    )
    first = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                           text=True, check=True)  # fmt: skip
    key = (instance / "vapid_private.pem").read_bytes()
    second = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                            text=True, check=True)  # fmt: skip
    assert "'made_push_keys': True" in first.stdout and "'new_accounts': 17" in first.stdout
    assert "'made_push_keys': False" in second.stdout and "'new_accounts': 0" in second.stdout
    assert (instance / "vapid_private.pem").read_bytes() == key
