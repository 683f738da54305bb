"""Materials: files checked by content, pictures shrunk and stripped of EXIF, texts sanitised,
who may share and remove what, and the group told once."""

import io
import re

import pytest
from PIL import Image
from sqlalchemy import func, select

from tests import materials_files as files
from tests.agenda_fixtures import *  # noqa: F403  (pytest fixture: told)
from tests.factories import meeting as make_meeting
from tests.factories import participant, trainer
from webapp.extensions import db
from webapp.models.materials import Material, MaterialFile
from webapp.models.reminders import Reminder, ReminderKind
from webapp.rich_text import render
from webapp.services import ServiceError
from webapp.services import materials as service
from webapp.services.materials import MaterialText, Upload


@pytest.fixture
def meeting(medewerker, zuid):
    return make_meeting(zuid, by=medewerker, title="Geld en werk")


def share(user, group, meeting, data=None, title="Werkblad", language=""):
    upload = Upload(data, language) if data is not None else None
    return service.add_material(user, group, meeting, MaterialText(title=title), upload)


def stored(material) -> bytes:
    with open(service.path_of(material.files[0].storage_key), "rb") as f:
        return f.read()


# --- Files, by their content -------------------------------------------------------------------


def test_a_photo_is_shrunk_and_loses_its_gps_data(trainster, zuid, meeting):
    original = files.photo_with_gps()
    assert b"GPS" in original or Image.open(io.BytesIO(original)).getexif().get(0x8825)
    material = share(trainster, zuid, meeting, original, title="Foto")
    data = stored(material)
    picture = Image.open(io.BytesIO(data))
    assert picture.format == "JPEG"
    assert max(picture.size) <= 1600
    assert len(data) <= 300_000
    assert not picture.getexif()  # no EXIF at all, so no GPS
    assert b"Exif" not in data[:4096] and b"Telefoonmerk" not in data
    assert (material.files[0].width, material.files[0].height) == picture.size


def test_a_transparent_png_becomes_a_small_jpeg(zuid, meeting):
    checked = service.check_file(files.png())
    assert checked.content_type == "image/jpeg" and checked.width == 40


@pytest.mark.parametrize(
    "data, words",
    [
        (files.SVG_WITH_SCRIPT, "Dit soort bestand kan hier niet"),
        (files.HTML_AS_PDF, "Dit soort bestand kan hier niet"),
        (files.EXECUTABLE, "Dit soort bestand kan hier niet"),
        (b"", "leeg"),
        (files.truncated_png(), "kapot"),
        (b"%PDF-1.4\n<html>not really</html>", "kapot"),
        (b"\x00" * (30 * 1000 * 1000), "te groot (30 MB)"),
    ],
    ids=["svg-with-script", "html-as-pdf", "executable", "empty", "truncated-png", "pdf-without-end",
         "30-mb"],
)  # fmt: skip
def test_hostile_or_broken_files_are_refused_and_nothing_is_stored(
    trainster, zuid, meeting, upload_folder, data, words
):
    before = db.session.scalar(select(func.count(MaterialFile.id)))
    with pytest.raises(ServiceError) as refused:
        share(trainster, zuid, meeting, data)
    assert words in str(refused.value.message) and refused.value.field == "file"
    assert db.session.scalar(select(func.count(MaterialFile.id))) == before
    assert not db.session.scalar(select(Material.id).where(Material.meeting_id == meeting.id))


@pytest.mark.parametrize(
    "data, content_type",
    [(files.pdf(), "application/pdf"), (files.ogg(), "audio/ogg"), (files.WEBM, "audio/webm"),
     (files.MP3, "audio/mpeg"), (files.M4A, "audio/mp4")],
)  # fmt: skip
def test_worksheets_and_audio_are_recognised_by_content(data, content_type):
    assert service.check_file(data).content_type == content_type


def test_the_room_per_meeting_is_kept(trainster, zuid, meeting, monkeypatch):
    monkeypatch.setattr("webapp.services.materials.publishing.MAX_PER_MEETING", 150_000)
    share(trainster, zuid, meeting, files.pdf())
    share(trainster, zuid, meeting, files.ogg())
    assert service.space_left(zuid.id, meeting.id) < 41_381
    with pytest.raises(ServiceError) as refused:
        share(trainster, zuid, meeting, files.pdf())
    assert "ruimte" in str(refused.value.message)


