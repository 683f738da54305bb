"""Pages of a long list: a page holds a fixed number of rows, found in one query, so what a page
costs does not grow with her history. Page 1 is the one she needs first (the newest messages,
the soonest meetings)."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam

from webapp.extensions import db

PER_PAGE = 30
# Past this there is nothing of hers; a bound keeps a typed-in number within the database's range.
LAST_PAGE = 10_000


@dataclass(frozen=True)
class Page:
    items: list[Any]
    number: int
    has_next: bool
    per_page: int = PER_PAGE

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def start(self) -> int:
        """The place of its first item in the whole list, counted from 1."""
        return (self.number - 1) * self.per_page + 1


def page_number(value: int | None) -> int:
    """A page number from the address, within 1 … LAST_PAGE (anything else is page 1)."""
    if value is None or value < 1:
        return 1
    return min(value, LAST_PAGE)


def paged(query: Select) -> Select:
    """`query` limited to one page (plus one row, to know whether a next page exists); run it
    with `page_values(…)`. Built once where it is used (see DEVELOPERS.md, "Hot queries")."""
    return query.limit(bindparam("page_limit")).offset(bindparam("page_offset"))


def page_values(number: int, per_page: int = PER_PAGE) -> dict:
    return {"page_limit": per_page + 1, "page_offset": (number - 1) * per_page}


def fetch_page(
    query: Select, values: dict, number: int, per_page: int = PER_PAGE, rows: bool = False
) -> Page:
    """Run a `paged` query for page `number`: rows (tuples) when `rows`, else scalars."""
    number = page_number(number)
    params = {**values, **page_values(number, per_page)}
    result = db.session.execute(query, params)
    found = list(result.all() if rows else result.scalars())
    return Page(found[:per_page], number, len(found) > per_page, per_page)
