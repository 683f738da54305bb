from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, Optional

from webapp.forms import REQUIRED, with_versions

DATE_NEEDED = _l("Kies een datum.")
TIME_NEEDED = _l("Kies een tijd.")


@with_versions(title=120, theme=200, place_notes=1000, what_to_bring=2000)
class MeetingForm(FlaskForm):
    group = SelectField(_l("Groep"), coerce=int)
    title = StringField(_l("Naam van de bijeenkomst"), [DataRequired(REQUIRED), Length(max=120)])
    theme = StringField(_l("Thema (mag leeg)"), [Length(max=200)])
    day = DateField(_l("Datum"), [DataRequired(DATE_NEEDED)])
    start = TimeField(_l("Begintijd"), [DataRequired(TIME_NEEDED)])
    end = TimeField(_l("Eindtijd"), [DataRequired(TIME_NEEDED)])
    place_name = StringField(_l("Plek (bijvoorbeeld: Buurthuis De Vaart)"), [Length(max=120)])
    address = StringField(_l("Adres"), [Length(max=200)])
    place_notes = TextAreaField(
        _l("Hoe vind je de plek? (bijvoorbeeld: de ingang, de verdieping; mag leeg)"),
        [Length(max=1000)],
    )
    what_to_bring = TextAreaField(_l("Wat neemt ze mee? (mag leeg)"), [Length(max=2000)])
    children_welcome = BooleanField(_l("Kinderen mogen mee"))
    childcare_on_site = BooleanField(_l("Er is opvang in de kamer ernaast"))
    led_by = StringField(
        _l("Wie leidt de bijeenkomst? (bijvoorbeeld een peer trainster)"), [Length(max=120)]
    )
    repeat = SelectField(
        _l("Komt terug"),
        choices=[
            SelectChoice("", _l("Eén keer")),
            SelectChoice("weekly", _l("Elke week")),
            SelectChoice(
                "monthly",
                _l("Elke maand (zelfde weekdag, bijvoorbeeld de 2e dinsdag van de maand)"),
            ),
        ],
        default="",
    )
    until = DateField(_l("Tot en met (bij een reeks)"), [Optional()])


class EditMeetingForm(MeetingForm):
    group = None
    repeat = None
    until = None
    whole_series = BooleanField(
        _l("Ook voor de volgende bijeenkomsten van deze reeks (zelfde tijd, plek en tekst)")
    )
