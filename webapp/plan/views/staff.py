"""For staff: the plans shared in a group, reading one (logged for her), and editing the
group's step template."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.plan import bp
from webapp.plan.forms import TemplateItemForm
from webapp.plan.views.common import area_labels
from webapp.security import STAFF_ROLES, found_or_404, roles
from webapp.services import ServiceError, accounts
from webapp.services import plan as plans


def _staff_group(group_id: int):
    return found_or_404(accounts.get_group_for_staff(current_user, group_id))


def _back_to_template(group):
    return redirect(url_for("plan.template", group_id=group.id), code=303)


@bp.get("/medewerker/groep/<int:group_id>")
@roles(*STAFF_ROLES)
def staff_group(group_id: int):
    group = _staff_group(group_id)
    return render_template(
        "plan/staff_group.html",
        group=group,
        sharing=plans.sharing_participants(current_user, group),
    )


@bp.get("/medewerker/deelneemster/<int:user_id>")
@roles(*STAFF_ROLES)
def staff_view(user_id: int):
    participant = plans.shared_plan_for_staff(current_user, user_id)
    if participant is None:
        abort(404)
    return render_template(
        "plan/staff_view.html",
        participant=participant,
        **plans.overview(participant),
        statuses=plans.STATUSES,
        goals=plans.GOALS,
    )


@bp.get("/medewerker/groep/<int:group_id>/sjabloon")
@roles(*STAFF_ROLES)
def template(group_id: int, form=None, status=200):
    group = _staff_group(group_id)
    own = plans.group_template(group)
    others = [
        g
        for g in accounts.groups_for_staff(current_user)
        if g.id != group.id and plans.group_template(g) is not None
    ]
    return render_template(
        "plan/template.html",
        group=group,
        own=own,
        items=plans.template_items(group),
        others=others,
        form=form or TemplateItemForm(formdata=None),
        area_labels=area_labels(),
    ), status


@bp.post("/medewerker/groep/<int:group_id>/sjabloon/kopie")
@roles(*STAFF_ROLES)
def copy_template(group_id: int):
    group = _staff_group(group_id)
    source_id = request.form.get("bron", type=int)
    source = accounts.get_group_for_staff(current_user, source_id) if source_id else None
    plans.copy_template(group, source)
    flash(_("Deze groep heeft nu een eigen lijst met stappen."))
    return _back_to_template(group)


@bp.post("/medewerker/groep/<int:group_id>/sjabloon/standaard")
@roles(*STAFF_ROLES)
def reset_template(group_id: int):
    group = _staff_group(group_id)
    plans.reset_template(group)
    flash(_("Deze groep gebruikt weer de standaardlijst."))
    return _back_to_template(group)


@bp.post("/medewerker/groep/<int:group_id>/sjabloon/stappen")
@roles(*STAFF_ROLES)
def add_template_item(group_id: int):
    group = _staff_group(group_id)
    form = TemplateItemForm()
    if not form.validate_on_submit():
        return template(group_id, form=form, status=400)
    plans.add_template_item(group, form.area.data, form.action.data)
    return _back_to_template(group)


@bp.post("/medewerker/groep/<int:group_id>/sjabloon/stappen/<int:item_id>")
@roles(*STAFF_ROLES)
def edit_template_item(group_id: int, item_id: int):
    group = _staff_group(group_id)
    try:
        if request.form.get("weg"):
            plans.delete_template_item(group, item_id)
        else:
            plans.update_template_item(group, item_id, request.form.get("action", ""))
    except LookupError:
        abort(404)
    except ServiceError as e:
        flash(str(e.message))
    return _back_to_template(group)
