from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from webapp.forms import with_versions
from webapp.services.reminders import MAX_MESSAGE

HOURS = [SelectChoice(h * 60, f"{h:02d}:00") for h in range(24)]


class SettingsForm(FlaskForm):
    push_enabled = BooleanField(_l("Meldingen op mijn telefoon"))
    quiet_start = SelectField(_l("Stil vanaf"), choices=HOURS, coerce=int, default=21 * 60)
    quiet_end = SelectField(_l("Stil tot"), choices=HOURS, coerce=int, default=8 * 60)
    lock_screen = RadioField(
        _l("Wat ziet iemand die je telefoon pakt?"),
        choices=[
            SelectChoice("neutral", _l("Alleen de zin: 'Je hebt een nieuw bericht van Elke Stap'")),
            SelectChoice(
                "details", _l("Waar het over gaat (bijvoorbeeld de naam van de bijeenkomst)")
            ),
        ],
        default="neutral",
    )


@with_versions(body=MAX_MESSAGE)
class MessageForm(FlaskForm):
    audience = SelectField(_l("Aan wie?"), validate_choice=False)
    body = TextAreaField(
        _l("Je bericht (Nederlands)"),
        [DataRequired(_l("Schrijf eerst je bericht.")), Length(max=MAX_MESSAGE)],
    )
