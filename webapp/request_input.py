"""What a request brings in is made into text the database and the page can hold, once, here.

Control characters (NUL and the other C0/C1 codes, except tab and line breaks) and lone UTF-16
surrogates cannot be typed on a phone; they come from a broken paste or an attacker. PostgreSQL
refuses NUL in text and a page cannot be encoded with a lone surrogate, so they would be a 500
in whatever service receives them. They are dropped from form fields, query strings and JSON
before any view reads them; the rest of what she sent stays as it was (invalid UTF-8 has already
become U+FFFD by then).

Whole numbers are bounded the same way: an id or a count larger than the database's integer is
never one of ours, so a URL's `<int:...>` does not match it (404) and `request.form.get(name,
type=int)` gives the default, as for any other text that is not a number. What a number means
(a year, a number of children) is checked where it is read.
"""

import re
from functools import cached_property

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter

LARGEST_INT = 2**31 - 1  # PostgreSQL's integer

_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value: str) -> str:
    return _UNWANTED.sub("", value) if _UNWANTED.search(value) else value


class Values(ImmutableMultiDict):
    """Form fields and query values: `get(name, type=int)` keeps to the database's integers."""

    def get(self, key, default=None, type=None):  # noqa: A002  (werkzeug's own name)
        value = super().get(key, default, type)
        if type is int and isinstance(value, int) and not -LARGEST_INT <= value <= LARGEST_INT:
            return default
        return value


def _clean_multidict(values: ImmutableMultiDict) -> Values:
    return Values([(clean_text(k), clean_text(v)) for k, v in values.items(multi=True)])


class BoundedIntegerConverter(IntegerConverter):
    """`<int:...>` in a URL: no larger than an id the database can hold."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002
        kwargs.setdefault("max", LARGEST_INT)
        super().__init__(map, *args, **kwargs)


def _clean_json(value):
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean_json(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): _clean_json(v) for k, v in value.items()}
    return value


class CleanRequest(Request):
    def _load_form_data(self) -> None:
        super()._load_form_data()
        self.__dict__["form"] = _clean_multidict(self.__dict__["form"])

    @cached_property
    def args(self) -> ImmutableMultiDict:
        return _clean_multidict(super().args)

    def get_json(self, force=False, silent=False, cache=True):
        return _clean_json(super().get_json(force=force, silent=silent, cache=cache))
