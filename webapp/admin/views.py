"""The beheerder: organisations, and invitations for their staff."""

from flask import abort, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from webapp.admin import bp
from webapp.auth.forms import REQUIRED
from webapp.extensions import db
from webapp.models import Organisation, Role
from webapp.security import roles
from webapp.services import access_codes
from webapp.staff.forms import InvitationForm


class OrganisationForm(FlaskForm):
    name = StringField(_l("Naam van de organisatie"), [DataRequired(REQUIRED), Length(max=120)])


def _page(form: OrganisationForm, status: int = 200):
    organisations = db.session.scalars(select(Organisation).order_by(Organisation.name))
    return render_template(
        "admin/index.html",
        organisations=list(organisations),
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
    name = form.name.data.strip()
    if db.session.scalar(select(Organisation).where(Organisation.name == name)):
        form.name.errors.append(_l("Deze organisatie bestaat al."))
        return _page(form, 400)
    db.session.add(Organisation(name=name))
    db.session.commit()
    return redirect(url_for("admin.index"))


@bp.post("/organisaties/<int:organisation_id>/medewerker")
@roles(Role.ADMIN)
def invite_staff(organisation_id: int):
    organisation = db.session.get(Organisation, organisation_id)
    form = InvitationForm()
    if organisation is None:
        abort(404)
    if not form.validate_on_submit():
        abort(400)
    invitation = access_codes.create_invitation(
        current_user, Role.STAFF, organisation, note=form.note.data
    )
    return redirect(url_for("staff.invitation", invitation_id=invitation.id))
