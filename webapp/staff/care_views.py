"""Looking after accounts and groups: switching an account off and on, taking a participant
out of a group, renaming and archiving a group, and the groups of each trainster."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.forms import EmptyForm
from webapp.models import Role
from webapp.security import STAFF_ROLES, found_or_404, roles
from webapp.services import ServiceError, account_care, accounts, her_data
from webapp.staff import bp
from webapp.staff.forms import GroupForm


def _checked() -> None:
    if not EmptyForm().validate_on_submit():
        abort(400)


@bp.post("/accounts/<int:user_id>/actief")
@roles(Role.STAFF)
def set_account_active(user_id: int):
    account = found_or_404(account_care.account_for_care(current_user, user_id))
    _checked()
    active = request.form.get("active") == "1"
    account_care.set_active(current_user, account.id, active)
    flash(
        _("%(name)s kan weer inloggen.", name=account.display_name)
        if active
        else _("Het account van %(name)s staat uit.", name=account.display_name)
    )
    if account.role == Role.TRAINER:
        return redirect(url_for("staff.trainer", user_id=account.id), code=303)
    group_id = request.form.get("group_id", type=int)
    if group_id and accounts.get_group_for_staff(current_user, group_id):
        return redirect(url_for("staff.group", group_id=group_id), code=303)
    return redirect(url_for("staff.index"), code=303)


def _removal_page(person, group_id, error=None, status: int = 200):
    return render_template(
        "staff/remove_participant.html",
        person=person,
        group_id=group_id,
        what_goes=her_data.WHAT_GOES,
        backup_days=her_data.BACKUP_DAYS,
        error=error,
    ), status


@bp.get("/deelneemsters/<int:user_id>/verwijderen")
@roles(Role.STAFF)
def confirm_removal(user_id: int):
    """A participant who left: what deleting her account removes, named before it is done."""
    person = found_or_404(her_data.participant_to_remove(current_user, user_id))
    return _removal_page(person, request.args.get("groep", type=int))


@bp.post("/deelneemsters/<int:user_id>/verwijderen")
@roles(Role.STAFF)
def remove_participant(user_id: int):
    person = found_or_404(her_data.participant_to_remove(current_user, user_id))
    group_id = request.form.get("group_id", type=int)
    try:
        name = her_data.remove_participant(current_user, person.id, request.form.get("name", ""))
    except ServiceError as e:
        return _removal_page(person, group_id, error=e.message, status=400)
    flash(_("Het account van %(name)s is verwijderd, met alles van haar.", name=name))
    if group_id and accounts.get_group_for_staff(current_user, group_id):
        return redirect(url_for("staff.group", group_id=group_id), code=303)
    return redirect(url_for("staff.index"), code=303)


@bp.post("/groepen/<int:group_id>/deelneemsters/<int:user_id>/uit-de-groep")
@roles(Role.STAFF)
def remove_from_group(group_id: int, user_id: int):
    found_or_404(account_care.group_for_care(current_user, group_id))
    _checked()
    try:
        participant = account_care.remove_from_group(current_user, group_id, user_id)
    except ServiceError:
        abort(404)
    flash(_("%(name)s zit niet meer in deze groep.", name=participant.display_name))
    return redirect(url_for("staff.group", group_id=group_id), code=303)


def _settings_page(group, form=None, status=200):
    return render_template(
        "staff/group_settings.html",
        group=group,
        form=form or GroupForm(name=group.name),
        button_form=EmptyForm(),
    ), status


@bp.get("/groepen/<int:group_id>/instellingen")
@roles(*STAFF_ROLES)
def group_settings(group_id: int):
    return _settings_page(found_or_404(account_care.group_for_care(current_user, group_id)))


@bp.post("/groepen/<int:group_id>/naam")
@roles(*STAFF_ROLES)
def rename_group(group_id: int):
    group = found_or_404(account_care.group_for_care(current_user, group_id))
    form = GroupForm()
    if not form.validate_on_submit():
        return _settings_page(group, form, 400)
    try:
        account_care.rename_group(current_user, group.id, form.name.data)
    except ServiceError as e:
        form.name.errors = [*form.name.errors, e.message]
        return _settings_page(group, form, 400)
    flash(_("De naam is bewaard."))
    return redirect(url_for("staff.group", group_id=group.id), code=303)


@bp.post("/groepen/<int:group_id>/archief")
@roles(*STAFF_ROLES)
def set_group_archived(group_id: int):
    group = found_or_404(account_care.group_for_care(current_user, group_id))
    _checked()
    archived = request.form.get("archived") == "1"
    account_care.set_archived(current_user, group.id, archived)
    flash(
        _("De groep is gearchiveerd. De deelneemsters zien de bijeenkomsten niet meer.")
        if archived
        else _("De groep is terug.")
    )
    return redirect(url_for("staff.group_settings", group_id=group.id), code=303)


@bp.get("/trainsters")
@roles(Role.STAFF)
def trainers():
    return render_template(
        "staff/trainers.html", trainers=account_care.trainers_of_organisation(current_user)
    )


@bp.get("/trainsters/<int:user_id>")
@roles(Role.STAFF)
def trainer(user_id: int):
    trainer = found_or_404(account_care.trainer_for_care(current_user, user_id))
    return render_template(
        "staff/trainer.html",
        trainer=trainer,
        groups=accounts.groups_for_staff(current_user),
        hers={m.group_id for m in trainer.memberships},
        button_form=EmptyForm(),
    )


@bp.post("/trainsters/<int:user_id>/groepen")
@roles(Role.STAFF)
def set_trainer_groups(user_id: int):
    trainer = found_or_404(account_care.trainer_for_care(current_user, user_id))
    _checked()
    groups = {int(v) for v in request.form.getlist("groups") if v.isdigit() and len(v) < 12}
    account_care.set_trainer_groups(current_user, trainer.id, groups)
    flash(_("De groepen van %(name)s zijn bewaard.", name=trainer.display_name))
    return redirect(url_for("staff.trainer", user_id=trainer.id), code=303)
