from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from webapp.forms import REQUIRED, InvitationForm


class GroupForm(FlaskForm):
    name = StringField(_l("Naam van de groep"), [DataRequired(REQUIRED), Length(max=120)])


class TrainerInvitationForm(InvitationForm):
    group = SelectField(_l("Voor welke groep?"), coerce=int)
