"""Makes the demo meeting's worksheet (PDF, in Dutch, Arabic and Polish) and the role-model
story (Ogg Opus, spoken by espeak-ng), all made here: no content from elsewhere.

Run once after changing the texts: `python scripts/make_demo_files.py`. Needs Pillow with
raqm (in its wheels), fonts-dejavu-core and fonts-noto-core (the test fonts), espeak-ng and
opus-tools (`apt-get install espeak-ng opus-tools`; only for making these files).
"""

import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "webapp" / "services" / "materials" / "demo_files"
FONTS = {
    "latin": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "latin-bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "arabic": "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    "arabic-bold": "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf",
}
WORKSHEET = {
    "nl": (
        "Werkblad: kiezen voor werk",
        ["Wat wil je?", "Wat kun je?", "Waar wil je voor gaan?"],
        "Schrijf of teken. Er is geen fout antwoord. Elke stap is een stap.",
    ),
    "pl": (
        "Karta pracy: wybieram pracę",
        ["Czego chcesz?", "Co potrafisz?", "O co chcesz walczyć?"],
        "Pisz albo rysuj. Nie ma złej odpowiedzi. Każdy krok się liczy.",
    ),
    "ar": (
        "ورقة عمل: اختيار العمل",
        ["ماذا تريدين؟", "ماذا تستطيعين؟", "من أجل ماذا تريدين أن تسعي؟"],
        "اكتبي أو ارسمي. لا توجد إجابة خاطئة. كل خطوة هي خطوة.",
    ),
}
STORY = (
    "Hoi, ik ben Nadia. Drie jaar geleden zat ik thuis met twee kleine kinderen. "
    "Ik dacht: werk is niets voor mij. In de groep leerde ik: elke stap is een stap. "
    "Eerst ging ik naar Nederlandse les. Toen deed ik vrijwilligerswerk in de bibliotheek. "
    "Nu werk ik drie dagen in de kinderopvang. Jij bent niet jouw situatie. "
    "Laat het vuurtje niet doven."
)


def worksheet(lang: str) -> None:
    title, questions, footer = WORKSHEET[lang]
    rtl = lang == "ar"
    regular = ImageFont.truetype(FONTS["arabic" if rtl else "latin"], 26)
    bold = ImageFont.truetype(FONTS["arabic-bold" if rtl else "latin-bold"], 38)
    page = Image.new("L", (827, 1169), 255)  # A4 at 100 dpi
    draw = ImageDraw.Draw(page)
    options = {"direction": "rtl", "language": "ar"} if rtl else {}
    anchor = "ra" if rtl else "la"
    x = 827 - 70 if rtl else 70
    draw.text((x, 70), title, font=bold, fill=0, anchor=anchor, **options)
    y = 170
    for question in questions:
        draw.text((x, y), question, font=regular, fill=0, anchor=anchor, **options)
        draw.rounded_rectangle((70, y + 50, 757, y + 250), radius=16, outline=96, width=3)
        y += 290
    for n, sentence in enumerate(footer.split(". ")):
        draw.text((x, y + 10 + n * 40), sentence, font=regular, fill=60, anchor=anchor, **options)
    page.save(OUT / f"werkblad-{lang}.pdf", "PDF", resolution=100, quality=60)


def story() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "story.wav"
        subprocess.run(["espeak-ng", "-v", "nl", "-s", "145", "-w", str(wav), STORY], check=True)
        subprocess.run(
            ["opusenc", "--quiet", "--bitrate", "20", "--downmix-mono", str(wav),
             str(OUT / "verhaal-nadia.ogg")],
            check=True,
        )  # fmt: skip


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for language in WORKSHEET:
        worksheet(language)
    story()
    for path in sorted(OUT.iterdir()):
        print(f"{path.name}: {path.stat().st_size} bytes")
