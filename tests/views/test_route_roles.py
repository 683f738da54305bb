"""Every route, walked with every role and with ids that belong to someone else.

The app refuses to start when a view lacks a role rule, so `allowed_roles` is always there;
these tests check that the rule is enforced, and that another organisation's or another
participant's ids give 403/404, never her data.
"""

import pytest
from werkzeug.routing import Rule

from webapp.models import Role
from webapp.security import PUBLIC
from webapp.services import access_codes

# A URL argument name -> the key of an object in the foreign world below. Features with their
# own ids add their names here; unknown names get an id that does not exist.
FOREIGN_ARGUMENTS = {
    "group_id": "group",
    "user_id": "participant",
    "invitation_id": "invitation",
    "organisation_id": "organisation",
}
MISSING_ID = 987654
ROLES = {
    Role.PARTICIPANT: "sara",
    Role.TRAINER: "trainster",
    Role.STAFF: "medewerker",
    Role.ADMIN: "beheer",
}


@pytest.fixture
def foreign(demo, elsewhere):
    """The ids of another organisation's group, participant and open invitation."""
    invitation = access_codes.create_invitation(
        elsewhere["staff"], Role.PARTICIPANT, elsewhere["organisation"], elsewhere["group"]
    )
    return {
        "organisation": elsewhere["organisation"].id,
        "group": elsewhere["group"].id,
        "participant": elsewhere["participant"].id,
        "invitation": invitation.id,
    }


def routes(app) -> list[tuple[Rule, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("static", "assets.serve"):
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule, method))
    return found


def build(rule: Rule, foreign: dict) -> str:
    values = {}
    for name in rule.arguments:
        converter = rule._converters[name].__class__.__name__
        if converter == "IntegerConverter":
            key = FOREIGN_ARGUMENTS.get(name)
            values[name] = foreign[key] if key else MISSING_ID
        else:
            values[name] = "NOT-A-REAL-CODE"
    path = rule.build(values, append_unknown=False)[1]
    return path


def call(client, method: str, path: str, token: str | None = None):
    data = {"csrf_token": token} if token and method != "GET" else None
    return client.open(path, method=method, data=data)


def test_anonymous_gets_login_for_everything_not_public(app, client, foreign):
    for rule, method in routes(app):
        view = app.view_functions[rule.endpoint]
        if view.allowed_roles == PUBLIC:
            continue
        response = call(client, method, build(rule, foreign))
        assert response.status_code in (302, 401, 400), (rule.rule, method, response.status_code)
        if response.status_code == 302:
            assert "/login" in response.headers["Location"], rule.rule


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_is_refused_where_it_has_no_place(app, client, auth, foreign, role):
    auth.login(ROLES[role])
    token = auth.token()
    checked = 0
    for rule, method in routes(app):
        allowed = app.view_functions[rule.endpoint].allowed_roles
        if allowed == PUBLIC or role in allowed:
            continue
        response = call(client, method, build(rule, foreign), token)
        assert response.status_code == 403, (role, rule.rule, method, response.status_code)
        checked += 1
    if role != Role.ADMIN:
        assert checked > 0


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.TRAINER, Role.STAFF])
def test_foreign_ids_never_open_someone_elses_data(app, client, auth, foreign, role):
    auth.login(ROLES[role])
    token = auth.token()
    checked = 0
    for rule, method in routes(app):
        allowed = app.view_functions[rule.endpoint].allowed_roles
        if (
            allowed == PUBLIC
            or role not in allowed
            or not any(
                rule._converters[a].__class__.__name__ == "IntegerConverter" for a in rule.arguments
            )
        ):
            continue
        response = call(client, method, build(rule, foreign), token)
        assert response.status_code in (403, 404), (role, rule.rule, method, response.status_code)
        checked += 1
    assert checked > 0 or role == Role.PARTICIPANT  # her id routes come with her features
