"""The demo data shows the trainster's work: a past meeting with a picture, a worksheet in
three languages and a story."""

from sqlalchemy import select

from webapp.extensions import db
from webapp.models.materials import Material


def test_the_demo_meeting_has_a_picture_and_a_worksheet_in_three_languages(demo):
    materials = db.session.scalars(select(Material)).all()
    kinds = {f.kind: f for m in materials for f in m.files}
    assert {"picture", "pdf", "audio"} <= set(kinds)
    worksheet = next(m for m in materials if any(f.kind == "pdf" for f in m.files))
    assert {f.language for f in worksheet.files} == {"nl", "ar", "pl"}
    assert worksheet.version("title", "ar") and worksheet.version("title", "pl")
    assert all(m.meeting_id for m in materials)
