"""Her plan page, her timeline of done steps, her goal and pausing."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.models import Role
from webapp.offline import client_time, offline_mutation, report_outcome
from webapp.plan import bp
from webapp.plan.forms import GoalForm
from webapp.plan.views.common import back_to, page_context
from webapp.security import roles
from webapp.services import ServiceError
from webapp.services import plan as plans


@bp.get("/")
@roles(Role.PARTICIPANT)
def index():
    return render_template("plan/page.html", **page_context(current_user))


@bp.get("/gedaan")
@roles(Role.PARTICIPANT)
def timeline():
    return render_template(
        "plan/timeline.html",
        page=plans.timeline(current_user, request.args.get("pagina", 1, type=int)),
    )


@bp.post("/doel")
@roles(Role.PARTICIPANT)
@offline_mutation
def set_goal():
    form = GoalForm()
    if form.validate_on_submit():
        try:
            report_outcome(
                plans.set_goal(
                    current_user, form.goal_kind.data, form.goal_text.data, at=client_time()
                )
            )
        except ServiceError as e:
            form.goal_kind.errors = [e.message]
        else:
            flash(_("Je doel is bewaard."))
            return back_to()
    return render_template("plan/page.html", **page_context(current_user, goal_form=form)), 400


@bp.post("/pauze")
@roles(Role.PARTICIPANT)
@offline_mutation
def set_paused():
    paused = request.form.get("paused") == "1"
    report_outcome(plans.set_paused(current_user, paused, at=client_time()))
    flash(
        _("Je plan staat op pauze. Dat is goed zo.") if paused else _("Welkom terug bij je plan.")
    )
    return back_to()


@bp.post("/startpunt")
@roles(Role.PARTICIPANT)
@offline_mutation
def set_start_rung():
    try:
        rung = int(request.form.get("start_rung", ""))
    except ValueError:
        rung = 0
    try:
        report_outcome(plans.set_start_rung(current_user, rung, at=client_time()))
    except ServiceError as e:
        flash(e.message)
        return render_template("plan/page.html", **page_context(current_user)), 400
    flash(_("Bewaard. Vanaf hier telt elke stap omhoog."))
    return redirect(url_for("plan.index") + "#ladder", code=303)
