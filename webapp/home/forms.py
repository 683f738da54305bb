from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from webapp.forms import REQUIRED


class NameForm(FlaskForm):
    display_name = StringField(
        _l("Hoe mogen we je noemen?"), [DataRequired(REQUIRED), Length(max=80)]
    )


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Je huidige wachtwoord"), [DataRequired(REQUIRED)])
    password = PasswordField(_l("Nieuw wachtwoord"), [DataRequired(REQUIRED)])
