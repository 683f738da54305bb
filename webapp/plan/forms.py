from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from webapp.forms import REQUIRED, with_versions
from webapp.services.plan import AREAS, GOALS, LIMITS

TOO_LONG = _l("Dit is te lang. Maximaal %(max)d tekens.")


def area_choices():
    return [SelectChoice(key, label) for key, (label, _rung) in AREAS.items()]


class StepForm(FlaskForm):
    action = StringField(
        _l("Wat ga je doen?"),
        [DataRequired(REQUIRED), Length(max=LIMITS["action"], message=TOO_LONG)],
    )
    area = SelectField(_l("Onderwerp"), choices=area_choices, default="werk")
    moment = DateField(_l("Wanneer? (mag leeg blijven)"), [Optional()])
    helper = StringField(
        _l("Wie helpt je? (mag leeg blijven)"),
        [Length(max=LIMITS["helper"], message=TOO_LONG)],
    )
    if_hard = StringField(
        _l("Als het moeilijk wordt, dan…"), [Length(max=LIMITS["if_hard"], message=TOO_LONG)]
    )


class GoalForm(FlaskForm):
    goal_kind = RadioField(
        _l("Waar werk je naartoe?"),
        choices=lambda: [SelectChoice(k, v) for k, v in GOALS.items()],
        validators=[InputRequired(_l("Kies wat je doel is."))],
    )
    goal_text = StringField(
        _l("Wat precies? (mag leeg blijven)"),
        [Length(max=LIMITS["goal_text"], message=TOO_LONG)],
    )


class ReflectionForm(FlaskForm):
    text = TextAreaField(
        _l("Waar ben je trots op?"), [Length(max=LIMITS["reflection"], message=TOO_LONG)]
    )


@with_versions(action=LIMITS["action"])
class TemplateStepForm(FlaskForm):
    """A step on a group's own list, as staff write it: Dutch, with its language versions."""

    action = StringField(
        _l("Stap"), [DataRequired(REQUIRED), Length(max=LIMITS["action"], message=TOO_LONG)]
    )


class TemplateItemForm(TemplateStepForm):
    """A new step for the list: also its subject."""

    area = SelectField(_l("Onderwerp"), choices=area_choices)
