"""The trainster's pages (and the medewerker's): share texts, pictures, PDF and audio for a
meeting or for the whole group, see how many opened each, change and remove."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.forms import fill_versions, versions_from
from webapp.materials import bp
from webapp.materials.forms import EditMaterialForm, EmptyForm, FileForm, MaterialForm, RecapForm
from webapp.models import Role
from webapp.security import accepts_uploads, found_or_404, roles
from webapp.services import ServiceError, accounts, agenda
from webapp.services import materials as service

PUBLISHERS = (Role.TRAINER, Role.STAFF, Role.ADMIN)
# A request may carry more than one file may be: a file that is too large still reaches the
# form, so she reads why on the form with what she typed, instead of an error page.
MAX_REQUEST = service.MAX_FILE + 25 * 1000 * 1000
# The recorder needs the microphone on these pages only (elsewhere the header forbids it).
MICROPHONE_HERE = "camera=(), microphone=(self), geolocation=()"


def upload_texts() -> dict[str, str]:
    """What materials.js says on the trainster's pages only (her pages do not carry these)."""
    return {
        "fileTooBig": _("Dit bestand is te groot (%(size)s). Het mag hoogstens %(max)s zijn."),
        "fileChosen": _("Gekozen: %(name)s, %(size)s"),
        "recording": _("Je stem wordt opgenomen. Tik op Stop als je klaar bent."),
        "recordDone": _("Je opname is klaar (%(time)s). Luister, en tik dan op Delen."),
        "recordRefused": _("Je telefoon geeft de microfoon niet. Kies dan een bestand."),
    }


def _meeting_or_404(meeting_id: int):
    return found_or_404(agenda.get_meeting_for_staff(current_user, meeting_id))


def _group_or_404(group_id: int):
    return found_or_404(accounts.get_group_for_staff(current_user, group_id))


def _material_or_404(material_id: int):
    return found_or_404(service.get_material_for_staff(current_user, material_id))


def _manage_url(group, meeting) -> str:
    if meeting is not None:
        return url_for("materials.manage_meeting", meeting_id=meeting.id)
    return url_for("materials.manage_group", group_id=group.id)


def _recap_form(meeting):
    if meeting is None:
        return None
    form = RecapForm(formdata=None, obj=meeting)
    fill_versions(form, meeting)
    return form


def _manage_page(group, meeting, form, status=200, recap_form=None):
    items = service.materials_for(group.id, meeting.id if meeting else None)
    response = render_template(
        "materials/manage.html",
        group=group,
        meeting=meeting,
        materials=items,
        opened=service.open_counts(items),
        members=len(accounts.participants_of_group(group)),
        form=form,
        action=_manage_url(group, meeting),
        limit=service.upload_limit(group.id, meeting.id if meeting else None),
        left=service.space_left(group.id, meeting.id if meeting else None),
        button_form=EmptyForm(),
        recap_form=recap_form or _recap_form(meeting),
        upload_texts=upload_texts(),
    )
    return response, status, {"Permissions-Policy": MICROPHONE_HERE}


def _text(form) -> service.MaterialText:
    return service.MaterialText(
        title=form.title.data,
        body=form.body.data,
        translations={name: versions_from(form, name) for name in form.versioned},
    )


def _upload(form) -> service.Upload | None:
    if not form.file.data or not getattr(form.file.data, "filename", ""):
        return None
    return service.Upload(form.file.data.read(), form.language.data or "")


def _show_error(form, error: ServiceError) -> None:
    field = getattr(form, error.field or "", None) or getattr(form, "body", None) or form.file
    field.errors = [*field.errors, error.message]


