"""The short forms of her cv, one per part. The rules (limits, simple dates) are checked by the
service (`services/cv/choices.py`); `data-limit` lets the phone count what is left as she
types, without cutting off what she pastes."""

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice

from webapp.services.cv.choices import (
    ALL_DAY_PARTS,
    CV_LANGUAGES,
    EDUCATION_STATES,
    EXPERIENCE_KINDS,
    IDW_STATES,
    LANGUAGE_CODES,
    LANGUAGE_LEVELS,
    language_name,
)


def _limit(n: int) -> dict:
    return {"data-limit": n}


def _choices(mapping):
    return lambda: [SelectChoice(k, v) for k, v in mapping.items()]


class ContactForm(FlaskForm):
    name = StringField(_l("Je naam"), render_kw={**_limit(80), "autocomplete": "name"})
    town = StringField(
        _l("Je woonplaats"), render_kw={**_limit(60), "autocomplete": "address-level2"}
    )
    phone = StringField(
        _l("Je telefoonnummer"),
        render_kw={**_limit(30), "autocomplete": "tel", "inputmode": "tel", "type": "tel"},
    )
    email = StringField(
        _l("Je e-mailadres"),
        render_kw={**_limit(120), "autocomplete": "email", "inputmode": "email", "type": "email"},
    )
    show_town = BooleanField(_l("Woonplaats op mijn cv"))
    show_phone = BooleanField(_l("Telefoonnummer op mijn cv"))
    show_email = BooleanField(_l("E-mailadres op mijn cv"))


class ProfileForm(FlaskForm):
    profile = TextAreaField(_l("Over mij"), render_kw={**_limit(600), "rows": 6})


class WishForm(FlaskForm):
    wish_work = StringField(_l("Wat voor werk zoek je?"), render_kw=_limit(120))
    wish_hours = StringField(_l("Hoeveel uur per week?"), render_kw=_limit(60))
    wish_from = StringField(_l("Vanaf wanneer?"), render_kw=_limit(60))


class AvailabilityForm(FlaskForm):
    days = SelectMultipleField(
        _l("Wanneer kun je werken?"),
        choices=[SelectChoice(k, k) for k in sorted(ALL_DAY_PARTS)],
        validate_choice=False,
    )
    childcare_from = StringField(_l("Mijn kinderopvang is geregeld vanaf"), render_kw=_limit(60))
    availability_note = StringField(
        _l("Iets anders over wanneer je kunt werken"), render_kw=_limit(200)
    )


class ExperienceForm(FlaskForm):
    kind = RadioField(
        _l("Wat voor werk was het?"), choices=_choices(EXPERIENCE_KINDS), default="work"
    )
    title = StringField(_l("Wat deed je?"), render_kw=_limit(80))
    place = StringField(_l("Waar? Naam van het bedrijf of de organisatie"), render_kw=_limit(80))
    country = StringField(_l("In welk land of welke stad?"), render_kw=_limit(60))
    period = StringField(_l("Wanneer?"), render_kw=_limit(40))
    details = TextAreaField(
        _l("Wat deed je daar? (mag leeg blijven)"), render_kw={**_limit(400), "rows": 3}
    )


class EducationForm(FlaskForm):
    kind = RadioField(
        _l("Hoe ver ben je gekomen?"), choices=_choices(EDUCATION_STATES), default="done"
    )
    title = StringField(_l("Welke opleiding of cursus?"), render_kw=_limit(100))
    place = StringField(_l("Welke school?"), render_kw=_limit(80))
    country = StringField(_l("In welk land of welke stad?"), render_kw=_limit(60))
    period = StringField(_l("Wanneer?"), render_kw=_limit(40))
    abroad = BooleanField(_l("Ik heb dit diploma in een ander land gehaald"))
    valued = SelectField(_l("Laten waarderen bij IDW"), choices=_choices(IDW_STATES))
    details = TextAreaField(
        _l("Iets erover (mag leeg blijven)"), render_kw={**_limit(300), "rows": 2}
    )


class SkillForm(FlaskForm):
    title = StringField(_l("Wat kun je nog meer goed?"), render_kw=_limit(60))


def _language_choices():
    lang = str(get_locale() or "nl")
    names = sorted(((language_name(c, lang), c) for c in LANGUAGE_CODES), key=lambda x: x[0])
    return [SelectChoice("", _l("Een andere taal")), *(SelectChoice(c, n) for n, c in names)]


def _level_choices():
    return [SelectChoice(k, f"{label} ({cefr})") for k, (label, cefr) in LANGUAGE_LEVELS.items()]


class LanguageForm(FlaskForm):
    key = SelectField(_l("Welke taal?"), choices=_language_choices, validate_choice=False)
    title = StringField(_l("Een andere taal: welke?"), render_kw=_limit(40))
    kind = RadioField(_l("Hoe goed spreek je deze taal?"), choices=_level_choices)


class CertificateForm(FlaskForm):
    title = StringField(_l("Welk certificaat?"), render_kw=_limit(100))
    place = StringField(_l("Van wie? (mag leeg blijven)"), render_kw=_limit(80))
    period = StringField(_l("Wanneer?"), render_kw=_limit(40))


class LanguageOfCvForm(FlaskForm):
    language = SelectField(
        _l("In welke taal is je cv?"),
        choices=lambda: [SelectChoice(c, language_name(c, c)) for c in CV_LANGUAGES],
    )


ITEM_FORMS = {
    "experience": ExperienceForm,
    "education": EducationForm,
    "skills": SkillForm,
    "languages": LanguageForm,
    "certificates": CertificateForm,
}
PART_FORMS = {
    "contact": ContactForm,
    "profile": ProfileForm,
    "wish": WishForm,
    "availability": AvailabilityForm,
}
