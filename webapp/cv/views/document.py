"""Her cv as others will see it: the PDF she sends, and the same cv as a page on her phone."""

from io import BytesIO

from flask import render_template, send_file
from flask_login import current_user

from webapp.cv import bp
from webapp.extensions import limiter
from webapp.models import Role
from webapp.security import roles
from webapp.services.cv.document import build_document
from webapp.services.cv.pdf import file_name, render_pdf


def _her_id() -> str:
    return f"cv-pdf:{current_user.id}"


@bp.get("/cv.pdf")
@roles(Role.PARTICIPANT)
# A PDF costs a quarter of a second of CPU: enough for every real use, not for a loop.
@limiter.limit("12 per minute", key_func=_her_id)
def pdf():
    document = build_document(current_user)
    return send_file(
        BytesIO(render_pdf(document)),
        mimetype="application/pdf",
        download_name=file_name(document),
        max_age=0,
    )


@bp.get("/voorbeeld")
@roles(Role.PARTICIPANT)
def preview():
    return render_template("cv/preview.html", cv=build_document(current_user))
