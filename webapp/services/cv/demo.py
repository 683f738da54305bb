"""Demo cvs: Sara's in Dutch (half done), Ewa's in Polish and Amina's in Arabic, each in her own
words. Loaded by `load_demo()`; safe to run again (a cv that exists is left alone)."""

from datetime import date

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import User
from webapp.models.cv import CvProfile
from webapp.services.cv.items import add_item
from webapp.services.cv.parts import (
    save_availability,
    save_contact,
    save_profile,
    save_wish,
    set_language,
)

DEMO_CVS = {
    "sara": {
        "language": "nl",
        "contact": ("Sara de Vries", "Rotterdam", "06 11223344", "sara@example.nl"),
        "profile": "Ik ben rustig en ik werk hard. Ik zorg graag voor mensen. Ik ben trots dat "
        "ik mijn moeder twee jaar heb verzorgd.",
        "wish": ("Werk in de kinderopvang of de zorg", "20 uur, overdag", "per direct"),
        "items": [
            ("experience", {"kind": "work", "title": "Schoonmaker", "place": "Hago",
                            "country": "Rotterdam", "period": "2016–2018"}),
            ("experience", {"kind": "care", "title": "Zorg voor mijn moeder",
                            "period": "ongeveer 2 jaar",
                            "details": "Boodschappen, medicijnen, afspraken bij de dokter."}),
            ("education", {"kind": "unfinished", "title": "Mbo Helpende Zorg en Welzijn",
                           "place": "Zadkine", "country": "Rotterdam", "period": "2012–2013"}),
            ("skills", {"key": "care"}),
            ("skills", {"key": "organise"}),
            ("languages", {"key": "nl", "kind": "native"}),
            ("languages", {"key": "en", "kind": "fair"}),
        ],
    },
    "ewa": {
        "language": "pl",
        "contact": ("Ewa Kowalska", "Rotterdam", "06 22334455", "ewa.kowalska@example.pl"),
        "profile": "Jestem sumienną i życzliwą osobą. Przez pięć lat pracowałam w sklepie w "
        "Łodzi. Lubię porządek, pracę z ludźmi i uczę się szybko.",
        "wish": ("Praca w sklepie lub w magazynie", "24 godziny", "wrzesień 2027"),
        "items": [
            ("experience", {"kind": "work", "title": "Sprzedawczyni",
                            "place": "Sklep spożywczy „Żabka”", "country": "Łódź, Polska",
                            "period": "2014–2019",
                            "details": "Obsługa klientów, kasa, układanie towaru, zamówienia."}),
            ("experience", {"kind": "care", "title": "Opieka nad mamą", "period": "2019–2021"}),
            ("education", {"kind": "done", "title": "Technikum handlowe",
                           "place": "Zespół Szkół Ekonomicznych", "country": "Łódź, Polska",
                           "period": "2009–2013", "abroad": True, "valued": "asked"}),
            ("skills", {"key": "customers"}),
            ("skills", {"key": "reliable"}),
            ("skills", {"title": "Obsługa kasy fiskalnej"}),
            ("languages", {"key": "pl", "kind": "native"}),
            ("languages", {"key": "nl", "kind": "fair"}),
            ("languages", {"key": "en", "kind": "basic"}),
            ("certificates", {"title": "Inburgeringsexamen A2", "place": "DUO",
                              "period": "2023"}),
        ],
        "days": ["mon-morning", "mon-afternoon", "tue-morning", "tue-afternoon",
                 "thu-morning", "thu-afternoon"],
        "childcare_from": "wrzesień 2027",
    },
    "amina": {
        "language": "ar",
        "contact": ("أمينة الحسن", "Rotterdam", "06 33445566", "amina@example.nl"),
        "profile": "أنا أم لطفلين. أحب الطبخ ورعاية الناس. عملت 4 سنوات في مطبخ فندق في دمشق.",
        "wish": ("العمل في مطبخ أو في رعاية الأطفال", "16 ساعة", "الآن"),
        "items": [
            ("experience", {"kind": "work", "title": "مساعدة طباخ", "place": "Hotel Sheraton",
                            "country": "دمشق، سوريا", "period": "2015–2019",
                            "details": "تحضير الخضار، الطبخ لـ 200 ضيف، تنظيف المطبخ."}),
            ("experience", {"kind": "volunteer", "title": "متطوعة", "place": "Voedselbank",
                            "country": "Rotterdam", "period": "منذ 2023"}),
            ("education", {"kind": "unfinished", "title": "الأدب العربي",
                           "place": "جامعة دمشق", "country": "سوريا", "period": "2011–2013",
                           "abroad": True}),
            ("skills", {"key": "cook"}),
            ("skills", {"key": "care"}),
            ("languages", {"key": "ar", "kind": "native"}),
            ("languages", {"key": "nl", "kind": "basic"}),
            ("languages", {"key": "en", "kind": "fair"}),
        ],
        "days": ["mon-morning", "tue-morning", "wed-morning"],
        "childcare_from": "1-3-2027",
    },
}  # fmt: skip


def load_demo_cvs(people: dict[str, User]) -> None:
    today = date.today()
    for username, cv in DEMO_CVS.items():
        user = people[username]
        if db.session.scalar(select(CvProfile.id).where(CvProfile.user_id == user.id)):
            continue
        name, town, phone, email = cv["contact"]
        save_contact(user, name, town, phone, email, True, True, True)
        save_profile(user, cv["profile"])
        save_wish(user, *cv["wish"], today)
        for part, values in cv["items"]:
            add_item(user, part, values, today)
        if cv.get("days"):
            save_availability(user, cv["days"], cv["childcare_from"], "", today)
        set_language(user, cv["language"])
