"""Every kind of row she owns, and what the export calls each field.

The names here are the export's stable field names (docs/export.md): a column renamed in a
model keeps its name in the export by being listed as `"old_name": Model.new_name`.
Secrets are never exported (hashes of her password, her login keys, her calendar link and her
reset codes; her phone's push keys). `tests/services/test_her_data.py` fails when a model
with a `user_id` or `owner_id` column is not here.
"""

from dataclasses import dataclass

from sqlalchemy import Select, bindparam, select

from webapp.models import Group, Membership, PartView, Share, User
from webapp.models.access_codes import ResetCode
from webapp.models.accounts import OrganisationManager
from webapp.models.agenda import CalendarFeed, Meeting, Rsvp
from webapp.models.attendance import Attendance
from webapp.models.childcare import CalamityPlan, CareApplication, Child
from webapp.models.cv import CvChecklistTick, CvItem, CvProfile
from webapp.models.materials import HomeworkStep, MaterialOpen, MeetingReflection
from webapp.models.mutations import AppliedMutation
from webapp.models.plan import Plan, PlanStep, Reflection
from webapp.models.reminders import NotificationSettings, PushSubscription, Reminder
from webapp.models.sessions import LoginSession

_OWNER = bindparam("owner")


@dataclass(frozen=True)
class Section:
    name: str  # the key in the JSON file
    model: type
    query: Select  # her rows: `owner` is bound when it runs

    @property
    def fields(self) -> list[str]:
        return [c.name for c in self.query.selected_columns]


def _rows(owner_column, order, **fields) -> Select:
    return (
        select(*(column.label(name) for name, column in fields.items()))
        .where(owner_column == _OWNER)
        .order_by(*order)
    )


