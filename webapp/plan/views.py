"""Her stappenplan at /plan, the read-only view for her begeleider when she shares, and the
step templates of groups. Changes she can make offline go through `@offline_mutation`."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import htmx
from webapp.models import Role
from webapp.offline import NotApplied, client_time, offline_mutation, report
from webapp.plan import bp
from webapp.plan.forms import GoalForm, ReflectionForm, StepForm, TemplateItemForm
from webapp.push_offer import offer_push
from webapp.security import STAFF_ROLES, roles
from webapp.services import ServiceError, accounts
from webapp.services import plan as plans


def _page_context(user, step_form=None, goal_form=None):
    plan = plans.get_plan(user)
    return {
        "plan": plan,
        "areas": plans.steps_by_area(user),
        "ladder": plans.ladder(user),
        "template": plans.template_by_area(plans.template_for(user)),
        "step_form": step_form or StepForm(formdata=None),
        "goal_form": goal_form
        or GoalForm(formdata=None, goal_kind=plan.goal_kind, goal_text=plan.goal_text),
        "statuses": plans.STATUSES,
        "goals": plans.GOALS,
        "area_labels": {k: v[0] for k, v in plans.AREAS.items()},
    }


def _my_step(step_uuid: str):
    step = plans.get_step(current_user, step_uuid)
    if step is None:
        abort(404)
    return step


def _my_step_for_mutation(step_uuid: str):
    """For changes that may arrive late: a step deleted on another phone is 'not applied'."""
    step = plans.get_step(current_user, step_uuid)
    if step is None:
        raise NotApplied(_("Deze stap bestaat niet meer. Je wijziging is niet bewaard."))
    return step


def _after(outcome) -> None:
    if outcome.superseded:
        report(
            "superseded",
            _("Op een ander apparaat is dit later veranderd. Die wijziging is gebleven."),
        )


def _back_to(step=None):
    anchor = f"#stap-{step.uuid}" if step is not None else ""
    return redirect(url_for("plan.index") + anchor, code=303)


@bp.get("/")
@roles(Role.PARTICIPANT)
def index():
    return render_template("plan/page.html", **_page_context(current_user))


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
            _after(
                plans.set_goal(
                    current_user, form.goal_kind.data, form.goal_text.data, at=client_time()
                )
            )
        except ServiceError as e:
            form.goal_kind.errors = [e.message]
        else:
            flash(_("Je doel is bewaard."))
            return redirect(url_for("plan.index"), code=303)
    return render_template("plan/page.html", **_page_context(current_user, goal_form=form)), 400


@bp.post("/pauze")
@roles(Role.PARTICIPANT)
@offline_mutation
def set_paused():
    paused = request.form.get("paused") == "1"
    _after(plans.set_paused(current_user, paused, at=client_time()))
    flash(
        _("Je plan staat op pauze. Dat is goed zo.") if paused else _("Welkom terug bij je plan.")
    )
    return redirect(url_for("plan.index"), code=303)


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
            return render_template("plan/_steps.html", **_page_context(current_user))
        flash(_("De stap staat in je plan."))
        return _back_to(outcome.step)
    form = StepForm()
    if form.validate_on_submit():
        try:
            outcome = plans.add_step(
                current_user,
                form.action.data,
                form.area.data,
                step_uuid=step_uuid,
                moment=form.moment.data,
                helper=form.helper.data,
                if_hard=form.if_hard.data,
                at=client_time(),
            )
        except ServiceError as e:
            getattr(form, e.field or "action").errors = [e.message]
        else:
            if form.moment.data:
                offer_push()  # a reminder the day before helps with a dated step
            flash(_("De stap staat in je plan."))
            return _back_to(outcome.step)
    return render_template("plan/page.html", **_page_context(current_user, step_form=form)), 400


@bp.get("/stappen/<step_uuid>")
@roles(Role.PARTICIPANT)
def edit_step(step_uuid: str):
    step = _my_step(step_uuid)
    form = StepForm(obj=step)
    return render_template(
        "plan/step.html", step=step, form=form, reflection_form=_reflection_form(step)
    )


def _reflection_form(step):
    return ReflectionForm(
        formdata=None, text=step.reflection.text if step.reflection is not None else ""
    )


@bp.post("/stappen/<step_uuid>")
@roles(Role.PARTICIPANT)
@offline_mutation
def update_step(step_uuid: str):
    step = _my_step_for_mutation(step_uuid)
    form = StepForm()
    if form.validate_on_submit():
        try:
            values = {
                "action": form.action.data,
                "area": form.area.data,
                "moment": form.moment.data,
                "helper": form.helper.data,
                "if_hard": form.if_hard.data,
            }
            _after(plans.update_step(current_user, step, values, at=client_time()))
        except ServiceError as e:
            getattr(form, e.field or "action").errors = [e.message]
        else:
            if form.moment.data:
                offer_push()
            flash(_("Je stap is bewaard."))
            return _back_to(step)
    return render_template(
        "plan/step.html", step=step, form=form, reflection_form=_reflection_form(step)
    ), 400


@bp.post("/stappen/<step_uuid>/status")
@roles(Role.PARTICIPANT)
@offline_mutation
def set_status(step_uuid: str):
    step = _my_step_for_mutation(step_uuid)
    try:
        _after(plans.set_status(current_user, step, request.form.get("status"), at=client_time()))
    except ServiceError:
        abort(400)
    if htmx:
        return render_template(
            "plan/_status_response.html",
            step=step,
            ladder=plans.ladder(current_user),
            statuses=plans.STATUSES,
        )
    return _back_to(step)


@bp.post("/stappen/<step_uuid>/trots")
@roles(Role.PARTICIPANT)
@offline_mutation
def set_reflection(step_uuid: str):
    step = _my_step_for_mutation(step_uuid)
    form = ReflectionForm()
    if form.validate_on_submit():
        _after(plans.set_reflection(current_user, step, form.text.data, at=client_time()))
        flash(_("Mooi! Dit staat nu bij wat je al gedaan hebt."))
        return _back_to(step)
    return render_template(
        "plan/step.html", step=step, form=StepForm(obj=step), reflection_form=form
    ), 400


@bp.post("/stappen/<step_uuid>/verplaats")
@roles(Role.PARTICIPANT)
def move_step(step_uuid: str):
    step = _my_step(step_uuid)
    plans.move_step(current_user, step, -1 if request.form.get("richting") == "omhoog" else 1)
    if htmx:
        return render_template("plan/_steps.html", **_page_context(current_user))
    return _back_to(step)


@bp.post("/stappen/<step_uuid>/weg")
@roles(Role.PARTICIPANT)
def delete_step(step_uuid: str):
    step = _my_step(step_uuid)
    plans.delete_step(current_user, step)
    flash(_("De stap is uit je plan gehaald."))
    return redirect(url_for("plan.index"), code=303)


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


# ---------------------------------------------------------------- staff


def _staff_group(group_id: int):
    group = accounts.get_group_for_staff(current_user, group_id)
    if group is None:
        abort(404)
    return group


@bp.get("/medewerker/groep/<int:group_id>")
@roles(*STAFF_ROLES)
def staff_group(group_id: int):
    group = _staff_group(group_id)
    return render_template(
        "plan/staff_group.html",
        group=group,
        sharing=plans.sharing_participants(current_user, group),
    )


@bp.get("/medewerker/deelneemster/<int:user_id>")
@roles(*STAFF_ROLES)
def staff_view(user_id: int):
    participant = plans.shared_plan_for_staff(current_user, user_id)
    if participant is None:
        abort(404)
    plan = plans.get_plan(participant)
    return render_template(
        "plan/staff_view.html",
        participant=participant,
        plan=plan,
        areas=plans.steps_by_area(participant),
        ladder=plans.ladder(participant),
        statuses=plans.STATUSES,
        goals=plans.GOALS,
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
        items=plans.template_items(group),
        others=others,
        form=form or TemplateItemForm(formdata=None),
        area_labels={k: v[0] for k, v in plans.AREAS.items()},
    ), status


@bp.post("/medewerker/groep/<int:group_id>/sjabloon/kopie")
@roles(*STAFF_ROLES)
def copy_template(group_id: int):
    group = _staff_group(group_id)
    source_id = request.form.get("bron", type=int)
    source = accounts.get_group_for_staff(current_user, source_id) if source_id else None
    plans.copy_template(group, source)
    flash(_("Deze groep heeft nu een eigen lijst met stappen."))
    return redirect(url_for("plan.template", group_id=group.id), code=303)


@bp.post("/medewerker/groep/<int:group_id>/sjabloon/standaard")
@roles(*STAFF_ROLES)
def reset_template(group_id: int):
    group = _staff_group(group_id)
    plans.reset_template(group)
    flash(_("Deze groep gebruikt weer de standaardlijst."))
    return redirect(url_for("plan.template", group_id=group.id), code=303)


@bp.post("/medewerker/groep/<int:group_id>/sjabloon/stappen")
@roles(*STAFF_ROLES)
def add_template_item(group_id: int):
    group = _staff_group(group_id)
    form = TemplateItemForm()
    if not form.validate_on_submit():
        return template(group_id, form=form, status=400)
    plans.add_template_item(group, form.area.data, form.action.data)
    return redirect(url_for("plan.template", group_id=group.id), code=303)


@bp.post("/medewerker/groep/<int:group_id>/sjabloon/stappen/<int:item_id>")
@roles(*STAFF_ROLES)
def edit_template_item(group_id: int, item_id: int):
    group = _staff_group(group_id)
    try:
        if request.form.get("weg"):
            plans.delete_template_item(group, item_id)
        else:
            plans.update_template_item(group, item_id, request.form.get("action", ""))
    except LookupError:
        abort(404)
    except ServiceError as e:
        flash(str(e.message))
    return redirect(url_for("plan.template", group_id=group.id), code=303)


# ---------------------------------------------------------------- hooks


def next_step_card(user):
    if user.role != Role.PARTICIPANT:
        return None
    step = plans.next_step(user)
    if step is None:
        return None
    return {"template": "plan/_home_card.html", "step": step, "statuses": plans.STATUSES}


def _register_hooks() -> None:
    from webapp.home.summary import register_home_card
    from webapp.services.demo import DEMO_EXTRAS
    from webapp.templating import OFFLINE_PAGES

    register_home_card("next_step", next_step_card)
    for endpoint in ("plan.index", "plan.timeline"):
        if endpoint not in OFFLINE_PAGES:
            OFFLINE_PAGES.append(endpoint)
    if plans.demo_steps not in DEMO_EXTRAS:
        DEMO_EXTRAS.append(plans.demo_steps)


_register_hooks()
