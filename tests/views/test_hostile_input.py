"""Hostile input, posted to every form of every role and to every POST route of the url map:
never a 5xx, and a form that refuses the input shows it again.

The forms are found the way a person finds them: logged in as each demo account, following the
links of her pages (bounded) and reading every <form> on them. A POST route that no page links
to gets the same values under the names its neighbours use. Hypothesis draws the values; a fixed
set (NUL and other control characters, lone surrogates, invalid UTF-8, 100k characters, huge and
negative numbers, far dates, wrong types) is always tried on every form, all fields at once.
"""

import json
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes, urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Auth
from webapp.models import Role
from webapp.request_input import clean_text
from webapp.security import PUBLIC
from webapp.services import access_codes

HOSTILE = [
    "a\x00b\x01\x07\x1b[31m\x7f\ud800c",  # NUL, control characters, a lone surrogate
    "x" * 100_000,
    "99999999999999999999999999",
    "-99999999999999999999",
    "9999-12-31",
    "0001-01-01",
    "<script>alert(1)</script> ../../etc/passwd",
    b"\xff\xfe\xc3\x28",  # invalid UTF-8
]
# Routes that end the session or leave the app: walking them would stop the walk.
NOT_WALKED = {"auth.logout"}
MAX_PAGES = 40
LOGS_OUT = ("/logout", "uitloggen")


