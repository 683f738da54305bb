"""Alembic environment. The database URL comes from the app's configuration, or from a
connection handed over in `config.attributes["connection"]` (the tests do that)."""

from alembic import context

from webapp.models import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    from webapp.database import make_engine

    url = config.attributes.get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        from webapp import create_app

        url = create_app().config["DATABASE_URL"]
    engine = make_engine(url)
    with engine.connect() as conn:
        run_with(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline SQL generation is not used in this project.")
run_migrations_online()
