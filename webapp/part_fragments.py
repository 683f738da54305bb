"""The one read-only fragment of each part she can share: the staff view, her preview of it
and her readable export all render a part through `render_part`, so they show the same HTML."""

from flask import render_template
from markupsafe import Markup

from webapp.models import User
from webapp.services import sharing

FRAGMENTS = {
    "plan": "plan/_shared.html",
    "cv": "cv/_shared.html",
    "kinderopvang": "childcare/_shared.html",
    "noodplan": "childcare/_calamity_shared.html",
}


def render_part(part: str, owner: User) -> Markup:
    return Markup(render_template(FRAGMENTS[part], **sharing.part_context(part, owner)))
