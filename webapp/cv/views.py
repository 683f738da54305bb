"""Her cv-checklist and the sollicitatie-checklist."""

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from webapp.cv import bp
from webapp.extensions import htmx
from webapp.models import Role
from webapp.offline import offline_mutation
from webapp.security import roles
from webapp.services import ServiceError, cv


@bp.get("/")
@roles(Role.PARTICIPANT)
def index():
    done, total = cv.progress(current_user)
    return render_template(
        "cv/page.html",
        checklist=cv.CV_CHECKLIST,
        leave_out=cv.LEAVE_OUT,
        ticked=cv.ticked_items(current_user),
        done=done,
        total=total,
    )


@bp.post("/lijst/<item>")
@roles(Role.PARTICIPANT)
@offline_mutation
def set_item(item: str):
    try:
        done = cv.set_item(current_user, item, request.form.get("done") == "1")
    except ServiceError:
        abort(404)
    if htmx:
        label = next(items[item] for _t, items in cv.CV_CHECKLIST.values() if item in items)
        ticked, total = cv.progress(current_user)
        return render_template(
            "cv/_item.html", key=item, label=label, is_done=done
        ) + render_template("cv/_progress.html", done=ticked, total=total, oob=True)
    return redirect(url_for("cv.index") + f"#item-{item}")


def _register() -> None:
    from webapp.templating import OFFLINE_PAGES

    if "cv.index" not in OFFLINE_PAGES:
        OFFLINE_PAGES.append("cv.index")


_register()
