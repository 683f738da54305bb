"""The medewerker's pages: her groups, invitations and reset codes."""

import segno
from flask import abort, redirect, render_template, url_for
from flask_login import current_user

from webapp.extensions import db
from webapp.models import Group, Invitation, Role
from webapp.security import STAFF_ROLES, found_or_404, roles
from webapp.services import ServiceError, access_codes, accounts
from webapp.staff import bp
from webapp.staff.forms import EmptyForm, GroupForm, InvitationForm


def _group_or_404(group_id: int) -> Group:
    return found_or_404(accounts.get_group_for_staff(current_user, group_id))


@bp.get("/")
@roles(Role.STAFF, Role.TRAINER, Role.ADMIN)
def index():
    return render_template(
        "staff/index.html",
        groups=accounts.groups_for_staff(current_user),
        group_form=GroupForm(),
        invite_form=InvitationForm(),
    )


@bp.post("/groepen")
@roles(*STAFF_ROLES)
def create_group():
    form = GroupForm()
    if not form.validate_on_submit() or current_user.organisation_id is None:
        groups = accounts.groups_for_staff(current_user)
        return render_template(
            "staff/index.html", groups=groups, group_form=form, invite_form=InvitationForm()
        ), 400
    group = Group(organisation_id=current_user.organisation_id, name=form.name.data.strip())
    db.session.add(group)
    db.session.commit()
    return redirect(url_for("staff.group", group_id=group.id))


@bp.get("/groepen/<int:group_id>")
@roles(Role.STAFF, Role.TRAINER, Role.ADMIN)
def group(group_id: int):
    group = _group_or_404(group_id)
    return render_template(
        "staff/group.html",
        group=group,
        participants=accounts.participants_of_group(group),
        invitations=[
            i
            for i in access_codes.open_invitations(group.organisation_id)
            if i.group_id == group.id
        ],
        invite_form=InvitationForm(),
        button_form=EmptyForm(),
    )


@bp.post("/groepen/<int:group_id>/uitnodigingen")
@roles(*STAFF_ROLES)
def invite_participant(group_id: int):
    group = _group_or_404(group_id)
    form = InvitationForm()
    if not form.validate_on_submit():
        abort(400)
    invitation = access_codes.create_invitation(
        current_user, Role.PARTICIPANT, group.organisation, group, form.note.data
    )
    return redirect(url_for("staff.invitation", invitation_id=invitation.id))


@bp.post("/uitnodigingen/trainster")
@roles(*STAFF_ROLES)
def invite_trainer():
    form = InvitationForm()
    if not form.validate_on_submit() or current_user.organisation is None:
        abort(400)
    invitation = access_codes.create_invitation(
        current_user, Role.TRAINER, current_user.organisation, note=form.note.data
    )
    return redirect(url_for("staff.invitation", invitation_id=invitation.id))


@bp.get("/uitnodigingen/<int:invitation_id>")
@roles(*STAFF_ROLES)
def invitation(invitation_id: int):
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or not _may_see(invitation):
        abort(404)
    return render_template(
        "staff/invitation.html",
        invitation=invitation,
        **_code_to_hand_over(invitation.code, "auth.accept_invitation"),
    )


def _code_to_hand_over(code: str, endpoint: str) -> dict:
    """The code as she reads it aloud, the link behind it, and that link as a QR code."""
    link = url_for(endpoint, code=code, _external=True)
    return {
        "code": access_codes.format_code(code),
        "link": link,
        "qr": segno.make(link, error="m").svg_data_uri(scale=5, border=2),
    }


def _may_see(invitation: Invitation) -> bool:
    return current_user.role == Role.ADMIN or (
        invitation.organisation_id == current_user.organisation_id
    )


@bp.post("/deelneemsters/<int:user_id>/herstelcode")
@roles(*STAFF_ROLES)
def make_reset_code(user_id: int):
    participant = accounts.participant_in_staff_groups(current_user, user_id)
    if participant is None:
        abort(404)
    try:
        reset = access_codes.create_reset_code(current_user, participant)
    except ServiceError:
        abort(400)
    return render_template(
        "staff/reset_code.html",
        participant=participant,
        expires_at=reset.expires_at,
        **_code_to_hand_over(reset.code, "auth.reset_password"),
    )
