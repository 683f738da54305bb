"""What the cv's views share: finding a part by its address, and the page of one part."""

from babel.dates import get_day_names
from flask import abort, render_template
from flask_babel import get_locale
from flask_login import current_user

from webapp.cv.forms import ITEM_FORMS, PART_FORMS
from webapp.services import cv
from webapp.services.cv.choices import (
    DAY_PARTS,
    DAYS,
    EDUCATION_STATES,
    EXPERIENCE_KINDS,
    IDW_STATES,
    LANGUAGE_LEVELS,
    LEAVE_OUT,
    PARTS,
    SKILL_SUGGESTIONS,
    language_name,
)
from webapp.services.cv.document import own


def part_of(slug: str) -> str:
    key = cv.SLUGS.get(slug)
    if key is None:
        abort(404)
    return key


def slug_of(key: str) -> str:
    return PARTS[key][1]


def _next_part(key: str) -> str | None:
    keys = list(PARTS)
    index = keys.index(key)
    return keys[index + 1] if index + 1 < len(keys) else None


def list_context(user, key: str, edit=None) -> dict:
    """One list of hers with a form to change each item (the one she just sent, with her
    input and its mistake, in place of its own)."""
    items = cv.items_of(user, key)
    forms = {}
    for item in items:
        if edit is not None and edit._prefix == f"{item.uuid}-":
            forms[item.uuid] = edit
        else:
            forms[item.uuid] = ITEM_FORMS[key](formdata=None, obj=item, prefix=item.uuid)
    return {
        "part": key,
        "items": items,
        "edit_forms": forms,
        "max_items": cv.MAX_ITEMS[key],
        "suggestions_all": SKILL_SUGGESTIONS,
        "levels": LANGUAGE_LEVELS,
        "experience_kinds": EXPERIENCE_KINDS,
        "education_states": EDUCATION_STATES,
        "idw_states": IDW_STATES,
        "language_name": language_name,
        "own": own,  # her words with their direction (a comma in her script between them)
    }


def part_page(key: str, form=None, edit=None, status: int = 200):
    profile = cv.profile_of(current_user)
    context = {
        "part": key,
        "slug": slug_of(key),
        "title": PARTS[key][0],
        "tip": LEAVE_OUT.get(key),
        "next_part": _next_part(key),
        "parts": PARTS,
        "profile": profile,
    }
    if key in cv.LIST_PARTS:
        context.update(list_context(current_user, key, edit))
        context["form"] = form or ITEM_FORMS[key](formdata=None)
        if key == "skills":
            context["suggestions"] = SKILL_SUGGESTIONS
            context["taken"] = {i.key for i in context["items"] if i.key}
    else:
        context["form"] = form or PART_FORMS[key](formdata=None, obj=profile)
        context["days"] = DAYS
        context["day_parts"] = DAY_PARTS
        names = get_day_names("wide", locale=str(get_locale() or "nl"))
        context["day_names"] = [names[i] for i in range(7)]
    return render_template("cv/part.html", **context), status
