"""Her sollicitatie-checklist: what helps in a job interview, each with a short help text. She
ticks what she is ready for. (The cv's own parts tick themselves: `parts.progress`.)

What it covers follows the project's cv workshops: talking about herself, the question about
her children, her own questions, an open sollicitatie."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import User, utcnow
from webapp.models.cv import CvChecklistTick
from webapp.services import ServiceError
from webapp.services.conflicts import Outcome, apply_changes

# key: (what she can tick, how to do it)
INTERVIEW_CHECKLIST = {
    "about_me": (
        _l("Ik kan in een paar zinnen over mezelf vertellen"),
        _l(
            "Vertel wie je bent, wat je goed kunt en wat je zoekt. Drie zinnen is genoeg. "
            "Oefen het hardop, bijvoorbeeld met iemand uit je groep. Je stukje 'Over mij' helpt."
        ),
    ),
    "children_question": (
        _l("Ik weet wat ik zeg op de vraag: hoe regel je het met je kinderen?"),
        _l(
            "Een werkgever vraagt dit vaak. Vertel rustig hoe je opvang geregeld is. En wie "
            "helpt als je kind ziek is. Je noodplan helpt je daarbij."
        ),
    ),
    "own_questions": (
        _l("Ik heb zelf een paar vragen voor de werkgever"),
        _l(
            "Bijvoorbeeld: Hoe ziet een gewone werkdag eruit? Met wie werk ik samen? "
            "Wanneer hoor ik of ik de baan krijg? Vragen stellen laat zien dat je het wil."
        ),
    ),
    "open_application": (
        _l("Ik weet wat een open sollicitatie is"),
        _l(
            "Je stuurt een bericht naar een bedrijf, ook als er geen vacature is. Je schrijft "
            "waarom je daar graag wil werken. Je cv stuur je mee."
        ),
    ),
}
ALL_ITEMS = frozenset(INTERVIEW_CHECKLIST)


def ticked_items(user: User) -> set[str]:
    return set(
        db.session.scalars(
            select(CvChecklistTick.item).where(
                CvChecklistTick.user_id == user.id,
                CvChecklistTick.done.is_(True),
                CvChecklistTick.item.in_(ALL_ITEMS),
            )
        )
    )


def set_item(user: User, item: str, done: bool, at: datetime | None = None) -> Outcome:
    """Mark an item ready or not ready. Absolute, so sending it twice changes nothing; of two
    changes from her phones, the one she made last stays (`services.conflicts`)."""
    if item not in ALL_ITEMS:
        raise ServiceError(_l("Dit onderdeel kennen we niet."))
    tick = db.session.scalar(
        select(CvChecklistTick).where(
            CvChecklistTick.user_id == user.id, CvChecklistTick.item == item
        )
    ) or CvChecklistTick(user_id=user.id, item=item)
    outcome = apply_changes(tick, {"done": bool(done)}, at)
    if outcome.applied:
        tick.done_at = utcnow()
        db.session.add(tick)
    db.session.commit()
    return outcome