SECTIONS: tuple[Section, ...] = (
    Section(
        "account",
        User,
        _rows(
            User.id,
            [User.id],
            username=User.username,
            display_name=User.display_name,
            language=User.language,
            created_at=User.created_at,
        ),
    ),
    Section(
        "groups",
        Membership,
        select(
            Group.name.label("group"),
            Membership.joined_at.label("joined_at"),
        )
        .join(Group, Group.id == Membership.group_id)
        .where(Membership.user_id == _OWNER)
        .order_by(Membership.joined_at),
    ),
    Section(
        "plan",
        Plan,
        _rows(
            Plan.owner_id,
            [Plan.id],
            goal_kind=Plan.goal_kind,
            goal_text=Plan.goal_text,
            paused=Plan.paused,
            start_rung=Plan.start_rung,
            created_at=Plan.created_at,
        ),
    ),
    Section(
        "plan_steps",
        PlanStep,
        select(
            PlanStep.uuid.label("uuid"),
            PlanStep.area.label("area"),
            PlanStep.action.label("action"),
            PlanStep.moment.label("date"),
            PlanStep.helper.label("helper"),
            PlanStep.if_hard.label("if_hard"),
            PlanStep.status.label("status"),
            PlanStep.rung.label("rung"),
            PlanStep.created_at.label("created_at"),
            PlanStep.done_at.label("done_at"),
            Reflection.text.label("proud_of"),
        )
        .outerjoin(Reflection, Reflection.step_id == PlanStep.id)
        .where(PlanStep.owner_id == _OWNER)
        .order_by(PlanStep.created_at, PlanStep.id),
    ),
    Section(
        "cv_profile",
        CvProfile,
        _rows(
            CvProfile.user_id,
            [CvProfile.id],
            name=CvProfile.name,
            town=CvProfile.town,
            phone=CvProfile.phone,
            email=CvProfile.email,
            show_town=CvProfile.show_town,
            show_phone=CvProfile.show_phone,
            show_email=CvProfile.show_email,
            profile=CvProfile.profile,
            wish_work=CvProfile.wish_work,
            wish_hours=CvProfile.wish_hours,
            wish_from=CvProfile.wish_from,
            days=CvProfile.days,
            childcare_from=CvProfile.childcare_from,
            availability_note=CvProfile.availability_note,
            language=CvProfile.language,
            updated_at=CvProfile.updated_at,
        ),
    ),
    Section(
        "cv_items",
        CvItem,
        _rows(
            CvItem.user_id,
            [CvItem.part, CvItem.position, CvItem.id],
            uuid=CvItem.uuid,
            part=CvItem.part,
            key=CvItem.key,
            kind=CvItem.kind,
            title=CvItem.title,
            place=CvItem.place,
            country=CvItem.country,
            period=CvItem.period,
            details=CvItem.details,
            abroad=CvItem.abroad,
            valued=CvItem.valued,
            position=CvItem.position,
            created_at=CvItem.created_at,
        ),
    ),
    Section(
        "cv_checklist",
        CvChecklistTick,
        _rows(
            CvChecklistTick.user_id,
            [CvChecklistTick.id],
            item=CvChecklistTick.item,
            done=CvChecklistTick.done,
            done_at=CvChecklistTick.done_at,
        ),
    ),
    Section(
        "children",
        Child,
        _rows(
            Child.user_id,
            [Child.id],
            id=Child.id,
            nickname=Child.nickname,
            birth_year=Child.birth_year,
            created_at=Child.created_at,
        ),
    ),
    Section(
        "childcare",
        CareApplication,
        _rows(
            CareApplication.user_id,
            [CareApplication.child_id, CareApplication.id],
            child_id=CareApplication.child_id,
            kind=CareApplication.kind,
            status=CareApplication.status,
            waiting_for=CareApplication.waiting_for,
            provider=CareApplication.provider,
            next_action=CareApplication.next_action,
            next_action_on=CareApplication.next_action_on,
            updated_at=CareApplication.updated_at,
        ),
    ),
    Section(
        "calamity_plan",
        CalamityPlan,
        _rows(
            CalamityPlan.user_id,
            [CalamityPlan.id],
            sick_child=CalamityPlan.sick_child,
            school_holidays=CalamityPlan.school_holidays,
            study_days=CalamityPlan.study_days,
            updated_at=CalamityPlan.updated_at,
        ),
    ),
    Section(
        "meeting_answers",
        Rsvp,
        select(
            Meeting.title.label("meeting"),
            Meeting.starts_at.label("starts_at"),
            Rsvp.answer.label("answer"),
            Rsvp.reason.label("reason"),
            Rsvp.childcare_needed.label("childcare_needed"),
            Rsvp.children_count.label("children_count"),
            Rsvp.children_ages.label("children_ages"),
            Rsvp.answered_at.label("answered_at"),
        )
        .join(Meeting, Meeting.id == Rsvp.meeting_id)
        .where(Rsvp.user_id == _OWNER)
        .order_by(Meeting.starts_at, Rsvp.id),
    ),
    Section(
        "attendance",
        Attendance,
        select(
            Meeting.title.label("meeting"),
            Meeting.starts_at.label("starts_at"),
            Attendance.present.label("present"),
            Attendance.marked_at.label("marked_at"),
        )
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.user_id == _OWNER)
        .order_by(Meeting.starts_at, Attendance.id),
    ),
    Section(
        "meeting_reflections",
        MeetingReflection,
        select(
            Meeting.title.label("meeting"),
            Meeting.starts_at.label("starts_at"),
            MeetingReflection.went_well.label("went_well"),
            MeetingReflection.was_hard.label("was_hard"),
            MeetingReflection.next_step.label("next_step"),
            MeetingReflection.proud_of.label("proud_of"),
            MeetingReflection.created_at.label("created_at"),
            MeetingReflection.updated_at.label("updated_at"),
        )
        .join(Meeting, Meeting.id == MeetingReflection.meeting_id)
        .where(MeetingReflection.user_id == _OWNER)
        .order_by(Meeting.starts_at, MeetingReflection.id),
    ),
    Section(
        "homework_steps",
        HomeworkStep,
        select(
            Meeting.title.label("meeting"),
            PlanStep.uuid.label("step_uuid"),
            HomeworkStep.created_at.label("created_at"),
        )
        .join(Meeting, Meeting.id == HomeworkStep.meeting_id)
        .outerjoin(PlanStep, PlanStep.id == HomeworkStep.step_id)
        .where(HomeworkStep.user_id == _OWNER)
        .order_by(HomeworkStep.created_at, HomeworkStep.id),
    ),
    Section(
        "materials_opened",
        MaterialOpen,
        _rows(
            MaterialOpen.user_id,
            [MaterialOpen.opened_at, MaterialOpen.id],
            material_id=MaterialOpen.material_id,
            opened_at=MaterialOpen.opened_at,
        ),
    ),
    Section(
        "inbox",
        Reminder,
        _rows(
            Reminder.user_id,
            [Reminder.created_at, Reminder.id],
            kind=Reminder.kind,
            due_at=Reminder.due_at,
            url=Reminder.url,
            params=Reminder.params,
            created_at=Reminder.created_at,
            push_state=Reminder.push_state,
            read_at=Reminder.read_at,
            answer=Reminder.answer,
        ),
    ),
    Section(
        "notification_settings",
        NotificationSettings,
        _rows(
            NotificationSettings.user_id,
            [NotificationSettings.user_id],
            push_enabled=NotificationSettings.push_enabled,
            quiet_start=NotificationSettings.quiet_start,
            quiet_end=NotificationSettings.quiet_end,
            lock_screen=NotificationSettings.lock_screen,
            updated_at=NotificationSettings.updated_at,
        ),
    ),
    Section(
        "push_subscriptions",
        PushSubscription,
        _rows(
            PushSubscription.user_id,
            [PushSubscription.id],
            created_at=PushSubscription.created_at,
            last_seen_at=PushSubscription.last_seen_at,
        ),
    ),
    Section(
        "sharing",
        Share,
        select(
            Share.part.label("part"),
            User.display_name.label("shared_with"),
            Share.created_at.label("since"),
        )
        .join(User, User.id == Share.viewer_id)
        .where(Share.owner_id == _OWNER)
        .order_by(Share.part, Share.id),
    ),
    Section(
        "looks_at_shared_parts",
        PartView,
        select(
            PartView.part.label("part"),
            User.display_name.label("looked_by"),
            PartView.viewed_at.label("viewed_at"),
        )
        .join(User, User.id == PartView.viewer_id)
        .where(PartView.owner_id == _OWNER)
        .order_by(PartView.viewed_at, PartView.id),
    ),
    Section(
        "logins",
        LoginSession,
        _rows(
            LoginSession.user_id,
            [LoginSession.created_at, LoginSession.id],
            device=LoginSession.device,
            shared_phone=LoginSession.shared,
            created_at=LoginSession.created_at,
            last_used_at=LoginSession.last_used_at,
            expires_at=LoginSession.expires_at,
        ),
    ),
    Section(
        "calendar_links",
        CalendarFeed,
        _rows(
            CalendarFeed.user_id,
            [CalendarFeed.id],
            created_at=CalendarFeed.created_at,
            revoked_at=CalendarFeed.revoked_at,
            last_used_at=CalendarFeed.last_used_at,
        ),
    ),
    Section(
        "reset_codes",
        ResetCode,
        _rows(
            ResetCode.user_id,
            [ResetCode.id],
            created_at=ResetCode.created_at,
            expires_at=ResetCode.expires_at,
            used_at=ResetCode.used_at,
        ),
    ),
    Section(
        "changes_sent_from_her_phone",
        AppliedMutation,
        _rows(
            AppliedMutation.user_id,
            [AppliedMutation.created_at, AppliedMutation.id],
            endpoint=AppliedMutation.endpoint,
            result=AppliedMutation.result,
            client_time=AppliedMutation.client_time,
            created_at=AppliedMutation.created_at,
        ),
    ),
    Section(
        "organisations_managed",
        OrganisationManager,
        _rows(
            OrganisationManager.user_id,
            [OrganisationManager.id],
            organisation_id=OrganisationManager.organisation_id,
            created_at=OrganisationManager.created_at,
        ),
    ),
)
