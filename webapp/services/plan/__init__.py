"""Her stappenplan: the rules. Every function takes the user and fetches her data by owner.

- `choices`: life areas, statuses, goals, the rungs of the ladder, text limits;
- `changes`: offline changes, last write wins per field (`Outcome`);
- `goal`: the plan itself, her goal and pause;
- `steps`: her steps, read and changed;
- `ladder`: where she stands on the participatieladder;
- `templates`: ready-made steps per group, and the shipped default;
- `sharing`: sharing with her begeleider, and the log of who read it;
- `demo`: Sara's demo plan.
"""

from webapp.services.plan.changes import Outcome
from webapp.services.plan.choices import AREAS, GOALS, LIMITS, RUNGS, STATUSES, STEP_FIELDS
from webapp.services.plan.demo import demo_steps
from webapp.services.plan.goal import get_plan, set_goal, set_paused
from webapp.services.plan.ladder import ladder, overview
from webapp.services.plan.sharing import (
    access_log,
    set_shared,
    shared_plan_for_staff,
    sharing_participants,
)
from webapp.services.plan.steps import (
    add_step,
    add_step_from_template,
    delete_step,
    done_steps,
    get_step,
    move_step,
    next_step,
    set_reflection,
    set_status,
    steps_of,
    steps_with_reflections,
    update_step,
)
from webapp.services.plan.templates import (
    DEFAULT_TEMPLATE,
    add_template_item,
    copy_template,
    delete_template_item,
    group_template,
    reset_template,
    template_by_area,
    template_for,
    template_item,
    template_items,
    update_template_item,
)

__all__ = [
    "AREAS",
    "DEFAULT_TEMPLATE",
    "GOALS",
    "LIMITS",
    "RUNGS",
    "STATUSES",
    "STEP_FIELDS",
    "Outcome",
    "access_log",
    "add_step",
    "add_step_from_template",
    "add_template_item",
    "copy_template",
    "delete_step",
    "delete_template_item",
    "demo_steps",
    "done_steps",
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
    "set_reflection",
    "set_shared",
    "set_status",
    "shared_plan_for_staff",
    "sharing_participants",
    "steps_with_reflections",
    "steps_of",
    "template_by_area",
    "template_for",
    "template_item",
    "template_items",
    "update_step",
    "update_template_item",
]
