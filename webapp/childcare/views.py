"""Her kinderopvang page: children, applications per kind of care, and her calamiteitenplan."""

from datetime import date

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.childcare import bp
from webapp.childcare.forms import CalamityForm, ChildForm, KindForm, StatusForm
from webapp.models import Role
from webapp.offline import client_time, offline_mutation, report_outcome, report_superseded
from webapp.security import found_or_404, roles
from webapp.services import ServiceError, childcare


def _overview(child_form=None, status=200):
    return render_template(
        "childcare/page.html",
        children=childcare.children_of(current_user),
        child_form=child_form or ChildForm(),
        kind_form=KindForm(),
        statuses=childcare.STATUSES,
        kinds=childcare.KINDS,
        waiting_for=childcare.WAITING_FOR,
    ), status


def _own_child(child_id: int):
    return found_or_404(childcare.get_child(current_user, child_id))


def _own_application(application_id: int):
    return found_or_404(childcare.get_application(current_user, application_id))


@bp.get("/")
@roles(Role.PARTICIPANT)
def index():
    return _overview()


@bp.post("/kinderen")
@roles(Role.PARTICIPANT)
@offline_mutation
def add_child():
    form = ChildForm()
    if form.validate_on_submit():
        try:
            childcare.add_child(
                current_user, form.nickname.data, form.birth_year.data, date.today()
            )
        except ServiceError as e:
            getattr(form, e.field).errors = [e.message]
        else:
            return redirect(url_for("childcare.index"))
    return _overview(form, 400)


@bp.post("/kinderen/<int:child_id>/verwijderen")
@roles(Role.PARTICIPANT)
@offline_mutation
def remove_child(child_id: int):
    if not childcare.remove_child(current_user, _own_child(child_id), at=client_time()):
        report_superseded()
    return redirect(url_for("childcare.index"))


@bp.post("/kinderen/<int:child_id>/opvang")
@roles(Role.PARTICIPANT)
@offline_mutation
def start_application(child_id: int):
    child = _own_child(child_id)
    form = KindForm()
    if not form.validate_on_submit():
        return _overview(status=400)
    application = childcare.start_application(current_user, child, form.kind.data)
    return redirect(url_for("childcare.application", application_id=application.id))


@bp.route("/aanvragen/<int:application_id>", methods=["GET", "POST"])
@roles(Role.PARTICIPANT)
@offline_mutation
def application(application_id: int):
    application = _own_application(application_id)
    form = StatusForm(obj=application)
    if form.validate_on_submit():
        try:
            outcome = childcare.update_application(
                current_user,
                application,
                form.status.data,
                form.waiting_for.data or "",
                form.provider.data,
                form.next_action.data,
                form.next_action_on.data,
                at=client_time(),
            )
        except ServiceError as e:
            getattr(form, e.field or "status").errors = [e.message]
        else:
            report_outcome(outcome)
            flash(_("Bewaard. Goed dat je dit bijhoudt."))
            return redirect(url_for("childcare.index"))
    return render_template(
        "childcare/application.html",
        application=application,
        form=form,
        kinds=childcare.KINDS,
        steps=list(childcare.STATUSES),
    ), (400 if form.errors else 200)


@bp.post("/aanvragen/<int:application_id>/verwijderen")
@roles(Role.PARTICIPANT)
@offline_mutation
def remove_application(application_id: int):
    application = _own_application(application_id)
    if not childcare.remove_application(current_user, application, at=client_time()):
        report_superseded()
    return redirect(url_for("childcare.index"))


@bp.route("/noodplan", methods=["GET", "POST"])
@roles(Role.PARTICIPANT)
@offline_mutation
def calamity_plan():
    form = CalamityForm(obj=childcare.calamity_plan_of(current_user))
    if form.validate_on_submit():
        try:
            outcome = childcare.save_calamity_plan(
                current_user,
                form.sick_child.data,
                form.school_holidays.data,
                form.study_days.data,
                at=client_time(),
            )
        except ServiceError as e:
            getattr(form, e.field).errors = [e.message]
        else:
            report_outcome(outcome)
            flash(_("Je noodplan is bewaard."))
            return redirect(url_for("childcare.index"))
    return render_template("childcare/calamity.html", form=form), (400 if form.errors else 200)
