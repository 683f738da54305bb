"""Her steps: adding (her own or from the template), editing, status, what she is proud of,
order and removal."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import htmx
from webapp.models import Role
from webapp.models.plan import StepStatus
from webapp.offline import (
    NotApplied,
    client_time,
    offline_mutation,
    report_outcome,
    report_superseded,
)
from webapp.plan import bp
from webapp.plan.forms import ReflectionForm, StepForm
from webapp.plan.views.common import back_to, page_context
from webapp.push_offer import offer_push
from webapp.security import found_or_404, roles
from webapp.services import ServiceError
from webapp.services import plan as plans


def _my_step(step_uuid: str):
    return found_or_404(plans.get_step(current_user, step_uuid))


def _my_step_for_mutation(step_uuid: str):
    """For changes that may arrive late: a step deleted on another phone is 'not applied'."""
    step = plans.get_step(current_user, step_uuid)
    if step is None:
        raise NotApplied(_("Deze stap bestaat niet meer. Je wijziging is niet bewaard."))
    return step


def _step_values(form) -> dict:
    return {
        "action": form.action.data,
        "area": form.area.data,
        "moment": form.moment.data,
        "helper": form.helper.data,
        "if_hard": form.if_hard.data,
    }


def _reflection_form(step):
    return ReflectionForm(
        formdata=None, text=step.reflection.text if step.reflection is not None else ""
    )


def _step_page(step, form, reflection_form, status=200):
    return render_template(
        "plan/step.html", step=step, form=form, reflection_form=reflection_form
    ), status


@bp.post("/stappen")
@roles(Role.PARTICIPANT)
@offline_mutation
def add_step():
    step_uuid = request.form.get("step_uuid")
    key = request.form.get("template")
    if key:
        try:
            outcome = plans.add_step_from_template(
                current_user, key, step_uuid=step_uuid, at=client_time()
            )
        except ServiceError as e:
            raise NotApplied(e.message) from None
        if htmx:
            return render_template("plan/_steps.html", **page_context(current_user))
        flash(_("De stap staat in je plan."))
        return back_to(outcome.step)
    form = StepForm()
    if form.validate_on_submit():
        try:
            outcome = plans.add_step(
                current_user, step_uuid=step_uuid, at=client_time(), **_step_values(form)
            )
        except ServiceError as e:
            getattr(form, e.field or "action").errors = [e.message]
        else:
            if form.moment.data:
                offer_push()  # a reminder the day before helps with a dated step
            flash(_("De stap staat in je plan."))
            return back_to(outcome.step)
    return render_template("plan/page.html", **page_context(current_user, step_form=form)), 400


@bp.get("/stappen/<step_uuid>")
@roles(Role.PARTICIPANT)
def edit_step(step_uuid: str):
    step = _my_step(step_uuid)
    return _step_page(step, StepForm(obj=step), _reflection_form(step))


@bp.post("/stappen/<step_uuid>")
@roles(Role.PARTICIPANT)
@offline_mutation
def update_step(step_uuid: str):
    step = _my_step_for_mutation(step_uuid)
    form = StepForm()
    if form.validate_on_submit():
        try:
            report_outcome(
                plans.update_step(current_user, step, _step_values(form), at=client_time())
            )
        except ServiceError as e:
            getattr(form, e.field or "action").errors = [e.message]
        else:
            if form.moment.data:
                offer_push()
            flash(_("Je stap is bewaard."))
            return back_to(step)
    return _step_page(step, form, _reflection_form(step), 400)


@bp.post("/stappen/<step_uuid>/status")
@roles(Role.PARTICIPANT)
@offline_mutation
def set_status(step_uuid: str):
    step = _my_step_for_mutation(step_uuid)
    try:
        report_outcome(
            plans.set_status(current_user, step, request.form.get("status"), at=client_time())
        )
    except ServiceError:
        abort(400)
    if request.form.get("back") == "home":
        # Tapped on her home's card: back there, celebrating a step she finished.
        done = step.status == StepStatus.DONE
        return redirect(url_for("home.index", gedaan=step.uuid if done else None), code=303)
    if htmx:
        return render_template(
            "plan/_status_response.html",
            step=step,
            ladder=plans.ladder(current_user),
            statuses=plans.STATUSES,
        )
    return back_to(step)


@bp.post("/stappen/<step_uuid>/trots")
@roles(Role.PARTICIPANT)
@offline_mutation
def set_reflection(step_uuid: str):
    step = _my_step_for_mutation(step_uuid)
    form = ReflectionForm()
    if form.validate_on_submit():
        report_outcome(plans.set_reflection(current_user, step, form.text.data, at=client_time()))
        flash(_("Mooi! Dit staat nu bij wat je al gedaan hebt."))
        return back_to(step)
    return _step_page(step, StepForm(obj=step), form, 400)


@bp.post("/stappen/<step_uuid>/verplaats")
@roles(Role.PARTICIPANT)
@offline_mutation
def move_step(step_uuid: str):
    step = _my_step_for_mutation(step_uuid)
    direction = -1 if request.form.get("richting") == "omhoog" else 1
    plans.move_step(current_user, step, direction, at=client_time())
    if htmx:
        return render_template("plan/_steps.html", **page_context(current_user))
    return back_to(step)


@bp.post("/stappen/<step_uuid>/weg")
@roles(Role.PARTICIPANT)
@offline_mutation
def delete_step(step_uuid: str):
    step = _my_step_for_mutation(step_uuid)
    if not plans.delete_step(current_user, step, at=client_time()):
        report_superseded()
        return back_to(step)
    flash(_("De stap is uit je plan gehaald."))
    return back_to()
