"""The beheerder: the organisations she manages, their staff accounts, and invitations for
their medewerkers. Her powers end at those organisations: any other id is 404."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from webapp import handed_codes
from webapp.admin import bp
from webapp.forms import REQUIRED, EmptyForm, InvitationForm
from webapp.models import Role
from webapp.security import found_or_404, roles
from webapp.services import ServiceError, access_codes, account_care


class OrganisationForm(FlaskForm):
    name = StringField(_l("Naam van de organisatie"), [DataRequired(REQUIRED), Length(max=120)])


def _page(form: OrganisationForm, status: int = 200):
    return render_template(
        "admin/index.html",
        organisations=account_care.managed_organisations(current_user),
        form=form,
        invite_form=InvitationForm(),
    ), status


@bp.get("/")
@roles(Role.ADMIN)
def index():
    return _page(OrganisationForm())


@bp.post("/organisaties")
@roles(Role.ADMIN)
def create_organisation():
    form = OrganisationForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    try:
        account_care.create_organisation(current_user, form.name.data)
    except ServiceError as e:
        form.name.errors.append(e.message)
        return _page(form, 400)
    return redirect(url_for("admin.index"))


@bp.get("/organisaties/<int:organisation_id>")
@roles(Role.ADMIN)
def organisation(organisation_id: int):
    found = found_or_404(account_care.staff_of_organisation(current_user, organisation_id))
    return _organisation_page(found, InvitationForm())


def _organisation_page(found, invite_form, status=200):
    organisation, people = found
    return render_template(
        "admin/organisation.html",
        organisation=organisation,
        people=people,
        button_form=EmptyForm(),
        invite_form=invite_form,
    ), status


@bp.post("/organisaties/<int:organisation_id>/medewerker")
@roles(Role.ADMIN)
def invite_staff(organisation_id: int):
    found = found_or_404(account_care.staff_of_organisation(current_user, organisation_id))
    form = InvitationForm()
    if not form.validate_on_submit():
        return _organisation_page(found, form, 400)
    invitation = access_codes.create_invitation(
        current_user, Role.STAFF, found[0], note=form.note.data
    )
    handed_codes.remember(invitation)
    return redirect(url_for("staff.invitation", invitation_id=invitation.id))


@bp.post("/accounts/<int:user_id>/actief")
@roles(Role.ADMIN)
def set_account_active(user_id: int):
    account = found_or_404(account_care.account_for_care(current_user, user_id))
    if not EmptyForm().validate_on_submit():
        abort(400)
    active = request.form.get("active") == "1"
    account_care.set_active(current_user, account.id, active)
    flash(
        _("%(name)s kan weer inloggen.", name=account.display_name)
        if active
        else _("Het account van %(name)s staat uit.", name=account.display_name)
    )
    return redirect(url_for("admin.organisation", organisation_id=account.organisation_id))
