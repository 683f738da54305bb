"""Her plan page, her timeline of done steps, her goal, pausing, and sharing with staff."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.models import Role
from webapp.offline import client_time, offline_mutation
from webapp.plan import bp
from webapp.plan.forms import GoalForm
from webapp.plan.views.common import after, back_to, page_context
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
        steps=plans.done_steps(current_user),
        ladder=plans.ladder(current_user),
    )


@bp.post("/doel")
@roles(Role.PARTICIPANT)
@offline_mutation
def set_goal():
    form = GoalForm()
    if form.validate_on_submit():
        try:
            after(
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
    after(plans.set_paused(current_user, paused, at=client_time()))
    flash(
        _("Je plan staat op pauze. Dat is goed zo.") if paused else _("Welkom terug bij je plan.")
    )
    return back_to()


@bp.route("/delen", methods=["GET", "POST"])
@roles(Role.PARTICIPANT)
def sharing():
    if request.method == "POST":
        shared = request.form.get("shared") == "1"
        plans.set_shared(current_user, shared)
        flash(
            _("Je begeleider kan je plan nu lezen.")
            if shared
            else _("Je plan is nu alleen voor jou.")
        )
        return redirect(url_for("plan.sharing"), code=303)
    return render_template(
        "plan/sharing.html",
        plan=plans.get_plan(current_user),
        log=plans.access_log(current_user),
    )
