"""Her side: her group's materials, and the files themselves, served only to the group's
people, with their real type, a file name, and byte ranges (so audio can be scrubbed)."""

import os

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.materials import bp
from webapp.models import Role, utcnow
from webapp.offline import NotApplied, client_time, offline_mutation, report_outcome
from webapp.security import fetched_for_a_person, found_or_404, roles
from webapp.services import ServiceError, agenda
from webapp.services import materials as service
from webapp.templating import current_language

# A file is never a page: nothing in it may run, whatever a browser makes of it.
FILE_POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; object-src 'self'"


@bp.get("/materiaal")
@roles(Role.PARTICIPANT)
def group():
    lang = current_language()
    return render_template(
        "materials/group.html",
        groups=[
            (g, service.shown(items, lang)) for g, items in service.group_materials(current_user)
        ],
    )


@bp.get("/materiaal/opgeslagen")
@roles(Role.PARTICIPANT)
def saved():
    """What she kept on her phone: the list is on her phone, so the page reads it there."""
    return render_template("materials/saved.html")


def _opened_by_her() -> bool:
    """Counted once she looks: not a background fetch (a pack), not the rest of an audio file."""
    if not fetched_for_a_person():
        return False
    ranges = request.range.ranges if request.range else []
    return not ranges or ranges[0][0] == 0


@bp.get("/materiaal/bestand/<int:file_id>")
@roles(*Role)
def file(file_id: int):
    found = found_or_404(service.get_file(current_user, file_id))
    path = service.path_of(found.storage_key)
    if not os.path.exists(path):
        abort(404)
    if _opened_by_her():
        service.record_opened(current_user, [found.material])
    response = send_file(
        path,
        mimetype=found.content_type,
        download_name=found.download_name,
        conditional=True,
        max_age=3600,
    )
    response.headers["Cache-Control"] = "private, max-age=3600"
    response.headers["Content-Security-Policy"] = FILE_POLICY
    return response


@bp.post("/materiaal/bijeenkomst/<int:meeting_id>/huiswerk")
@roles(Role.PARTICIPANT)
@offline_mutation
def take_homework(meeting_id: int):
    meeting = found_or_404(agenda.get_meeting_for_participant(current_user, meeting_id))
    try:
        service.take_homework(
            current_user, meeting, step_uuid=request.form.get("step_uuid"), at=client_time()
        )
    except ServiceError as e:
        raise NotApplied(e.message) from None
    flash(_("Het huiswerk staat in je plan. Succes!"))
    if request.form.get("terug") == "home":
        return redirect(url_for("home.index"), code=303)
    return redirect(url_for("agenda.meeting", meeting_id=meeting.id) + "#huiswerk", code=303)


REFLECTION_FIELDS = ("went_well", "was_hard", "next_step", "proud_of")


@bp.post("/materiaal/bijeenkomst/<int:meeting_id>/terugblik")
@roles(Role.PARTICIPANT)
@offline_mutation
def save_reflection(meeting_id: int):
    meeting = found_or_404(agenda.get_meeting_for_participant(current_user, meeting_id))
    try:
        outcome = service.save_reflection(
            current_user,
            meeting,
            {name: request.form.get(name, "") for name in REFLECTION_FIELDS},
            now=utcnow(),
            at=client_time(),
        )
    except ServiceError as e:
        if e.field in REFLECTION_FIELDS:
            return render_template(
                "materials/reflection_error.html", meeting=meeting, error=e.message,
                form=request.form,
            ), 422  # fmt: skip
        raise NotApplied(e.message) from None
    report_outcome(outcome)
    flash(_("Je terugblik is bewaard. Alleen jij ziet hem."))
    return redirect(url_for("agenda.meeting", meeting_id=meeting.id) + "#terugblik", code=303)


@bp.post("/materiaal/bijeenkomst/<int:meeting_id>/terugblik/stap")
@roles(Role.PARTICIPANT)
@offline_mutation
def reflection_step(meeting_id: int):
    meeting = found_or_404(agenda.get_meeting_for_participant(current_user, meeting_id))
    try:
        service.next_step_to_plan(
            current_user, meeting, step_uuid=request.form.get("step_uuid"), at=client_time()
        )
    except ServiceError as e:
        raise NotApplied(e.message) from None
    flash(_("Je volgende stap staat in je plan."))
    return redirect(url_for("agenda.meeting", meeting_id=meeting.id) + "#terugblik", code=303)
