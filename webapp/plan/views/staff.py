"""For staff: the group's plans page and editing its step template (what a participant
shares is read through the sharing blueprint)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.forms import fill_versions, versions_from
from webapp.plan import bp
from webapp.plan.forms import TemplateItemForm, TemplateStepForm
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
        # Her own list is shown as staff wrote it (Dutch); the default in the page's language.
        items=plans.template_items(group, "nl" if own else None),
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
    try:
        plans.add_template_item(
            group, form.area.data, form.action.data, versions=versions_from(form, "action")
        )
    except ServiceError as e:
        getattr(form, e.field or "action", form.action).errors = [e.message]
        return template(group_id, form=form, status=400)
    return _back_to_template(group)


def _template_item_or_404(group, item_id: int):
    return found_or_404(plans.get_template_item(group, item_id))


def _template_item_page(group, item, form, status=200):
    return render_template(
        "plan/template_item.html",
        group=group,
        item=item,
        form=form,
        area_labels=area_labels(),
    ), status


@bp.get("/medewerker/groep/<int:group_id>/sjabloon/stappen/<int:item_id>")
@roles(*STAFF_ROLES)
def template_item(group_id: int, item_id: int):
    group = _staff_group(group_id)
    item = _template_item_or_404(group, item_id)
    form = TemplateStepForm(formdata=None, action=item.action)
    fill_versions(form, item)
    return _template_item_page(group, item, form)


@bp.post("/medewerker/groep/<int:group_id>/sjabloon/stappen/<int:item_id>")
@roles(*STAFF_ROLES)
def edit_template_item(group_id: int, item_id: int):
    group = _staff_group(group_id)
    item = _template_item_or_404(group, item_id)
    if request.form.get("weg"):
        plans.delete_template_item(group, item.id)
        return _back_to_template(group)
    form = TemplateStepForm()
    if not form.validate_on_submit():
        return _template_item_page(group, item, form, status=400)
    try:
        plans.update_template_item(
            group, item.id, form.action.data, versions=versions_from(form, "action")
        )
    except ServiceError as e:
        getattr(form, e.field or "action", form.action).errors = [e.message]
        return _template_item_page(group, item, form, status=400)
    flash(_("De stap is bewaard."))
    return _back_to_template(group)
