"""The changes she makes to her cv. Every form may be kept on her phone and sent later
(`@offline_mutation`); each is absolute, and the phone time goes to the service as `at`."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.cv import bp
from webapp.cv.forms import ITEM_FORMS, PART_FORMS, LanguageOfCvForm
from webapp.cv.views.common import list_context, part_of, part_page, slug_of
from webapp.extensions import htmx
from webapp.models import Role
from webapp.offline import (
    NotApplied,
    client_time,
    offline_mutation,
    report_outcome,
    report_superseded,
)
from webapp.security import roles
from webapp.services import ServiceError, cv


def _show_error(form, error: ServiceError) -> None:
    field = getattr(form, error.field or "", None) or next(
        f for f in form if f.type not in ("CSRFTokenField", "HiddenField")
    )
    field.errors = [error.message]


def _save_part(key: str, form):
    user, at, today = current_user, client_time(), date.today()
    data = form.data
    if key == "contact":
        return cv.save_contact(
            user,
            data["name"],
            data["town"],
            data["phone"],
            data["email"],
            data["show_town"],
            data["show_phone"],
            data["show_email"],
            at=at,
        )
    if key == "profile":
        return cv.save_profile(user, data["profile"], at=at)
    if key == "wish":
        return cv.save_wish(
            user, data["wish_work"], data["wish_hours"], data["wish_from"], today, at=at
        )
    return cv.save_availability(
        user, data["days"], data["childcare_from"], data["availability_note"], today, at=at
    )


@bp.post("/<slug>")
@roles(Role.PARTICIPANT)
@offline_mutation
def save_part(slug: str):
    key = part_of(slug)
    if key not in PART_FORMS:
        abort(404)
    form = PART_FORMS[key]()
    if form.validate_on_submit():
        try:
            report_outcome(_save_part(key, form))
        except ServiceError as e:
            _show_error(form, e)
        else:
            flash(_("Bewaard. Dit staat nu op je cv."))
            return redirect(url_for("cv.index") + f"#deel-{key}")
    return part_page(key, form=form, status=400)


@bp.post("/<slug>/nieuw")
@roles(Role.PARTICIPANT)
@offline_mutation
def add_item(slug: str):
    key = part_of(slug)
    if key not in cv.LIST_PARTS:
        abort(404)
    form = ITEM_FORMS[key]()
    if form.validate_on_submit():
        values = {**form.data, "key": request.form.get("key", "")}
        try:
            cv.add_item(
                current_user,
                key,
                values,
                date.today(),
                item_uuid=request.form.get("item_uuid"),
                at=client_time(),
            )
        except ServiceError as e:
            _show_error(form, e)
        else:
            flash(_("Bewaard. Dit staat nu op je cv."))
            return redirect(url_for("cv.part", slug=slug) + f"#lijst-{key}")
    return part_page(key, form=form, status=400)


def _my_item(item_uuid: str):
    """For changes that may arrive late: an item removed on another phone is 'not applied'."""
    item = cv.get_item(current_user, item_uuid)
    if item is None:
        raise NotApplied(_("Dit staat niet meer op je cv. Je wijziging is niet bewaard."))
    return item


def _list_answer(key: str):
    if htmx:
        return render_template("cv/_items.html", **list_context(current_user, key))
    return redirect(url_for("cv.part", slug=slug_of(key)) + f"#lijst-{key}")


@bp.post("/regel/<item_uuid>")
@roles(Role.PARTICIPANT)
@offline_mutation
def update_item(item_uuid: str):
    item = _my_item(item_uuid)
    form = ITEM_FORMS[item.part](prefix=item.uuid)
    if form.validate_on_submit():
        try:
            report_outcome(
                cv.update_item(current_user, item, form.data, date.today(), at=client_time())
            )
        except ServiceError as e:
            _show_error(form, e)
        else:
            flash(_("Bewaard. Dit staat nu op je cv."))
            return redirect(url_for("cv.part", slug=slug_of(item.part)) + f"#regel-{item.uuid}")
    return part_page(item.part, edit=form, status=400)


@bp.post("/regel/<item_uuid>/verplaats")
@roles(Role.PARTICIPANT)
@offline_mutation
def move_item(item_uuid: str):
    item = _my_item(item_uuid)
    to = request.form.get("to", type=int)
    if to is None:
        abort(400)
    report_outcome(cv.move_item(current_user, item, to, at=client_time()))
    return _list_answer(item.part)


@bp.post("/regel/<item_uuid>/weg")
@roles(Role.PARTICIPANT)
@offline_mutation
def remove_item(item_uuid: str):
    item = _my_item(item_uuid)
    part = item.part
    if not cv.remove_item(current_user, item, at=client_time()):
        report_superseded()
    return _list_answer(part)


@bp.post("/taal")
@roles(Role.PARTICIPANT)
@offline_mutation
def set_language():
    form = LanguageOfCvForm()
    if form.validate_on_submit():
        report_outcome(cv.set_language(current_user, form.language.data, at=client_time()))
        flash(_("Bewaard. De koppen van je cv staan nu in die taal."))
    return redirect(url_for("cv.index") + "#pdf", code=303)


@bp.post("/lijst/<item>")
@roles(Role.PARTICIPANT)
@offline_mutation
def set_item(item: str):
    try:
        outcome = cv.set_item(current_user, item, request.form.get("done") == "1", at=client_time())
    except ServiceError:
        abort(404)
    report_outcome(outcome)
    if htmx:
        label, help_text = cv.INTERVIEW_CHECKLIST[item]
        return render_template(
            "cv/_item.html",
            key=item,
            label=label,
            help_text=help_text,
            is_done=item in cv.ticked_items(current_user),
        )
    return redirect(url_for("cv.index") + f"#item-{item}")
