from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import Length

from webapp.forms import LANGUAGE_NAMES, with_versions
from webapp.services import plan as plans
from webapp.services.materials import LIMITS


def area_choices() -> list[SelectChoice]:
    return [SelectChoice(key, label) for key, (label, _rung) in plans.AREAS.items()]


def language_choices() -> list[SelectChoice]:
    return [SelectChoice("", _l("Geen taal (bijvoorbeeld een foto)"))] + [
        SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()
    ]


@with_versions(**LIMITS)
class MaterialForm(FlaskForm):
    title = StringField(_l("Titel (mag leeg)"), [Length(max=LIMITS["title"])])
    body = TextAreaField(_l("Tekst (mag leeg)"), [Length(max=LIMITS["body"])])
    file = FileField(_l("Bestand: foto, PDF of geluid (mag leeg)"))
    language = SelectField(_l("Taal van het bestand"), choices=language_choices, default="")


@with_versions(**LIMITS)
class EditMaterialForm(FlaskForm):
    title = StringField(_l("Titel (mag leeg)"), [Length(max=LIMITS["title"])])
    body = TextAreaField(_l("Tekst (mag leeg)"), [Length(max=LIMITS["body"])])


class FileForm(FlaskForm):
    file = FileField(_l("Bestand: foto, PDF of geluid"))
    language = SelectField(_l("Taal van het bestand"), choices=language_choices, default="")


@with_versions(report=4000, homework=200)
class RecapForm(FlaskForm):
    report = TextAreaField(_l("Wat we deden: een kort verslag (mag leeg)"), [Length(max=4000)])
    homework = StringField(
        _l("Huiswerk: één zin, wat doen ze voor de volgende keer? (mag leeg)"), [Length(max=200)]
    )
    homework_area = SelectField(
        _l("Bij welk onderwerp van het plan past het huiswerk?"),
        choices=area_choices,
        default="netwerk",
    )


class ReflectionForm(FlaskForm):
    went_well = TextAreaField(_l("Wat ging goed?"), [Length(max=500)])
    was_hard = TextAreaField(_l("Wat was moeilijk?"), [Length(max=500)])
    next_step = StringField(_l("Wat is mijn volgende stap?"), [Length(max=200)])
    proud_of = TextAreaField(_l("Waar ben ik trots op?"), [Length(max=500)])


class EmptyForm(FlaskForm):
    """Only the CSRF token, for buttons that change something."""
