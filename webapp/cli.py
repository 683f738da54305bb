"""Command-line tools: `flask db …`, `flask demo load`, `flask translate …`, `flask backup`,
`flask restore`, `flask prune`."""

import json
import os
import subprocess
import sys
from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from flask import Flask, current_app
from flask.cli import AppGroup

from webapp import catalogs
from webapp.extensions import db

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

db_cli = AppGroup("db", help="Database migrations (Alembic).")
demo_cli = AppGroup("demo", help="Demo data for trying the app. Never in production.")
translate_cli = AppGroup("translate", help="Translations: extract, update, compile.")


def alembic_config() -> Config:
    config = Config(os.path.join(ROOT, "alembic.ini"))
    config.attributes["url"] = current_app.config["DATABASE_URL"]
    return config


@db_cli.command("upgrade")
@click.argument("revision", default="heads")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: every head, so feature branches all apply)."""
    command.upgrade(alembic_config(), revision)


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    command.downgrade(alembic_config(), revision)


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
@click.option("--head", default="head", help="The revision to build on (with several heads).")
def db_revision(message: str, head: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    command.revision(
        alembic_config(), message=message, autogenerate=True, head=head, splice=head != "head"
    )


@demo_cli.command("load")
def demo_load() -> None:
    """Load the demo organisation, group and accounts (password: demo-demo)."""
    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("Demo data is never loaded in production.")
    from webapp.services.demo import load_demo

    created = load_demo()
    click.echo(f"demo data ready ({created} new accounts)")


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


POT = "translations/messages.pot"


def catalog_directory() -> Path:
    """The catalogs the app reads (Flask-Babel's directory): the ones these commands keep."""
    return Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])


def extract_arguments(output: str) -> list[str]:
    """pybabel's arguments to collect every text of the code into `output`."""
    return ["extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "--no-location",
            "--sort-output", "-o", output, "."]  # fmt: skip


@translate_cli.command("extract")
def translate_extract() -> None:
    """Collect every text from the code into translations/messages.pot."""
    _pybabel(*extract_arguments(str(catalog_directory() / "messages.pot")))


@translate_cli.command("update")
def translate_update() -> None:
    """Extract, then merge new texts into every language's catalog."""
    translate_extract.callback()
    directory = catalog_directory()
    _pybabel("update", "-i", str(directory / "messages.pot"), "-d", str(directory),
             "--no-fuzzy-matching", "--ignore-obsolete")  # fmt: skip
    for lang in catalogs.languages(directory):
        catalogs.normalise(lang, directory)
    for lang in catalogs.languages(directory):
        count = len(catalogs.missing(lang, directory))
        if count:
            click.echo(f"{lang}: {count} texts still to translate (flask translate todo {lang})")


@translate_cli.command("compile")
def translate_compile() -> None:
    _pybabel("compile", "-d", str(catalog_directory()), "--statistics")


@translate_cli.command("init")
@click.argument("lang")
def translate_init(lang: str) -> None:
    """Start a catalog for a new language (check its Plural-Forms header by hand)."""
    directory = catalog_directory()
    _pybabel("init", "-i", str(directory / "messages.pot"), "-d", str(directory), "-l", lang)
    catalogs.normalise(lang, directory)


@translate_cli.command("todo")
@click.argument("lang")
def translate_todo(lang: str) -> None:
    """Print the texts LANG still lacks, as JSON to fill in and give to `translate apply`."""
    click.echo(catalogs.dump_missing(lang, catalog_directory()))


@translate_cli.command("apply")
@click.argument("lang")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def translate_apply(lang: str, path: str) -> None:
    """Write the translations in PATH (JSON from `translate todo`, filled in) into LANG."""
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)
    click.echo(f"{lang}: {catalogs.apply(lang, entries, catalog_directory())} texts written")


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False))
def backup_command(target: str) -> None:
    """Copy the whole database to TARGET (while the app runs)."""
    from webapp import backup

    backup.backup(current_app.config["DATABASE_URL"], target)
    click.echo(f"Backed up to {target}")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Replace the database without asking.")
def restore_command(source: str, yes: bool) -> None:
    """Replace the whole database with the backup SOURCE."""
    from webapp import backup

    if not yes:
        click.confirm("This replaces everything in the database. Go on?", abort=True)
    db.session.remove()
    db.engine.dispose()  # no connection of ours holds the old data while it is replaced
    backup.restore(current_app.config["DATABASE_URL"], source)
    click.echo(f"Restored from {source}")


@click.command("prune")
def prune_command() -> None:
    """Delete logs older than their retention period (run daily from cron)."""
    from webapp.services import retention

    pruned = retention.prune()
    for table, days in retention.RETENTION_DAYS.items():
        click.echo(f"{table}: {getattr(pruned, table)} deleted (kept {days} days)")


def init_app(app: Flask) -> None:
    app.cli.add_command(prune_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(db_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(translate_cli)
