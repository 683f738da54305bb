"""The demo trainster's work for Groep Zuid (called by the demo loader): for the past meeting
a recap and homework, a picture (drawn here), the worksheet as PDF in Dutch, Arabic and Polish,
and a role-model story (audio), with texts in Dutch, Arabic and Polish. The files were made by
`scripts/make_demo_files.py`; nothing comes from elsewhere. Runs once."""

import io
from datetime import timedelta
from pathlib import Path

from PIL import Image, ImageDraw
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Group, Membership, User, utcnow
from webapp.models.agenda import Meeting
from webapp.models.materials import Material
from webapp.services.agenda.attendance import record_attendance
from webapp.services.materials.publishing import MaterialText, Upload, add_file, add_material
from webapp.services.materials.recap import Recap, set_recap
from webapp.services.versions import set_versions

FILES = Path(__file__).resolve().parent / "demo_files"

PICTURE = MaterialText(
    title="Onze tafel na de bijeenkomst",
    body="Dank jullie wel voor de fijne ochtend!",
    translations={
        "title": {"ar": "طاولتنا بعد اللقاء", "pl": "Nasz stół po spotkaniu"},
        "body": {"ar": "شكراً لكنّ على الصباح الجميل!", "pl": "Dziękuję wam za miły poranek!"},
    },
)
WORKSHEET = MaterialText(
    title="Werkblad: kiezen voor werk",
    body="Drie vragen om thuis over na te denken:\n\n- Wat wil je?\n- Wat kun je?\n"
    "- Waar wil je voor gaan?",
    translations={
        "title": {"ar": "ورقة عمل: اختيار العمل", "pl": "Karta pracy: wybieram pracę"},
        "body": {
            "ar": "ثلاثة أسئلة للتفكير فيها في البيت:\n\n- ماذا تريدين؟\n- ماذا تستطيعين؟\n"
            "- من أجل ماذا تريدين أن تسعي؟",
            "pl": "Trzy pytania do przemyślenia w domu:\n\n- Czego chcesz?\n- Co potrafisz?\n"
            "- O co chcesz walczyć?",
        },
    },
)
STORY = MaterialText(
    title="Het verhaal van Nadia",
    body="Nadia vertelt hoe zij van thuis naar werk ging, stap voor stap.",
    translations={
        "title": {"ar": "قصة نادية", "pl": "Historia Nadii"},
        "body": {
            "ar": "تحكي نادية كيف انتقلت من البيت إلى العمل، خطوة بخطوة. (التسجيل بالهولندية)",
            "pl": "Nadia opowiada, jak krok po kroku przeszła z domu do pracy. (nagranie po niderlandzku)",
        },
    },
)


RECAP = Recap(
    report="We maakten kennis en vertelden over onze kinderen en onze wensen.\n\n"
    "Nadia vertelde haar eigen verhaal. Wat we onthouden:\n\n"
    "- **Elke stap is een stap.**\n- Jij bent niet jouw situatie.",
    homework="Praat met iemand thuis over je werkwens.",
    homework_area="netwerk",
    translations={
        "report": {
            "ar": "تعارفنا وتحدثنا عن أطفالنا وأمنياتنا.\n\n"
            "حكت نادية قصتها. ما نتذكره:\n\n"
            "- **كل خطوة هي خطوة.**\n- أنتِ لستِ وضعكِ.",
            "pl": "Poznałyśmy się i opowiadałyśmy o naszych dzieciach i marzeniach.\n\n"
            "Nadia opowiedziała swoją historię. Co zapamiętamy:\n\n"
            "- **Każdy krok się liczy.**\n- Nie jesteś swoją sytuacją.",
        },
        "homework": {
            "ar": "تحدّثي مع شخص في البيت عن رغبتكِ في العمل.",
            "pl": "Porozmawiaj z kimś w domu o tym, jaką pracę chcesz.",
        },
    },
)
PAST_TITLE = {"ar": "التعارف مع المجموعة", "pl": "Poznajemy grupę"}


def demo_picture() -> bytes:
    """A warm picture of a table with cups and papers, drawn here (no photo of anyone)."""
    image = Image.new("RGB", (1200, 800), (255, 236, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 520, 1200, 800), fill=(190, 140, 95))
    for n, colour in enumerate([(11, 110, 79), (200, 80, 60), (60, 90, 170), (230, 170, 40)]):
        x = 140 + n * 260
        draw.ellipse((x, 150, x + 160, 310), fill=colour)  # a person, seen from afar
        draw.rounded_rectangle((x - 20, 300, x + 180, 560), radius=60, fill=colour)
        draw.ellipse((x + 40, 590, x + 120, 650), fill=(255, 255, 255))  # a cup
        draw.rectangle((x + 130, 600, x + 230, 700), fill=(250, 250, 245))  # a worksheet
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def load_demo_materials(group: Group, trainster: User) -> None:
    meeting = db.session.scalar(
        select(Meeting)
        .where(Meeting.group_id == group.id, Meeting.ends_at <= utcnow())
        .order_by(Meeting.starts_at.desc())
        .limit(1)
    )
    if meeting is None or db.session.scalar(
        select(Material.id).where(Material.group_id == group.id).limit(1)
    ):
        return
    quietly = {"tell_group": False}  # shared two weeks ago: no new message in the inbox now
    set_versions(meeting, "title", PAST_TITLE)
    set_recap(trainster, meeting, RECAP, **quietly)
    _who_came(trainster, meeting)
    add_material(trainster, group, meeting, PICTURE, Upload(demo_picture()), **quietly)
    worksheet = add_material(
        trainster, group, meeting, WORKSHEET, Upload(_file("werkblad-nl.pdf"), "nl"), **quietly
    )
    for lang in ("ar", "pl"):
        add_file(trainster, worksheet, Upload(_file(f"werkblad-{lang}.pdf"), lang))
    add_material(
        trainster, group, meeting, STORY, Upload(_file("verhaal-nadia.ogg"), "nl"), **quietly
    )


def _who_came(trainster: User, meeting: Meeting) -> None:
    """Sara, Amina and Ewa were there (Elif's child was ill): they joined the group before it."""
    people = db.session.scalars(
        select(Membership).join(User).where(Membership.group_id == meeting.group_id)
    ).all()
    for membership in people:
        membership.joined_at = min(membership.joined_at, meeting.starts_at - timedelta(days=7))
    db.session.commit()
    came = {m.user_id for m in people if m.user.username in ("sara", "amina", "ewa")}
    record_attendance(trainster, meeting.id, came, set(), {m.user_id for m in people})


def _file(name: str) -> bytes:
    return (FILES / name).read_bytes()
