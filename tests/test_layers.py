"""The import contracts (pyproject.toml, run by `make test` as `lint-imports`) name every
blueprint: one added to the app but not to the contracts would go unchecked."""

import tomllib
from pathlib import Path

from scripts.import_rules import names_used
from webapp import BLUEPRINTS

ROOT = Path(__file__).resolve().parents[1]
ENGINES = {"webapp.offline"}  # used by every blueprint, as webapp.assets is; not a feature


def contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_every_blueprint_is_in_the_contracts():
    packages = {target.split(":")[0] for target in BLUEPRINTS} - ENGINES
    for contract in contracts().values():
        if contract["type"] == "independence":
            assert packages == set(contract["modules"]), contract["name"]
        if contract["type"] == "forbidden" and "webapp.services" in contract["source_modules"]:
            forbidden = set(contract["forbidden_modules"])
            if forbidden & packages:
                assert packages <= forbidden, contract["name"]


REQUEST_NAMES = {"flask.request", "flask.g", "flask.session", "flask_login.current_user"}
# Set up for the whole app, imported by the services for `db` and `LANGUAGES`; the request
# parts in them (the rate-limit key, the locale selector) run only inside a request, and the
# database reads `g` only to tell one app context from another.
SHARED_SETUP = {"webapp.extensions", "webapp.i18n", "webapp.database"}


def test_every_module_that_reads_the_request_is_forbidden_to_services():
    """A new module beside the blueprints that reads the request joins the services' list."""
    contract = contracts()[
        "Services and models import no blueprint and nothing that serves a request"
    ]
    forbidden = set(contract["forbidden_modules"])
    for path in sorted((ROOT / "webapp").glob("*.py")):
        module = f"webapp.{path.stem}"
        if path.stem == "__init__" or module in SHARED_SETUP:
            continue
        if names_used(module, REQUEST_NAMES):
            assert module in forbidden, module
