"""The projectmedewerker's agenda: plan meetings and series for her organisation's groups,
move or cancel a single date, see who comes and which children need childcare."""

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms import SelectChoice

from webapp.agenda import staff_bp as bp
from webapp.agenda.forms import EditMeetingForm, MeetingForm
from webapp.agenda.views import reason_label
from webapp.forms import EmptyForm, fill_versions, versions_from
from webapp.models import Role
from webapp.models.agenda import Meeting
from webapp.security import STAFF_ROLES, found_or_404, roles
from webapp.services import ServiceError, agenda
from webapp.services.accounts import get_group_for_staff, groups_for_staff

VIEW_ROLES = (Role.STAFF, Role.TRAINER, Role.ADMIN)


def _meeting_or_404(meeting_id: int) -> Meeting:
    return found_or_404(agenda.get_meeting_for_staff(current_user, meeting_id))


def _details(form) -> agenda.MeetingDetails:
    return agenda.MeetingDetails(
        title=form.title.data,
        theme=form.theme.data,
        place_name=form.place_name.data,
        address=form.address.data,
        place_notes=form.place_notes.data,
        what_to_bring=form.what_to_bring.data,
        children_welcome=form.children_welcome.data,
        childcare_on_site=form.childcare_on_site.data,
        led_by=form.led_by.data,
        translations={name: versions_from(form, name) for name in form.versioned},
    )


def _field_for(form, name: str | None):
    name = "repeat" if name == "frequency" else name
    if name in ("start", "end", "day", "until", "title", "repeat") or (
        name and name.rpartition("_")[0] in form.versioned
    ):
        return getattr(form, name, None)
    return None


def _show_error(form, error: ServiceError) -> str | None:
    """Put a rule's message under its field; returns it when there is no such field."""
    field = _field_for(form, error.field)
    if field is not None:
        field.errors = [*field.errors, error.message]
        return None
    return error.message


@bp.get("")
@roles(*VIEW_ROLES)
def index():
    return render_template(
        "agenda/staff_index.html",
        upcoming=agenda.meetings_for_staff(current_user, upcoming=True),
        past=agenda.meetings_for_staff(current_user, upcoming=False),
    )


def _new_form() -> MeetingForm:
    form = MeetingForm()
    form.group.choices = [SelectChoice(g.id, g.name) for g in groups_for_staff(current_user)]
    return form


@bp.get("/nieuw")
@roles(*STAFF_ROLES)
def new():
    form = _new_form()
    return render_template("agenda/staff_form.html", form=form, meeting=None)


@bp.post("/nieuw")
@roles(*STAFF_ROLES)
def create():
    form = _new_form()
    error = None
    if form.validate_on_submit():
        group = get_group_for_staff(current_user, form.group.data)
        if group is None:
            abort(404)
        try:
            if form.repeat.data:
                series = agenda.create_series(
                    current_user,
                    group,
                    _details(form),
                    form.day.data,
                    form.start.data,
                    form.end.data,
                    form.repeat.data,
                    form.until.data,
                )
                flash(
                    ngettext(
                        "De reeks is gemaakt: %(num)d bijeenkomst.",
                        "De reeks is gemaakt: %(num)d bijeenkomsten.",
                        len(series.meetings),
                    )
                )
                return redirect(url_for("agenda_staff.index"), code=303)
            meeting = agenda.create_meeting(
                current_user, group, _details(form), form.day.data, form.start.data, form.end.data
            )
        except ServiceError as e:
            error = _show_error(form, e)
        else:
            flash(_("De bijeenkomst is gemaakt."))
            return redirect(url_for("agenda_staff.meeting", meeting_id=meeting.id), code=303)
    return render_template("agenda/staff_form.html", form=form, meeting=None, error=error), 400


@bp.get("/<int:meeting_id>")
@roles(*VIEW_ROLES)
def meeting(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    may_tick = agenda.may_tick(meeting)
    return render_template(
        "agenda/staff_meeting.html",
        meeting=meeting,
        overview=agenda.overview(meeting),
        may_tick=may_tick,
        came=agenda.came_count(meeting) if may_tick else 0,
        reason_label=reason_label,
        button_form=EmptyForm(),
    )


@bp.get("/<int:meeting_id>/bewerken")
@roles(*STAFF_ROLES)
def edit(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    day, start, end = agenda.local_parts(meeting)
    form = EditMeetingForm(obj=meeting, day=day, start=start, end=end)
    fill_versions(form, meeting)
    return render_template("agenda/staff_form.html", form=form, meeting=meeting)


@bp.post("/<int:meeting_id>/bewerken")
@roles(*STAFF_ROLES)
def update(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    form = EditMeetingForm()
    error = None
    if form.validate_on_submit():
        try:
            agenda.update_meeting(
                current_user,
                meeting,
                _details(form),
                form.day.data,
                form.start.data,
                form.end.data,
            )
            if form.whole_series.data and meeting.series_id:
                agenda.update_following(
                    current_user, meeting, _details(form), form.start.data, form.end.data
                )
        except ServiceError as e:
            error = _show_error(form, e)
        else:
            flash(_("De bijeenkomst is bewaard."))
            return redirect(url_for("agenda_staff.meeting", meeting_id=meeting.id), code=303)
    return render_template("agenda/staff_form.html", form=form, meeting=meeting, error=error), 400


@bp.post("/<int:meeting_id>/afzeggen")
@roles(*STAFF_ROLES)
def cancel(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        agenda.cancel_meeting(current_user, meeting)
    except ServiceError as e:
        flash(e.message)
    else:
        flash(_("De bijeenkomst gaat niet door. De deelneemsters krijgen een bericht."))
    return redirect(url_for("agenda_staff.meeting", meeting_id=meeting.id), code=303)


@bp.get("/<int:meeting_id>/opvang.csv")
@roles(*VIEW_ROLES)
def childcare_csv(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    day = agenda.to_local(meeting.starts_at).date().isoformat()
    return Response(
        "\ufeff" + agenda.childcare_csv(meeting),  # the BOM makes Excel read UTF-8
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="opvang-{day}.csv"',
            "Cache-Control": "private, no-store",
        },
    )
