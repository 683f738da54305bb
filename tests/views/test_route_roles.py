"""Every route, walked with every role and with ids that belong to someone else.

The app refuses to start when a view lacks a role rule, so `allowed_roles` is always there;
these tests check that the rule is enforced, and that another organisation's or another
participant's ids give 403/404, never her data.
"""

import pytest
from werkzeug.routing import IntegerConverter, Rule

from tests import factories, materials_files
from webapp.models import Role
from webapp.security import PUBLIC
from webapp.services import access_codes, materials, sessions, sharing
from webapp.services import plan as plans

# A URL argument name -> the key of an object in the foreign world below. Features with their
# own ids add their names here; unknown names get an id that does not exist.
FOREIGN_ARGUMENTS = {
    "group_id": "group",
    "user_id": "participant",
    "invitation_id": "invitation",
    "organisation_id": "organisation",
    "meeting_id": "meeting",
    "material_id": "material",
    "file_id": "file",
    "session_id": "session",
    "item_id": "template_item",
}
# A text URL argument with a real value (else "NOT-A-REAL-CODE"): a part she shares exists.
TEXT_ARGUMENTS = {"part": "plan"}
MISSING_ID = 987654
ROLES = [Role.PARTICIPANT, Role.TRAINER, Role.STAFF, Role.ADMIN]


@pytest.fixture
def someone(sara, trainster, medewerker, beheer):
    """Someone of each role, to log in as."""
    return {
        Role.PARTICIPANT: sara,
        Role.TRAINER: trainster,
        Role.STAFF: medewerker,
        Role.ADMIN: beheer,
    }


def ids_of(world: dict) -> dict:
    """The ids of a world's group, participant (who shares every part with the world's own
    medewerker), open invitation, meeting, a material with its file, a login and a step of
    the group's own list."""
    invitation = access_codes.create_invitation(
        world["staff"], Role.PARTICIPANT, world["organisation"], world["group"]
    )
    meeting = factories.meeting(world["group"], by=world["staff"])
    for part in sharing.PARTS:
        sharing.set_viewers(world["participant"], part, {world["staff"].id})
    material = materials.add_material(
        world["staff"],
        world["group"],
        meeting,
        materials.MaterialText(title="Werkblad"),
        materials.Upload(materials_files.pdf(), "nl"),
    )
    return {
        "organisation": world["organisation"].id,
        "group": world["group"].id,
        "participant": world["participant"].id,
        "invitation": invitation.id,
        "meeting": meeting.id,
        "material": material.id,
        "file": material.files[0].id,
        "session": sessions.start_session(world["participant"])[0].id,
        "template_item": plans.copy_template(world["group"]).items[0].id,
    }


@pytest.fixture
def foreign(elsewhere):
    """Another organisation's ids: Noor shares everything, only not with anyone here."""
    return ids_of(elsewhere)


@pytest.fixture
def home(zuid, sara, medewerker):
    """Groep Zuid's ids: Sara shares every part with Marieke."""
    return ids_of(
        {"organisation": zuid.organisation, "group": zuid, "staff": medewerker, "participant": sara}
    )


def takes_an_id(rule: Rule, name: str) -> bool:
    return isinstance(rule._converters[name], IntegerConverter)


def routes(app) -> list[tuple[Rule, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "assets.serve":
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule, method))
    return found


def build(rule: Rule, foreign: dict) -> str:
    values = {}
    for name in rule.arguments:
        if takes_an_id(rule, name):
            key = FOREIGN_ARGUMENTS.get(name)
            values[name] = foreign[key] if key else MISSING_ID
        else:
            values[name] = TEXT_ARGUMENTS.get(name, "NOT-A-REAL-CODE")
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


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_refused_where_it_has_no_place(app, client, auth, foreign, someone, role):
    auth.login(someone[role])
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


@pytest.mark.parametrize("role", ROLES)
def test_foreign_ids_never_open_someone_elses_data(app, client, auth, foreign, someone, role):
    auth.login(someone[role])
    token = auth.token()
    checked = 0
    for rule, method in routes(app):
        allowed = app.view_functions[rule.endpoint].allowed_roles
        if (
            allowed == PUBLIC
            or role not in allowed
            or not any(takes_an_id(rule, a) for a in rule.arguments)
        ):
            continue
        response = call(client, method, build(rule, foreign), token)
        assert response.status_code in (403, 404), (role, rule.rule, method, response.status_code)
        checked += 1
    assert checked > 0 or role == Role.PARTICIPANT  # her id routes come with her features


# A beheerder's own work on a group of an organisation she manages: its name and archive
# (no participant on those pages).
GROUP_CARE = {"staff.group_settings", "staff.rename_group", "staff.set_group_archived"}


def walk_with_ids(app, client, token, role, ids, skip=(), endpoints=()) -> int:
    """Every route of `role` with an id in its URL, with these ids: each must be 403 or 404."""
    checked = 0
    for rule, method in routes(app):
        if rule.endpoint in endpoints:
            continue
        allowed = app.view_functions[rule.endpoint].allowed_roles
        int_args = {a for a in rule.arguments if takes_an_id(rule, a)}
        if allowed == PUBLIC or role not in allowed or not int_args or int_args & set(skip):
            continue
        response = call(client, method, build(rule, ids), token)
        assert response.status_code in (403, 404), (role, rule.rule, method, response.status_code)
        checked += 1
    return checked


def test_a_beheerder_reads_no_participant_data_even_of_the_organisation_she_manages(
    app, client, auth, home, beheer
):
    """She manages Gemeente Rotterdam (its staff accounts), and still gets 403/404 on every
    route with Sara's, Groep Zuid's or its meeting's ids; her organisation pages are hers."""
    auth.login(beheer)
    token = auth.token()
    assert walk_with_ids(
        app, client, token, Role.ADMIN, home, skip={"organisation_id"}, endpoints=GROUP_CARE
    )
    assert client.get(f"/beheer/organisaties/{home['organisation']}").status_code == 200
    settings = client.get(f"/medewerker/groepen/{home['group']}/instellingen")
    assert settings.status_code == 200 and "Sara" not in settings.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.STAFF, Role.ADMIN])
def test_a_second_organisations_people_never_open_hers(app, client, auth, home, elsewhere, role):
    """A participant, a medewerker and a beheerder of another organisation, with Groep Zuid's
    ids (Sara shares every part with Marieke): 403 or 404 everywhere."""
    person = {
        Role.PARTICIPANT: elsewhere["participant"],
        Role.STAFF: elsewhere["staff"],
        Role.ADMIN: factories.admin(manages=elsewhere["organisation"]),
    }[role]
    auth.login(person)
    checked = walk_with_ids(app, client, auth.token(), role, home)
    assert checked > 0 or role == Role.PARTICIPANT
