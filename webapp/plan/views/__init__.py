"""Her stappenplan at /plan (`her_plan`, `steps`), and for staff the read-only view of a plan
she shares and the step templates of groups (`staff`). Changes she can make offline go through
`@offline_mutation`. All on the blueprint `plan`."""

from webapp.plan.views import her_plan, staff, steps  # noqa: F401
