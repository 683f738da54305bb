"""The anonymous overview of a group: the page and the same figures as CSV."""

from flask import Response, render_template
from flask_login import current_user

from webapp.models import Role
from webapp.security import found_or_404, roles
from webapp.services import group_overview
from webapp.services.agenda import REASONS
from webapp.services.plan.choices import AREAS
from webapp.staff import bp


def _overview_or_404(group_id: int) -> group_overview.GroupOverview:
    return found_or_404(group_overview.group_overview(current_user, group_id))


@bp.get("/groepen/<int:group_id>/overzicht")
@roles(Role.STAFF)
def overview(group_id: int):
    return render_template(
        "staff/overview.html",
        overview=_overview_or_404(group_id),
        areas=AREAS,
        reasons=REASONS,
        care_stages=group_overview.CARE_STAGES,
        min_people=group_overview.MIN_PEOPLE,
    )


@bp.get("/groepen/<int:group_id>/overzicht.csv")
@roles(Role.STAFF)
def overview_csv(group_id: int):
    overview = _overview_or_404(group_id)
    return Response(
        "\ufeff" + group_overview.overview_csv(overview),  # the BOM makes Excel read UTF-8
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="overzicht-groep-{group_id}.csv"',
            "Cache-Control": "private, no-store",
        },
    )
