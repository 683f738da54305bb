from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from webapp.services.childcare import KINDS, STATUSES, TEXT_MAX, WAITING_FOR


class ChildForm(FlaskForm):
    nickname = StringField(_l("Roepnaam"))
    birth_year = IntegerField(_l("Geboortejaar"), [Optional()], render_kw={"inputmode": "numeric"})


class KindForm(FlaskForm):
    kind = SelectField(_l("Soort opvang"), choices=[SelectChoice(k, v) for k, v in KINDS.items()])


class StatusForm(FlaskForm):
    status = SelectField(
        _l("Waar sta je nu?"), choices=[SelectChoice(k, v) for k, v in STATUSES.items()]
    )
    waiting_for = SelectField(
        _l("Waar wacht je op?"),
        choices=[SelectChoice("", "—"), *(SelectChoice(k, v) for k, v in WAITING_FOR.items())],
        validate_choice=False,
    )
    provider = StringField(_l("Naam van de opvang (mag leeg)"))
    next_action = StringField(_l("Je volgende actie (mag leeg)"))
    next_action_on = DateField(_l("Wanneer?"), [Optional()])


class CalamityForm(FlaskForm):
    # maxlength: the phone stops her at the limit, instead of a message after saving.
    sick_child = TextAreaField(
        _l("Mijn kind is ziek. Wie helpt?"), render_kw={"maxlength": TEXT_MAX}
    )
    school_holidays = TextAreaField(
        _l("Schoolvakantie. Wie past op?"), render_kw={"maxlength": TEXT_MAX}
    )
    study_days = TextAreaField(
        _l("Studiedag van school. Wie past op?"), render_kw={"maxlength": TEXT_MAX}
    )
