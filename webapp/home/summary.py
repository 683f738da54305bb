"""What her home screen shows. Features register a provider for their card (the next meeting,
the next step), so the home page needs no knowledge of their models."""

from collections.abc import Callable

from webapp.models import User

# name -> function(user) returning a dict for the card template, or None when empty.
HOME_CARDS: dict[str, Callable[[User], dict | None]] = {}


def register_home_card(name: str, provider: Callable[[User], dict | None]) -> None:
    HOME_CARDS[name] = provider


def home_summary(user: User) -> dict[str, dict | None]:
    return {name: provider(user) for name, provider in HOME_CARDS.items()}
