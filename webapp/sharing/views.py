"""Her sharing page and preview; the staff view of a part and the group's list of what is
shared with the reader. Every staff view asks `services.sharing.readable_part` first."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.models import Role
from webapp.part_fragments import render_part
from webapp.security import found_or_404, roles
from webapp.services import ServiceError, accounts, sharing
from webapp.sharing import bp
from webapp.sharing.texts import LOOKED, STAFF_LINKS, STAFF_TITLES

READERS = (Role.STAFF, Role.TRAINER)


def _her_page(status: int = 200):
    return render_template(
        "sharing/page.html",
        parts=sharing.PARTS,
        labels=sharing.PART_LABELS,
        people=sharing.people_to_share_with(current_user),
        shared=sharing.shares_of(current_user),
        looks=sharing.recent_looks(current_user),
        looked=LOOKED,
    ), status


@bp.get("/delen")
@roles(Role.PARTICIPANT)
def page():
    return _her_page()


@bp.post("/delen/<part>")
@roles(Role.PARTICIPANT)
def set_part(part: str):
    if part not in sharing.PARTS:
        abort(404)
    chosen = {int(v) for v in request.form.getlist("viewer") if v.isdigit()}
    try:
        sharing.set_viewers(current_user, part, chosen)
    except ServiceError as e:
        flash(e.message)
        return _her_page(status=400)
    flash(
        _("Bewaard. Wie je koos, kan dit nu lezen (niet veranderen).")
        if chosen
        else _("Bewaard. Dit is nu weer alleen voor jou.")
    )
    return redirect(url_for("sharing.page") + f"#deel-{part}", code=303)


@bp.post("/delen/alles-uit")
@roles(Role.PARTICIPANT)
def stop_all():
    sharing.stop_sharing(current_user)
    flash(_("Je deelt niets meer. Alles is weer alleen voor jou."))
    return redirect(url_for("sharing.page"), code=303)


@bp.get("/delen/wat-ziet-mijn-projectmedewerker")
@roles(Role.PARTICIPANT)
def preview():
    shared = sharing.shares_of(current_user)
    people = {p.id: p for p in sharing.people_to_share_with(current_user)}
    return render_template(
        "sharing/preview.html",
        parts=[
            (
                part,
                [people[i] for i in sorted(shared[part]) if i in people],
                render_part(part, current_user) if shared[part] else None,
            )
            for part in sharing.PARTS
        ],
        labels=sharing.PART_LABELS,
    )


@bp.get("/medewerker/deelneemster/<int:user_id>/<part>")
@roles(*READERS)
def staff_part(user_id: int, part: str):
    owner = found_or_404(sharing.readable_part(current_user, user_id, part))
    return render_template(
        "sharing/staff_part.html",
        owner=owner,
        part=part,
        title=str(STAFF_TITLES[part]) % {"name": owner.display_name},
        html=render_part(part, owner),
    )


@bp.get("/medewerker/groepen/<int:group_id>/gedeeld")
@roles(*READERS)
def staff_group(group_id: int):
    group = found_or_404(accounts.get_group_for_staff(current_user, group_id))
    return render_template(
        "sharing/staff_group.html",
        group=group,
        sharing=sharing.participants_sharing_with(current_user, group),
        labels=STAFF_LINKS,
    )
