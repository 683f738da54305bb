"""The parts of her cv that are one per cv: contact, a short profile, the work she seeks, her
availability, and the language the cv is in. Also her progress: a part she filled ticks itself.

Changes may arrive late from her phone: `at` is the phone time, and the one conflict rule
(`services.conflicts`) keeps, per field, the change she made last."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, select

from webapp.extensions import db
from webapp.models import User
from webapp.models.cv import CvItem, CvProfile
from webapp.services import ServiceError
from webapp.services.conflicts import Outcome, apply_changes
from webapp.services.cv.choices import (
    ALL_DAY_PARTS,
    CHILDCARE_FROM,
    CV_LANGUAGES,
    LIST_PARTS,
    OPTIONAL_PARTS,
    PARTS,
    WISH_FROM,
    clean_email,
    clean_phone,
    clean_text,
)

_HER_PROFILE = select(CvProfile).where(CvProfile.user_id == bindparam("user_id"))


def profile_of(user: User) -> CvProfile:
    """Her cv's one-per-cv parts; a new, unsaved one (with her name) when she has none yet."""
    profile = db.session.scalar(_HER_PROFILE, {"user_id": user.id})
    if profile is None:
        profile = CvProfile(
            user_id=user.id,
            name=user.display_name or "",
            town="",
            phone="",
            email="",
            show_town=True,
            show_phone=True,
            show_email=True,
            profile="",
            wish_work="",
            wish_hours="",
            wish_from="",
            days=[],
            childcare_from="",
            availability_note="",
            language="nl",
            field_times={},
        )
    return profile


def _save(user: User, values: dict, at: datetime | None) -> Outcome:
    profile = profile_of(user)
    outcome = apply_changes(profile, values, at)
    db.session.add(profile)
    db.session.commit()
    return outcome


def save_contact(
    user: User,
    name: str,
    town: str,
    phone: str,
    email: str,
    show_town: bool,
    show_phone: bool,
    show_email: bool,
    at: datetime | None = None,
) -> Outcome:
    """Her details, and which of them the cv shows. Her name is the cv's title."""
    values = {
        "name": clean_text(name, "name", 80, required=True),
        "town": clean_text(town, "town", 60),
        "phone": clean_phone(phone),
        "email": clean_email(email),
        "show_town": bool(show_town),
        "show_phone": bool(show_phone),
        "show_email": bool(show_email),
    }
    return _save(user, values, at)


def save_profile(user: User, text: str, at: datetime | None = None) -> Outcome:
    return _save(user, {"profile": clean_text(text, "profile", 600)}, at)


def save_wish(
    user: User, work: str, hours: str, start: str, today: date, at: datetime | None = None
) -> Outcome:
    values = {
        "wish_work": clean_text(work, "wish_work", 120),
        "wish_hours": clean_text(hours, "wish_hours", 60),
        "wish_from": WISH_FROM.clean(start, today),
    }
    return _save(user, values, at)


def save_availability(
    user: User,
    days: list[str],
    childcare_from: str,
    note: str,
    today: date,
    at: datetime | None = None,
) -> Outcome:
    """The day parts she can work (all of them at once: absolute), and from when her
    childcare is arranged."""
    chosen = set(days or ())
    if not chosen <= ALL_DAY_PARTS:
        raise ServiceError(_l("Kies dagdelen uit de lijst."), "days")
    values = {
        "days": sorted(chosen),
        "childcare_from": CHILDCARE_FROM.clean(childcare_from, today),
        "availability_note": clean_text(note, "availability_note", 200),
    }
    return _save(user, values, at)


def set_language(user: User, lang: str, at: datetime | None = None) -> Outcome:
    """The language of the cv's headings and fixed words (Dutch unless she chooses)."""
    if lang not in CV_LANGUAGES:
        raise ServiceError(_l("Kies een taal uit de lijst."), "language")
    return _save(user, {"language": lang}, at)


# ---------------------------------------------------------------------------- progress

_ITEM_COUNTS = (
    select(CvItem.part, func.count(CvItem.id))
    .where(CvItem.user_id == bindparam("user_id"))
    .group_by(CvItem.part)
)


def item_counts(user: User) -> dict[str, int]:
    return dict(db.session.execute(_ITEM_COUNTS, {"user_id": user.id}).all())


def filled_parts(profile: CvProfile, counts: dict[str, int]) -> set[str]:
    """The parts with something in them: what she sees ticked, and what the PDF has."""
    filled = {part for part in LIST_PARTS if counts.get(part)}
    if profile.name and (profile.phone or profile.email):
        filled.add("contact")
    if profile.profile:
        filled.add("profile")
    if profile.wish_work:
        filled.add("wish")
    if profile.days or profile.childcare_from or profile.availability_note:
        filled.add("availability")
    return filled


def progress(filled: set[str]) -> tuple[int, int]:
    """How many of the parts every cv has she filled (certificates and availability may stay
    empty, so they do not count)."""
    core = [p for p in PARTS if p not in OPTIONAL_PARTS]
    return len(filled & set(core)), len(core)
