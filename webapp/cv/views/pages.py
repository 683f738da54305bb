"""Reading her cv: the overview (her progress, the PDF, the sollicitatie-checklist) and the
page of each part."""

from flask import render_template
from flask_login import current_user

from webapp.cv import bp
from webapp.cv.forms import LanguageOfCvForm
from webapp.cv.views.common import part_of, part_page
from webapp.models import Role
from webapp.security import roles
from webapp.services import cv
from webapp.services.cv.choices import OPTIONAL_PARTS


@bp.get("/")
@roles(Role.PARTICIPANT)
def index():
    profile = cv.profile_of(current_user)
    counts = cv.item_counts(current_user)
    filled = cv.filled_parts(profile, counts)
    done, total = cv.progress(filled)
    return render_template(
        "cv/page.html",
        parts=cv.PARTS,
        optional=OPTIONAL_PARTS,
        counts=counts,
        filled=filled,
        done=done,
        total=total,
        language_form=LanguageOfCvForm(formdata=None, language=profile.language),
        checklist=cv.INTERVIEW_CHECKLIST,
        ticked=cv.ticked_items(current_user),
    )


@bp.get("/<slug>")
@roles(Role.PARTICIPANT)
def part(slug: str):
    return part_page(part_of(slug))
