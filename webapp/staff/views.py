"""The medewerker's pages: her groups, invitations and reset codes."""

import segno
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp import handed_codes
from webapp.extensions import db
from webapp.forms import EmptyForm, InvitationForm
from webapp.models import Group, Invitation, Role
from webapp.security import STAFF_ROLES, found_or_404, roles
from webapp.services import ServiceError, access_codes, account_care, accounts, agenda
from webapp.staff import bp
from webapp.staff.forms import GroupForm, TrainerInvitationForm


def _group_or_404(group_id: int) -> Group:
    return found_or_404(accounts.get_group_for_staff(current_user, group_id))


def _trainer_form() -> TrainerInvitationForm:
    form = TrainerInvitationForm()
    form.group.choices = [(g.id, g.name) for g in accounts.groups_for_staff(current_user)]
    return form


def _index(group_form=None, trainer_form=None, status=200):
    return render_template(
        "staff/index.html",
        groups=accounts.groups_for_staff(current_user),
        archived=accounts.groups_for_staff(current_user, archived=True),
        group_form=group_form or GroupForm(),
        invite_form=trainer_form or _trainer_form(),
    ), status


@bp.get("/")
@roles(Role.STAFF, Role.TRAINER, Role.ADMIN)
def index():
    return _index()


@bp.post("/groepen")
@roles(*STAFF_ROLES)
def create_group():
    form = GroupForm()
    if not form.validate_on_submit() or current_user.organisation_id is None:
        return _index(group_form=form, status=400)
    try:
        group = account_care.create_group(current_user, form.name.data)
    except ServiceError as e:
        form.name.errors.append(e.message)
        return _index(group_form=form, status=400)
    return redirect(url_for("staff.group", group_id=group.id))


@bp.get("/groepen/<int:group_id>")
@roles(Role.STAFF, Role.TRAINER, Role.ADMIN)
def group(group_id: int):
    return _group_page(_group_or_404(group_id))


def _group_page(group, invite_form=None, status=200):
    participants = accounts.participants_of_group(group)
    return render_template(
        "staff/group.html",
        group=group,
        participants=participants,
        names=agenda.told_apart(participants),
        invitations=[
            i
            for i in access_codes.open_invitations(group.organisation_id)
            if i.group_id == group.id
        ],
        invite_form=invite_form or InvitationForm(),
        button_form=EmptyForm(),
    ), status


@bp.post("/groepen/<int:group_id>/uitnodigingen")
@roles(*STAFF_ROLES)
def invite_participant(group_id: int):
    group = _group_or_404(group_id)
    form = InvitationForm()
    if not form.validate_on_submit():
        return _group_page(group, invite_form=form, status=400)
    try:
        invitation = access_codes.create_invitation(
            current_user, Role.PARTICIPANT, group.organisation, group, form.note.data
        )
    except ServiceError as e:
        flash(e.message)
        return redirect(url_for("staff.group", group_id=group.id), code=303)
    handed_codes.remember(invitation)
    return redirect(url_for("staff.invitation", invitation_id=invitation.id))


@bp.post("/uitnodigingen/trainster")
@roles(*STAFF_ROLES)
def invite_trainer():
    form = _trainer_form()
    if current_user.organisation is None:
        abort(400)
    if not form.validate_on_submit():
        return _index(trainer_form=form, status=400)
    group = accounts.get_group_for_staff(current_user, form.group.data)
    if group is None:
        abort(404)
    invitation = access_codes.create_invitation(
        current_user, Role.TRAINER, current_user.organisation, group, note=form.note.data
    )
    handed_codes.remember(invitation)
    return redirect(url_for("staff.invitation", invitation_id=invitation.id))


@bp.get("/uitnodigingen/<int:invitation_id>")
@roles(*STAFF_ROLES)
def invitation(invitation_id: int):
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or not _may_see(invitation):
        abort(404)
    code = handed_codes.recall(invitation.id)
    if code is None:  # only its hash is stored: shown where it was made
        return render_template("staff/invitation.html", invitation=invitation, code=None)
    hand_over = _code_to_hand_over(code, "auth.accept_invitation")
    return render_template(
        "staff/invitation.html",
        invitation=invitation,
        share_text=_share_text(invitation, hand_over["code"]),
        **hand_over,
    )


def _share_text(invitation: Invitation, code: str) -> str:
    """What goes with the link when she shares it (to WhatsApp): the code, so it can be typed."""
    if invitation.group:
        return _(
            "Je bent uitgenodigd voor Elke Stap, %(group)s. Open de link, of vul je code "
            "%(code)s in bij 'Ik heb een code gekregen'.",
            group=invitation.group.name,
            code=code,
        )
    return _(
        "Je bent uitgenodigd voor Elke Stap. Open de link, of vul je code %(code)s in bij "
        "'Ik heb een code gekregen'.",
        code=code,
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
    """Her organisation's invitations; a beheerder's: the staff invitations of the
    organisations she manages (never one for a participant)."""
    if current_user.role == Role.ADMIN:
        return invitation.role != Role.PARTICIPANT and account_care.manages(
            current_user, invitation.organisation_id
        )
    return invitation.organisation_id == current_user.organisation_id


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
