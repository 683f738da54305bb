"""Her stappenplan: the rules. Every function takes the user and fetches her data by owner.

- `choices`: life areas, statuses, goals, the rungs of the ladder, text limits;
- `goal`: the plan itself, her goal and pause;
- `steps`: her steps, read and changed;
- `ladder`: where she stands on the participatieladder;
- `templates`: ready-made steps per group, and the shipped default;
- `demo`: the demo plans (Sara's, the rest of Groep Zuid's) and Groep Zuid's own list.
"""

from webapp.services.plan.choices import AREAS, GOALS, LIMITS, RUNGS, STATUSES
from webapp.services.plan.demo import demo_group_list, demo_group_plans, demo_steps
from webapp.services.plan.goal import (
    get_plan,
    set_goal,
    set_paused,
    set_start_rung,
    start_rung_chosen,
)
from webapp.services.plan.ladder import ladder, overview
from webapp.services.plan.steps import (
    CLOSED_STATUSES,
    RECENT_CLOSED,
    add_step,
    add_step_from_template,
    delete_step,
    get_step,
    move_step,
    next_step,
    plan_page_steps,
    set_reflection,
    set_status,
    steps_of,
    timeline,
    update_step,
)
from webapp.services.plan.templates import (
    DEFAULT_TEMPLATE,
    add_template_item,
    copy_template,
    delete_template_item,
    get_template_item,
    group_template,
    reset_template,
    template_by_area,
    template_for,
    template_item,
    template_items,
    update_template_item,
)

__all__ = [
    "CLOSED_STATUSES",
    "RECENT_CLOSED",
    "AREAS",
    "DEFAULT_TEMPLATE",
    "GOALS",
    "LIMITS",
    "RUNGS",
    "STATUSES",
    "add_step",
    "add_step_from_template",
    "add_template_item",
    "copy_template",
    "delete_step",
    "delete_template_item",
    "get_template_item",
    "demo_group_list",
    "demo_group_plans",
    "demo_steps",
    "get_plan",
    "get_step",
    "group_template",
    "ladder",
    "overview",
    "move_step",
    "next_step",
    "reset_template",
    "set_goal",
    "set_paused",
    "set_start_rung",
    "start_rung_chosen",
    "set_reflection",
    "set_status",
    "plan_page_steps",
    "steps_of",
    "timeline",
    "template_by_area",
    "template_for",
    "template_item",
    "template_items",
    "update_step",
    "update_template_item",
]
