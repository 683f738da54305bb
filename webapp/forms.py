"""Form pieces more than one blueprint uses. A blueprint never imports another blueprint: what
two of them share lives here."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length, Optional

from webapp.models.versions import VERSION_LANGUAGES

REQUIRED = _l("Vul dit in.")


class EmptyForm(FlaskForm):
    """Only the CSRF token, for buttons that change something."""


class InvitationForm(FlaskForm):
    """A medewerker's invitation for a participant, or a beheerder's for a medewerker."""

    note = StringField(_l("Voornaam (alleen voor jezelf, mag leeg)"), [Length(max=80)])


LANGUAGE_NAMES = {
    "nl": _l("Nederlands"),
    "ar": _l("Arabisch"),
    "pl": _l("Pools"),
    "tr": _l("Turks"),
    "en": _l("Engels"),
}


def with_versions(**limits: int):
    """Class decorator for a form: next to each Dutch field named (with its length limit), a
    field per other language, `<name>_<lang>` (`title_ar`, …), empty allowed. Templates show
    them with `macros/versions.html` `versioned(form, 'title')`; the view passes
    `versions_from(form, 'title')` to the service, which stores them with
    `services.versions.set_versions`."""

    def decorate(cls):
        for name, limit in limits.items():
            dutch = getattr(cls, name)
            for lang in VERSION_LANGUAGES:
                setattr(
                    cls,
                    f"{name}_{lang}",
                    dutch.field_class(
                        LANGUAGE_NAMES[lang],
                        [Optional(), Length(max=limit)],
                        render_kw={"lang": lang, "dir": "rtl" if lang == "ar" else "ltr"},
                    ),
                )
        cls.versioned = tuple(getattr(cls, "versioned", ())) + tuple(limits)
        return cls

    return decorate


def versions_from(form, name: str) -> dict[str, str]:
    """What was typed in the other languages for field `name`: {lang: text}."""
    return {lang: getattr(form, f"{name}_{lang}").data or "" for lang in VERSION_LANGUAGES}


def fill_versions(form, obj) -> None:
    """Show the stored versions of `obj` in the form's language fields (for editing)."""
    for name in getattr(form, "versioned", ()):
        for lang in VERSION_LANGUAGES:
            field = getattr(form, f"{name}_{lang}", None)
            if field is not None and not field.data:
                field.data = obj.version(name, lang)
