from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from webapp.auth.forms import REQUIRED


class InvitationForm(FlaskForm):
    note = StringField(_l("Voornaam (alleen voor jezelf, mag leeg)"), [Length(max=80)])


class GroupForm(FlaskForm):
    name = StringField(_l("Naam van de groep"), [DataRequired(REQUIRED), Length(max=120)])


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change something."""
