"""Fixtures of the service tests that send pushes: a VAPID key, the local push service that
checks VAPID and decrypts (tests/fakepush.py), and the reminder tests' group of four
participants, each in her own language, with their medewerker (a module's own `group` wins)."""

import pytest
from py_vapid import Vapid

from tests import factories
from tests.fakepush import FakePushService
from webapp.services import push as push_service


@pytest.fixture
def vapid_key(app):
    key = Vapid()
    key.generate_keys()
    app.config["VAPID_PRIVATE_KEY"] = key.private_pem().decode()
    return push_service.public_key()


@pytest.fixture
def fake_push(vapid_key):
    with FakePushService(application_server_key=vapid_key) as fake:
        yield fake


@pytest.fixture
def group(app):
    return factories.group()


@pytest.fixture
def people(group):
    """Four participants of the group, each with her own language, and their medewerker."""
    return {
        "sara": factories.participant(group, "sara"),
        "amina": factories.participant(group, "amina", language="ar"),
        "ewa": factories.participant(group, "ewa", language="pl"),
        "elif": factories.participant(group, "elif", language="tr"),
        "medewerker": factories.staff(group.organisation, "medewerker", display_name="Marieke"),
    }