class _Forms(HTMLParser):
    """The forms of a page (action, method, fields with their values) and its links."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.links: list[str] = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").upper(),
                "hx": a.get("hx-post"),
                "fields": {},
                "text": set(),
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select", "button"):
            name = a.get("name")
            if not name:
                return
            kind = a.get("type", "text" if tag == "input" else tag)
            if (
                kind in ("checkbox", "radio")
                and "checked" not in a
                and name in self._form["fields"]
            ):
                return
            self._form["fields"].setdefault(name, a.get("value") or "")
            if kind in ("text", "textarea", "search", "tel", "email", "url", "number", "date"):
                self._form["text"].add(name)
            if tag == "select":
                self._select = name

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _encode(fields: dict) -> bytes:
    """A urlencoded body, byte values as they are (invalid UTF-8 stays invalid)."""
    parts = []
    for name, value in fields.items():
        raw = value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass")
        parts.append(quote_from_bytes(name.encode()) + "=" + quote_from_bytes(raw))
    return "&".join(parts).encode()


def _walk(client, start=("/", "/meer", "/medewerker/", "/beheer/")) -> tuple[list[dict], set[str]]:
    """The forms of every page reachable from her home, and the paths seen."""
    seen, queue, forms = set(), list(start), []
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, (path, response.status_code)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        parser = _Forms()
        parser.feed(response.get_data(as_text=True))
        for form in parser.forms:
            form["page"] = path
            form["action"] = form["hx"] or form["action"] or path
            forms.append(form)
        for link in parser.links:
            parts = urlsplit(link)
            if parts.netloc or not parts.path.startswith("/") or parts.path.startswith("/assets"):
                continue
            if any(word in parts.path for word in (".pdf", ".ics", ".csv", "/bestand/")):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return forms, seen


def _endpoint(app, form: dict) -> str | None:
    adapter = app.url_map.bind("localhost")
    try:
        return adapter.match(urlsplit(form["action"]).path, method=form["method"])[0]
    except Exception:
        return None


def _one_per_route(app, forms: list[dict]) -> list[dict]:
    """One form per route and set of fields (her plan shows the same form for every step),
    none that logs her out."""
    kept = {}
    for form in forms:
        if form["action"].rstrip("/").endswith(LOGS_OUT):
            continue
        endpoint = _endpoint(app, form)
        if endpoint is None or endpoint in NOT_WALKED:
            continue
        form["endpoint"] = endpoint
        kept.setdefault((endpoint, form["method"], frozenset(form["fields"])), form)
    return list(kept.values())


def _send(client, form: dict, fields: dict, token: str):
    method = form["method"]
    if method == "GET":
        query = _encode(fields).decode()
        return client.get(f"{urlsplit(form['action']).path}?{query}")
    return client.open(
        form["action"],
        method=method,
        data=_encode({**fields, "csrf_token": token}),
        content_type="application/x-www-form-urlencoded",
        headers={"X-CSRFToken": token},
    )


def _shown_again(value: str) -> str:
    """What of the value a page can show for sure: the part before anything that is not UTF-8
    (a lone surrogate; the server keeps invalid bytes percent-escaped), without the control
    characters it drops."""
    return clean_text(re.split("[\ud800-\udfff]", value)[0]).strip()[:200]


def _check(response, form: dict, name: str | None, value) -> None:
    where = (form["method"], form["action"], name, repr(value)[:60])
    assert response.status_code < 500, (*where, response.status_code)
    if (
        name in form["text"]
        and isinstance(value, str)
        and response.status_code in (400, 422)
        and response.mimetype == "text/html"
        and name not in ("password", "new_password", "current_password", "password2")
    ):
        shown = _shown_again(value)
        if shown and not shown.isspace():
            html = unescape(response.get_data(as_text=True))
            assert shown in html, (*where, "her input is not shown again")


def _token(client, page: str) -> str:
    html = client.get(page).get_data(as_text=True)
    found = re.search(r'"X-CSRFToken": "([^"]+)"', html)
    return found.group(1) if found else ""


hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec=None, categories=["Cc", "Cs", "Co"]), max_size=10),
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
    st.dates(min_value=__import__("datetime").date(1, 1, 1)).map(str),
    st.sampled_from(HOSTILE[:-1]),
    st.binary(max_size=8),
)


# In this order: the medewerker's forms switch accounts off, the beheerder's the medewerker's.
ACCOUNTS = ["sara", "trainster", "medewerker", "beheer"]


COMMON_NAMES = [
    "code", "username", "password", "display_name", "status", "to", "bron", "group_id",
    "children", "start_rung", "lang", "next", "note", "name", "title", "body", "answer",
    "mutation_id", "client_time", "step_uuid", "active",
]  # fmt: skip


def _path(rule) -> str:
    values = {}
    for name in rule.arguments:
        kind = rule._converters[name].__class__.__name__
        values[name] = 1 if "Integer" in kind else "x"
    return rule.build(values, append_unknown=False)[1]


def test_every_form_and_route_survives_hostile_values(app, client, demo):
    """Each role in turn (one demo world for all: it is the slow part)."""
    for username in ACCOUNTS:
        client = app.test_client()
        Auth(client).login(username, "demo-demo")
        forms = _one_per_route(app, _walk(client)[0])
        assert forms, username
        token = _token(client, forms[0]["page"])
        _fixed_values_on_every_field(client, forms, token)
        _drawn_values(client, forms, token)
        walked = {form["endpoint"] for form in forms}
        _routes_without_a_form(app, client, demo[username].role, walked, token)


def test_every_public_form_survives_hostile_values(app, client, medewerker, zuid):
    """Before anyone logs in: the login page and what it links to (the invitation code, the
    new password with a reset code), and the sign-up page of a real invitation. The limits on
    wrong codes and logins (tested in test_limits) would answer most of these with a 429."""
    app.config["CODE_RATE_LIMIT"] = app.config["LOGIN_RATE_LIMIT"] = "1000 per minute"
    invitation = access_codes.create_invitation(
        medewerker, Role.PARTICIPANT, zuid.organisation, zuid
    )
    token = _token(client, "/login")
    # Her language chosen, as the invitation asks first: then its page is the sign-up form.
    client.post("/taal", data={"lang": "nl", "next": "/login", "csrf_token": token})
    forms = _one_per_route(app, _walk(client, ("/login", f"/uitnodiging/{invitation.code}"))[0])
    endpoints = {form["endpoint"] for form in forms}
    assert {"auth.login", "auth.invitation_code", "auth.reset_password"} <= endpoints
    assert "auth.accept_invitation" in endpoints
    _fixed_values_on_every_field(client, forms, token)
    _drawn_values(client, forms, token)
    _routes_without_a_form(app, client, None, endpoints, token)


def _fixed_values_on_every_field(client, forms, token):
    for form in forms:
        names = [n for n in form["fields"] if n != "csrf_token"]
        # Each request gives each field another value; after len(HOSTILE) requests every
        # field has had every value.
        for turn in range(len(HOSTILE)):
            values = {n: HOSTILE[(turn + i) % len(HOSTILE)] for i, n in enumerate(names)}
            fields = {**form["fields"], **values}
            fields.pop("csrf_token", None)
            response = _send(client, form, fields, token)
            for name, value in values.items():
                _check(response, form, name, value)


def _drawn_values(client, forms, token):
    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def each_field(data):
        form = data.draw(st.sampled_from(forms))
        names = [n for n in form["fields"] if n != "csrf_token"] or [None]
        name = data.draw(st.sampled_from(names))
        value = data.draw(hostile_text)
        fields = {k: v for k, v in form["fields"].items() if k != "csrf_token"}
        if name:
            fields[name] = value
        response = _send(client, form, fields, token)
        _check(response, form, name, value)

    each_field()


def _routes_without_a_form(app, client, role, walked, token):
    """The POST routes of the url map her pages have no form for: the same values, under the
    names forms use."""
    for rule in app.url_map.iter_rules():
        allowed = app.view_functions[rule.endpoint].allowed_roles
        if rule.endpoint in NOT_WALKED or rule.endpoint in walked or rule.rule.endswith(LOGS_OUT):
            continue
        if allowed != PUBLIC and (role is None or role not in allowed):
            continue
        for method in sorted((rule.methods or set()) & {"POST", "DELETE", "PUT"}):
            form = {"method": method, "action": _path(rule), "text": set(), "fields": {}}
            fields = {n: HOSTILE[i % len(HOSTILE)] for i, n in enumerate(COMMON_NAMES)}
            response = _send(client, form, fields, token)
            assert response.status_code < 500, (method, rule.rule, response.status_code)


def _json_values():
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=30),
        st.sampled_from(["\ud800", "a\x00b", "x" * 100_000, "https://evil.example.org/x"]),
    )
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=8,
    )


JSON_ENDPOINTS = [
    ("POST", "/push/subscriptions"),
    ("POST", "/push/subscriptions/renew"),
    ("DELETE", "/push/subscriptions"),
]


def test_json_endpoints_survive_hostile_bodies(client, auth, sara):
    auth.login(sara)
    token = auth.token()

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        endpoint=st.sampled_from(JSON_ENDPOINTS),
        body=st.one_of(
            _json_values(),
            st.fixed_dictionaries(
                {
                    "endpoint": _json_values(),
                    "keys": st.one_of(
                        _json_values(),
                        st.fixed_dictionaries({"p256dh": _json_values(), "auth": _json_values()}),
                    ),
                }
            ),
            st.fixed_dictionaries(
                {
                    "oldEndpoint": _json_values(),
                    "oldAuth": _json_values(),
                    "subscription": _json_values(),
                }
            ),
        ),
    )
    def post(endpoint, body):
        method, path = endpoint
        raw = json.dumps(body).encode()
        response = client.open(
            path,
            method=method,
            data=raw,
            content_type="application/json",
            headers={"X-CSRFToken": token, "Accept": "application/json"},
        )
        assert response.status_code < 500, (method, path, response.status_code)
        assert response.mimetype == "application/json"

    post()
    for method, path in JSON_ENDPOINTS:  # not JSON at all, and invalid UTF-8
        for raw in (b"\xff\xfe{", b"{", b"[]" * 50_000):
            response = client.open(
                path, method=method, data=raw, content_type="application/json",
                headers={"X-CSRFToken": token},
            )  # fmt: skip
            assert response.status_code < 500, (method, path, raw[:10])
