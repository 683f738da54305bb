from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from webapp.forms import REQUIRED


class LoginForm(FlaskForm):
    username = StringField(_l("Je naam om in te loggen"), [DataRequired(REQUIRED), Length(max=40)])
    password = PasswordField(_l("Wachtwoord"), [DataRequired(REQUIRED), Length(max=128)])
    shared = BooleanField(_l("Ik deel deze telefoon met iemand anders"))
    next = HiddenField()


class CodeForm(FlaskForm):
    code = StringField(_l("Code"), [DataRequired(REQUIRED), Length(max=20)])


class SignupForm(FlaskForm):
    display_name = StringField(
        _l("Hoe mogen we je noemen?"), [DataRequired(REQUIRED), Length(max=80)]
    )
    username = StringField(_l("Kies een naam om in te loggen"), [DataRequired(REQUIRED)])
    password = PasswordField(_l("Kies een wachtwoord"), [DataRequired(REQUIRED)])


class ResetForm(FlaskForm):
    username = StringField(_l("Je naam om in te loggen"), [DataRequired(REQUIRED), Length(max=40)])
    code = StringField(
        _l("Code van je projectmedewerker"), [DataRequired(REQUIRED), Length(max=20)]
    )
    password = PasswordField(_l("Nieuw wachtwoord"), [DataRequired(REQUIRED)])


class LanguageForm(FlaskForm):
    lang = HiddenField()
    next = HiddenField()
