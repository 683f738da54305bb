"""'Download alles': every kind of row she owns is in the export, under the documented names,
with no secret in it; the file is written row by row."""

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models import Base
from webapp.services import agenda, childcare, cv, her_data, reminders, sessions, sharing
from webapp.services import plan as plans

OWNER_COLUMNS = ("user_id", "owner_id")


def owned_tables() -> dict:
    """Every model whose table has a column naming the user who owns the row."""
    return {
        mapper.class_: next(c for c in mapper.local_table.columns if c.name in OWNER_COLUMNS)
        for mapper in Base.registry.mappers
        if any(c.name in OWNER_COLUMNS for c in mapper.local_table.columns)
    }


def test_every_model_with_a_user_id_is_in_the_export():
    exported = {section.model for section in her_data.SECTIONS}
    missing = sorted(m.__name__ for m in owned_tables() if m not in exported)
    assert not missing, f"add these to services/her_data/sections.py: {missing}"


def test_section_names_and_fields_are_the_documented_ones():
    with open("docs/export.md", encoding="utf-8") as doc:
        documented = doc.read()
    for section in her_data.SECTIONS:
        assert f"`{section.name}`" in documented, section.name
        for field in section.fields:
            assert f"`{field}`" in documented, (section.name, field)


@pytest.fixture
def sara(sara, medewerker, zuid):
    """Sara after some weeks: a row in as many tables as she can have one."""
    step = plans.add_step(sara, "Cv maken", "vaardigheden").step
    plans.set_reflection(sara, step, "Ik ben trots")
    cv.save_profile(sara, "Ik werk graag met kinderen.")
    cv.add_item(sara, "experience", {"title": "Kassa", "place": "Albert Heijn"}, date.today())
    cv.set_item(sara, next(iter(cv.INTERVIEW_CHECKLIST)), True)
    child = childcare.add_child(sara, "Mo", 2022, today=date(2026, 12, 1))
    childcare.start_application(sara, child, "bso")
    childcare.save_calamity_plan(sara, "Mijn zus", "", "")
    meeting = factories.meeting(zuid, by=medewerker)
    agenda.answer_meeting(sara, meeting.id, "coming")
    sharing.set_viewers(sara, "plan", {medewerker.id})
    sharing.readable_part(medewerker, sara.id, "plan")
    reminders.save_subscription(
        sara, {"endpoint": "https://push.example/1", "keys": {"p256dh": "k", "auth": "a"}}
    )
    sessions.start_session(sara)
    return sara


def exported(owner) -> dict:
    return json.loads("".join(her_data.export_json(owner)))


def test_the_export_holds_every_row_she_owns(sara):
    data = exported(sara)
    assert data["format"] == "elke-stap-export" and data["version"] == 1
    assert [k for k in data if k not in ("format", "version", "exported_at")] == [
        s.name for s in her_data.SECTIONS
    ]
    owner_of = owned_tables()
    checked = 0
    for section in her_data.SECTIONS:
        column = owner_of.get(section.model)
        if column is None:
            continue
        count = db.session.scalar(
            select(func.count()).select_from(column.table).where(column == sara.id)
        )
        assert len(data[section.name]) == count, section.name
        checked += count > 0
    assert checked >= 15  # most kinds of row are really there, not only empty lists
    assert data["plan_steps"][0]["action"] == "Cv maken"
    assert data["plan_steps"][0]["proud_of"] == "Ik ben trots"
    assert data["calamity_plan"][0]["sick_child"] == "Mijn zus"
    assert data["looks_at_shared_parts"][0]["looked_by"] == "Marieke"


def test_no_secret_and_nobody_elses_data_is_in_it(sara, amina):
    plans.add_step(amina, "Taalles", "taal")
    text = "".join(her_data.export_json(sara))
    assert sara.password_hash not in text
    assert "Taalles" not in text and "Amina" not in text
    for word in ("password", "hash", "p256dh", "token"):
        assert word not in text


def test_the_file_is_written_in_pieces(sara):
    for n in range(30):
        plans.add_step(sara, f"Stap {n}", "taal")
    pieces = list(her_data.export_json(sara))
    assert len(pieces) > 30  # a piece per row, never the whole file at once
    assert max(len(p) for p in pieces) < 2000
