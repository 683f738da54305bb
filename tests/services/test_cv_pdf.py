"""Her cv as a PDF, read back with Debian's poppler-utils: Ewa's Polish letters are text in it
and its fonts are embedded; Turkish letters stay whole; Amina's Arabic cv looks like the
reviewed picture in tests/reference/ (shaped, right to left, numbers and Latin names in
place), and text that is not shaped or not ordered does not; an empty cv says what to add.

To make the reference again after a reviewed change of the layout:
    CV_REFERENCE_UPDATE=1 .venv/bin/pytest tests/services/test_cv_pdf.py -k reference
then look at the picture before committing it."""

import os
import re
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageOps
from weasyprint import HTML

from tests import factories
from webapp.models import Role
from webapp.services import cv
from webapp.services.accounts import create_user
from webapp.services.cv.document import build_document
from webapp.services.cv.pdf import pdf_html, render_pdf

REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "cv-amina-ar.png"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DPI = 100
TODAY = date(2026, 12, 1)
# Share of the reference's ink that may differ. Measured: 0 for the same page, 0.1 % with
# poppler's antialiasing off; 89 % when the Arabic is not shaped, 41 % when it is not ordered.
TOLERANCE = 0.05


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "cv.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_fonts(pdf: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def first_page_png(pdf: bytes, tmp_path, *options: str) -> Image.Image:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "1", "-singlefile",
                    *options, str(path), str(tmp_path / "page")], check=True)  # fmt: skip
    return Image.open(tmp_path / "page.png").convert("L")


def ink_changed(picture: Image.Image, reference: Image.Image) -> float:
    """The share of the reference's ink that looks different, after a slight blur that
    forgives a pixel of antialiasing."""
    assert picture.size == reference.size
    blur = ImageFilter.GaussianBlur(1.5)
    diff = ImageChops.difference(picture.filter(blur), reference.filter(blur))
    changed = diff.point(lambda p: 255 if p > 48 else 0).histogram()[255]
    ink = ImageOps.invert(reference).point(lambda p: 255 if p > 64 else 0).histogram()[255]
    return changed / ink


@pytest.fixture
def amina(app):
    """An Arabic cv with what goes wrong when shaping or ordering breaks: joined letters, Latin
    names and numbers inside Arabic lines, a Dutch town, a phone number."""
    user = create_user("amina-cv", "geheim-123", "أمينة", Role.PARTICIPANT, language="ar")
    cv.save_contact(
        user, "أمينة الحسن", "Rotterdam", "06 33445566", "amina@example.nl", True, True, True
    )
    cv.save_profile(
        user, "أنا أم لطفلين. أحب الطبخ ورعاية الناس. عملت 4 سنوات في مطبخ فندق Sheraton في دمشق."
    )
    cv.save_wish(user, "العمل في مطبخ أو في رعاية الأطفال", "16 ساعة", "الآن", TODAY)
    for part, values in (
        ("experience", {"title": "مساعدة طباخ", "place": "Hotel Sheraton", "country": "دمشق، سوريا",
                        "period": "2015–2019", "details": "تحضير الخضار، الطبخ لـ 200 ضيف، تنظيف المطبخ."}),
        ("experience", {"kind": "volunteer", "title": "متطوعة", "place": "Voedselbank",
                        "country": "Rotterdam", "period": "منذ 2023"}),
        ("education", {"kind": "unfinished", "title": "الأدب العربي", "place": "جامعة دمشق",
                       "country": "سوريا", "period": "2011–2013", "abroad": True}),
        ("skills", {"key": "cook"}), ("skills", {"key": "care"}),
        ("languages", {"key": "ar", "kind": "native"}), ("languages", {"key": "nl", "kind": "basic"}),
    ):  # fmt: skip
        cv.add_item(user, part, values, TODAY)
    cv.save_availability(user, ["mon-morning", "tue-morning", "wed-morning"], "1-3-2027", "", TODAY)
    cv.set_language(user, "ar")
    return user


@pytest.fixture
def ewa(ewa):
    """Her cv in Polish, with Polish letters and quotation marks in every part."""
    return factories.cv(
        ewa, language="pl", today=TODAY,
        contact=("Ewa Kowalska", "Rotterdam", "06 22334455", "ewa.kowalska@example.pl"),
        profile="Jestem sumienną i życzliwą osobą. Przez pięć lat pracowałam w sklepie w Łodzi.",
        wish=("Praca w sklepie lub w magazynie", "24 godziny", "wrzesień 2027"),
        items=[
            ("experience", {"kind": "work", "title": "Sprzedawczyni",
                            "place": "Sklep spożywczy „Żabka”", "country": "Łódź, Polska",
                            "period": "2014–2019", "details": "Obsługa klientów, kasa."}),
            ("experience", {"kind": "care", "title": "Opieka nad mamą", "period": "2019–2021"}),
            ("education", {"kind": "done", "title": "Technikum handlowe",
                           "country": "Łódź, Polska", "period": "2009–2013", "abroad": True}),
            ("skills", {"title": "Obsługa kasy fiskalnej"}),
            ("languages", {"key": "pl", "kind": "native"}),
            ("certificates", {"title": "Inburgeringsexamen A2", "place": "DUO"}),
        ],
    )  # fmt: skip