# --- Text ----------------------------------------------------------------------------------------


def test_formatting_is_kept_and_anything_that_runs_is_not():
    html = str(
        render(
            "**Vet** en een [link](https://example.org)\n\n- een\n- twee\n\n"
            '<script>alert(1)</script> <img src=x onerror="alert(1)"> [x](javascript:alert(1)) '
            '<b style="color:red">stijl</b>'
        )
    )
    assert "<strong>Vet</strong>" in html and "<li>een</li>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "<script" not in html and "<img" not in html and "<b " not in html
    assert not re.search(r"<[^>]*(onerror|style=|javascript:)", html)


def test_a_material_text_has_versions(trainster, zuid, meeting):
    material = service.add_material(
        trainster, zuid, meeting,
        MaterialText(title="Werkblad", body="Tekst", translations={"title": {"ar": "ورقة"}}),
    )  # fmt: skip
    assert material.text_in("title", "ar") == "ورقة"
    assert material.text_in("title", "pl") == "Werkblad"
    assert material.missing_languages(("title", "body")) == ["ar", "pl", "tr", "en"]


# --- Who may do what -------------------------------------------------------------------------------


def test_a_participant_and_another_organisation_cannot_share(sara, zuid, meeting, elsewhere):
    for user in (sara, elsewhere["staff"]):
        with pytest.raises(ServiceError):
            share(user, zuid, meeting)
    with pytest.raises(ServiceError):  # a meeting of another group
        share(elsewhere["staff"], elsewhere["group"], meeting)


def test_a_trainster_removes_her_own_the_medewerker_anything(trainster, medewerker, zuid, meeting):
    other = trainer(zuid.organisation, groups=[zuid])
    hers = share(trainster, zuid, meeting, files.pdf())
    path = service.path_of(hers.files[0].storage_key)
    with pytest.raises(ServiceError):
        service.remove_material(other, hers)
    service.remove_material(trainster, hers)
    import os

    assert not os.path.exists(path)
    theirs = share(other, zuid, meeting)
    service.remove_material(medewerker, theirs)
    assert db.session.get(Material, theirs.id) is None


def test_files_reach_only_the_group_and_its_staff(
    trainster, amina, medewerker, zuid, meeting, elsewhere
):
    material = share(trainster, zuid, meeting, files.pdf())
    file_id = material.files[0].id
    assert service.get_file(amina, file_id) is not None
    assert service.get_file(medewerker, file_id) is not None
    assert service.get_file(elsewhere["participant"], file_id) is None
    assert service.get_file(elsewhere["staff"], file_id) is None
    assert service.get_file(participant(), file_id) is None


def test_she_reads_the_file_in_her_language_else_dutch(trainster, zuid, meeting):
    material = share(trainster, zuid, meeting, files.pdf(), language="nl")
    service.add_file(trainster, material, Upload(files.pdf(), "ar"))
    assert service.file_for(material, "ar").language == "ar"
    assert service.file_for(material, "pl").language == "nl"


# --- Telling the group, counting opens -------------------------------------------------------------


def test_the_group_hears_of_new_material_once_a_day(trainster, zuid, zuid_participants, meeting):
    share(trainster, zuid, meeting, title="Een")
    share(trainster, zuid, meeting, title="Twee")
    rows = db.session.scalars(
        select(Reminder).where(
            Reminder.kind == ReminderKind.MEETING_NEWS, Reminder.target_id == meeting.id
        )
    ).all()
    assert sorted(r.user.username for r in rows) == ["amina", "elif", "ewa", "sara"]


def test_opens_are_counted_once_per_person(trainster, amina, ewa, medewerker, zuid, meeting):
    material = share(trainster, zuid, meeting)
    service.record_opened(amina, [material])
    service.record_opened(amina, [material])
    service.record_opened(ewa, [material])
    service.record_opened(medewerker, [material])  # staff do not count
    assert service.open_counts([material]) == {material.id: 2}