@bp.get("/medewerker/materiaal/bijeenkomst/<int:meeting_id>")
@roles(*PUBLISHERS)
def manage_meeting(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    return _manage_page(meeting.group, meeting, MaterialForm(formdata=None))


@bp.post("/medewerker/materiaal/bijeenkomst/<int:meeting_id>/verslag")
@roles(*PUBLISHERS)
def save_recap(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    form = RecapForm()
    if form.validate_on_submit():
        recap = service.Recap(
            report=form.report.data,
            homework=form.homework.data,
            homework_area=form.homework_area.data,
            translations={name: versions_from(form, name) for name in form.versioned},
        )
        try:
            service.set_recap(current_user, meeting, recap)
        except ServiceError as e:
            _show_error(form, e)
        else:
            flash(_("Het verslag en het huiswerk zijn bewaard. De groep krijgt een bericht."))
            return redirect(_manage_url(meeting.group, meeting), code=303)
    return _manage_page(
        meeting.group, meeting, MaterialForm(formdata=None), status=400, recap_form=form
    )


@bp.get("/medewerker/materiaal/groep/<int:group_id>")
@roles(*PUBLISHERS)
def manage_group(group_id: int):
    return _manage_page(_group_or_404(group_id), None, MaterialForm(formdata=None))


def _add(group, meeting):
    form = MaterialForm()
    if form.validate_on_submit():
        try:
            service.add_material(current_user, group, meeting, _text(form), _upload(form))
        except ServiceError as e:
            _show_error(form, e)
        else:
            flash(_("Gedeeld. De groep ziet het nu en krijgt een bericht."))
            return redirect(_manage_url(group, meeting), code=303)
    return _manage_page(group, meeting, form, status=400)


@bp.post("/medewerker/materiaal/bijeenkomst/<int:meeting_id>")
@roles(*PUBLISHERS)
@accepts_uploads(MAX_REQUEST)
def add_to_meeting(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    return _add(meeting.group, meeting)


@bp.post("/medewerker/materiaal/groep/<int:group_id>")
@roles(*PUBLISHERS)
@accepts_uploads(MAX_REQUEST)
def add_to_group(group_id: int):
    return _add(_group_or_404(group_id), None)


def _edit_page(material, form, file_form, status=200):
    group = service.material_group(material)
    meeting = agenda.get_meeting_for_staff(current_user, material.meeting_id or 0)
    return (
        render_template(
            "materials/edit.html",
            material=material,
            group=group,
            back=_manage_url(group, meeting),
            form=form,
            file_form=file_form,
            limit=service.upload_limit(material.group_id, material.meeting_id),
            left=service.space_left(material.group_id, material.meeting_id),
            upload_texts=upload_texts(),
            may_remove=service.may_remove(current_user, material),
            button_form=EmptyForm(),
        ),
        status,
        {"Permissions-Policy": MICROPHONE_HERE},
    )


@bp.get("/medewerker/materiaal/<int:material_id>")
@roles(*PUBLISHERS)
def edit(material_id: int):
    material = _material_or_404(material_id)
    form = EditMaterialForm(obj=material)
    fill_versions(form, material)
    return _edit_page(material, form, FileForm(formdata=None))


@bp.post("/medewerker/materiaal/<int:material_id>")
@roles(*PUBLISHERS)
def update(material_id: int):
    material = _material_or_404(material_id)
    form = EditMaterialForm()
    if form.validate_on_submit():
        try:
            service.update_material(current_user, material, _text(form))
        except ServiceError as e:
            _show_error(form, e)
        else:
            flash(_("Bewaard."))
            return redirect(url_for("materials.edit", material_id=material.id), code=303)
    return _edit_page(material, form, FileForm(formdata=None), status=400)


@bp.post("/medewerker/materiaal/<int:material_id>/bestand")
@roles(*PUBLISHERS)
@accepts_uploads(MAX_REQUEST)
def add_file(material_id: int):
    material = _material_or_404(material_id)
    file_form = FileForm()
    if file_form.validate_on_submit():
        upload = _upload(file_form)
        try:
            if upload is None:
                raise ServiceError(_("Kies eerst een bestand."), "file")
            service.add_file(current_user, material, upload)
        except ServiceError as e:
            _show_error(file_form, e)
        else:
            flash(_("Het bestand is erbij gezet."))
            return redirect(url_for("materials.edit", material_id=material.id), code=303)
    form = EditMaterialForm(obj=material)
    fill_versions(form, material)
    return _edit_page(material, form, file_form, status=400)


@bp.post("/medewerker/materiaal/<int:material_id>/weg")
@roles(*PUBLISHERS)
def remove(material_id: int):
    material = _material_or_404(material_id)
    group = service.material_group(material)
    meeting = agenda.get_meeting_for_staff(current_user, material.meeting_id or 0)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        service.remove_material(current_user, material)
    except ServiceError as e:
        flash(e.message)
    else:
        flash(_("Weggehaald."))
    return redirect(_manage_url(group, meeting), code=303)