def test_ewas_pdf_has_her_polish_text_and_embedded_fonts(ewa, tmp_path):
    pdf = render_pdf(build_document(ewa))
    assert len(pdf) < 150_000
    text = pdf_text(pdf, tmp_path)
    for words in ("Ewa Kowalska", "Sprzedawczyni", "Łodzi", "życzliwą", "„Żabka”", "Opieka nad mamą",
                  "Doświadczenie zawodowe", "Język ojczysty (C2)", "wrzesień 2027"):  # fmt: skip
        assert words in text, words
    fonts = pdf_fonts(pdf, tmp_path)
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # the "emb" column
    assert any("Noto" in row[0] or "DejaVu" in row[0] for row in fonts)


def test_turkish_letters_stay_whole(elif_, tmp_path):
    cv.save_profile(elif_, "Güçlü, çalışkan ve sabırlıyım. İşimi severim. Iğdır'da doğdum.")
    text = pdf_text(render_pdf(build_document(elif_, "tr")), tmp_path)
    assert "Güçlü, çalışkan ve sabırlıyım. İşimi severim. Iğdır'da doğdum." in text
    assert "Profil" in text


def test_an_empty_cv_makes_a_pdf_that_says_what_to_add_first(elif_, tmp_path):
    pdf = render_pdf(build_document(elif_))
    text = pdf_text(pdf, tmp_path)
    assert "CV'n henüz boş" in text  # in her language (Turkish), whatever the cv's language
    assert "Adın ve telefon numaran" in text


def test_a_long_cv_stays_within_two_pages(sara, tmp_path):
    jobs = [("experience", {"title": f"Baan {n}", "place": "Een bedrijf in Rotterdam",
                            "period": "2010–2012", "details": "Veel gedaan. " * 30})
            for n in range(cv.MAX_ITEMS["experience"])]  # fmt: skip
    factories.cv(
        sara, today=TODAY,
        contact=("Sara de Vries", "Rotterdam", "06 11223344", "sara@example.nl"),
        profile="Ik werk graag en hard. " * 26,
        wish=("Werk in de kinderopvang of de zorg", "20 uur, overdag", "per direct"),
        items=[*jobs,
               ("education", {"kind": "unfinished", "title": "Mbo Helpende Zorg en Welzijn",
                              "place": "Zadkine", "country": "Rotterdam", "period": "2012–2013"}),
               ("skills", {"key": "care"}), ("skills", {"key": "organise"}),
               ("languages", {"key": "nl", "kind": "native"}),
               ("languages", {"key": "en", "kind": "fair"})],
    )  # fmt: skip
    assert len(cv.items_of(sara, "experience")) == cv.MAX_ITEMS["experience"]
    pdf = render_pdf(build_document(sara))
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) <= 2


def test_aminas_arabic_cv_looks_like_the_reviewed_reference(amina, tmp_path):
    pdf = render_pdf(build_document(amina))
    picture = first_page_png(pdf, tmp_path)
    if os.environ.get("CV_REFERENCE_UPDATE"):
        picture.save(REFERENCE, optimize=True)
    reference = Image.open(REFERENCE).convert("L")
    assert ink_changed(picture, reference) < TOLERANCE
    # Antialiasing is forgiven: the same page drawn with poppler's antialiasing off still passes.
    rough = first_page_png(pdf, tmp_path, "-aa", "no", "-aaVector", "no")
    assert ink_changed(rough, reference) < TOLERANCE
    text = pdf_text(pdf, tmp_path)
    assert "أمينة الحسن" in text and "Hotel Sheraton" in text and "06 33445566" in text


# Each Arabic letter's isolated form (U+FE70–U+FEFF): the page as a renderer without shaping
# draws it, every letter on its own instead of joined to its neighbours.
ISOLATED = {
    int(parts[1], 16): chr(c)
    for c in range(0xFE70, 0xFEFF)
    if len(parts := unicodedata.decomposition(chr(c)).split()) == 2
    and parts[0] == "<isolated>"
    and 0x0620 <= int(parts[1], 16) <= 0x064A
}


def _unshaped(html: str) -> str:
    return html.translate(ISOLATED)


def _unordered(html: str) -> str:
    # Each Arabic word backwards: what a renderer without the bidi algorithm would draw.
    return re.sub(r"[\u0620-\u064a]+", lambda m: m.group(0)[::-1], html)


@pytest.mark.parametrize("broken", [_unshaped, _unordered])
def test_arabic_that_is_not_shaped_or_not_ordered_fails_the_comparison(amina, tmp_path, broken):
    html = pdf_html(build_document(amina))
    pdf = HTML(string=broken(html)).write_pdf()
    picture = first_page_png(pdf, tmp_path)
    ARTIFACTS.mkdir(exist_ok=True)
    picture.save(ARTIFACTS / f"cv-amina{broken.__name__}.png")  # to look at what it catches
    assert ink_changed(picture, Image.open(REFERENCE).convert("L")) > TOLERANCE * 3
