"""What her plan views share: the page's context and the answers after a change."""

from flask import redirect, url_for

from webapp.plan.forms import GoalForm, StepForm
from webapp.services import plan as plans


def area_labels() -> dict:
    return {k: v[0] for k, v in plans.AREAS.items()}


def page_context(user, step_form=None, goal_form=None):
    overview = plans.overview(user)
    plan = overview["plan"]
    return {
        **overview,
        "template": plans.template_by_area(plans.template_for(user)),
        "step_form": step_form or StepForm(formdata=None),
        "goal_form": goal_form
        or GoalForm(formdata=None, goal_kind=plan.goal_kind, goal_text=plan.goal_text),
        "statuses": plans.STATUSES,
        "goals": plans.GOALS,
        "area_labels": area_labels(),
    }


def back_to(step=None):
    anchor = f"#stap-{step.uuid}" if step is not None else ""
    return redirect(url_for("plan.index") + anchor, code=303)
