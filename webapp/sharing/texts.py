"""The words of each part, in whole sentences (a part's name alone does not translate well
inside a sentence)."""

from flask_babel import lazy_gettext as _l

STAFF_TITLES = {
    "plan": _l("Het plan van %(name)s"),
    "cv": _l("Het cv van %(name)s"),
    "kinderopvang": _l("De kinderopvang van %(name)s"),
    "noodplan": _l("Het noodplan van %(name)s"),
}
LOOKED = {
    "plan": _l("%(name)s keek op %(date)s om %(time)s naar je plan"),
    "cv": _l("%(name)s keek op %(date)s om %(time)s naar je cv"),
    "kinderopvang": _l("%(name)s keek op %(date)s om %(time)s naar je kinderopvang"),
    "noodplan": _l("%(name)s keek op %(date)s om %(time)s naar je noodplan"),
}
# A reader's links to the parts a participant shares with her.
STAFF_LINKS = {
    "plan": _l("Plan"),
    "cv": _l("Cv"),
    "kinderopvang": _l("Kinderopvang"),
    "noodplan": _l("Noodplan"),
}
