"""All models, imported here so Alembic and the app see one metadata."""

from webapp.models.access_codes import Invitation, ResetCode
from webapp.models.accounts import (
    Group,
    Membership,
    Organisation,
    OrganisationManager,
    Role,
    User,
)
from webapp.models.agenda import CalendarFeed, Meeting, MeetingSeries, Rsvp  # noqa: F401
from webapp.models.attendance import Attendance  # noqa: F401
from webapp.models.base import Base, utcnow
from webapp.models.childcare import CalamityPlan, CareApplication, Child  # noqa: F401
from webapp.models.cv import CvChecklistTick, CvItem, CvProfile  # noqa: F401
from webapp.models.materials import (  # noqa: F401
    HomeworkStep,
    Material,
    MaterialFile,
    MaterialOpen,
    MeetingReflection,
)
from webapp.models.mutations import AppliedMutation  # noqa: F401
from webapp.models.plan import (  # noqa: F401, E501
    Plan,
    PlanStep,
    Reflection,
    StepTemplate,
    StepTemplateItem,
)
from webapp.models.reminders import PushSubscription, Reminder, StaffMessage  # noqa: F401
from webapp.models.sessions import LoginSession
from webapp.models.sharing import Part, PartView, Share  # noqa: F401

__all__ = [
    "Base",
    "Group",
    "Invitation",
    "LoginSession",
    "Membership",
    "Organisation",
    "OrganisationManager",
    "ResetCode",
    "Role",
    "User",
    "utcnow",
]
