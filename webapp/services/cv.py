"""The cv-checklist. The items are the shipped content (translated); her ticks are her own.

What goes in follows how the project coached mothers without a recent cv: work abroad and
volunteering count, an unfinished course counts, a foreign diploma can be valued.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from webapp.extensions import db
from webapp.models import User
from webapp.models.cv import CvChecklistTick
from webapp.services import ServiceError

CV_CHECKLIST = {
    "cv": (
        _l("Je cv"),
        {
            "contact": _l("Je naam, telefoonnummer en e-mailadres"),
            "profile": _l("Een korte zin over wie je bent en wat je goed kunt"),
            "wish": _l("Welk werk je zoekt, en hoeveel uur"),
            "experience": _l("Werk dat je deed, ook in een ander land"),
            "volunteering": _l("Vrijwilligerswerk en mantelzorg: dat telt ook"),
            "education": _l("Opleidingen, ook als je die niet hebt afgemaakt"),
            "diploma_abroad": _l("Diploma uit een ander land? Dat kun je laten waarderen bij IDW"),
            "skills": _l("Wat je goed kunt: je vaardigheden en talenten"),
            "languages": _l("Je talen, en hoe goed je ze spreekt"),
            "certificates": _l("Certificaten, zoals een taalcertificaat of een cursus"),
            "availability": _l("Wanneer je kunt werken, en hoe je opvang geregeld is"),
        },
    ),
    "interview": (
        _l("Je sollicitatiegesprek"),
        {
            "about_me": _l("Ik kan in een paar zinnen over mezelf vertellen"),
            "children_question": _l(
                "Ik weet wat ik zeg op de vraag: hoe regel je het met je kinderen?"
            ),
            "own_questions": _l("Ik heb zelf een paar vragen voor de werkgever"),
            "open_application": _l("Ik weet wat een open sollicitatie is"),
        },
    ),
}
# What she may leave out: an employer does not need to know these.
LEAVE_OUT = (
    _l("Dat je een bijstandsuitkering hebt."),
    _l("Je gezondheid, of een ziekte."),
    _l("Schulden of geldzorgen."),
    _l("Je geloof, je burgerlijke staat of je BSN."),
)
ALL_ITEMS = {key for _title, items in CV_CHECKLIST.values() for key in items}


def ticked_items(user: User) -> set[str]:
    return set(
        db.session.scalars(select(CvChecklistTick.item).where(CvChecklistTick.user_id == user.id))
    )


def set_item(user: User, item: str, done: bool) -> bool:
    """Mark an item ready or not ready. Absolute, so sending it twice changes nothing."""
    if item not in ALL_ITEMS:
        raise ServiceError(_l("Dit onderdeel kennen we niet."))
    if done and item not in ticked_items(user):
        db.session.add(CvChecklistTick(user_id=user.id, item=item))
    if not done:
        db.session.execute(
            delete(CvChecklistTick).where(
                CvChecklistTick.user_id == user.id, CvChecklistTick.item == item
            )
        )
    db.session.commit()
    return done


def progress(user: User) -> tuple[int, int]:
    return len(ticked_items(user) & ALL_ITEMS), len(ALL_ITEMS)
