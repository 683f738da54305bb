"""'Download alles': her page on Meer, the JSON file and the readable page, both streamed."""

from flask import (
    Response,
    render_template,
    request,
    stream_template,
    stream_with_context,
    url_for,
)
from flask_login import current_user

from webapp.her_data import bp
from webapp.her_data.texts import SECTION_TITLES
from webapp.login_sessions import log_out, logged_out
from webapp.models import Role, utcnow
from webapp.part_fragments import render_part
from webapp.security import roles
from webapp.services import ServiceError, her_data, sharing


def _download(body, name: str, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    stamp = utcnow().strftime("%Y-%m-%d")
    response.headers["Content-Disposition"] = f'attachment; filename="elke-stap-{stamp}.{name}"'
    response.headers["Cache-Control"] = "no-store"  # never kept on a shared phone's cache
    return response


@bp.get("/")
@roles(Role.PARTICIPANT)
def page(error=None, status: int = 200):
    return render_template(
        "her_data/page.html",
        what_goes=her_data.WHAT_GOES,
        backup_days=her_data.BACKUP_DAYS,
        error=error,
    ), status


@bp.post("/verwijderen")
@roles(Role.PARTICIPANT)
def delete_account():
    """Needs the network (no offline form): on a phone without internet the page says so
    before anything is sent (app.js, `data-online-only`)."""
    try:
        her_data.delete_own_account(current_user, request.form.get("password", ""))
    except ServiceError as e:
        return page(error=e.message, status=400)
    log_out()
    return logged_out(url_for("auth.login", bye="verwijderd"))


@bp.get("/elke-stap.json")
@roles(Role.PARTICIPANT)
def export_json():
    return _download(
        stream_with_context(her_data.export_json(current_user)), "json", "application/json"
    )


@bp.get("/elke-stap.html")
@roles(Role.PARTICIPANT)
def export_html():
    owner = current_user._get_current_object()
    page = stream_template(
        "her_data/readable.html",
        owner=owner,
        sections=her_data.SECTIONS,
        titles=SECTION_TITLES,
        rows=lambda section: her_data.rows_of(section, owner),
        parts=[(p, sharing.PART_LABELS[p]) for p in sharing.PARTS],
        part_html=lambda part: render_part(part, owner),
        exported_at=utcnow(),
    )
    return _download(page, "html", "text/html")
