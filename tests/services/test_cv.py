"""Her cv, part by part: what is kept, in which order, what is refused and how it is
explained, and that nothing of hers reaches anyone else's cv."""

from datetime import date

import pytest

from tests import factories
from webapp.services import ServiceError, cv
from webapp.services.cv.choices import PERIOD, WISH_FROM
from webapp.services.cv.document import build_document

TODAY = date(2026, 12, 1)


def titles(user, part):
    return [i.title or i.key for i in cv.items_of(user, part)]


@pytest.fixture
def elif_(app):
    return factories.participant(display_name="Elif", language="tr")  # her cv is still empty


# --- contact, profile, work wish, availability ----------------------------------------------


def test_contact_keeps_what_she_chooses_to_show(elif_):
    cv.save_contact(elif_, "  Elif  Yılmaz ", "Schiedam", "06-1234 5678", "elif@example.nl",
                    True, False, True)  # fmt: skip
    profile = cv.profile_of(elif_)
    assert (profile.name, profile.town, profile.phone) == (
        "Elif Yılmaz",
        "Schiedam",
        "06-1234 5678",
    )
    document = build_document(elif_)
    assert [c.text for c in document.contact] == ["Schiedam", "elif@example.nl"]  # no phone
    assert document.name.text == "Elif Yılmaz"


@pytest.mark.parametrize(
    ("field", "values", "message"),
    [
        ("name", ("", "", "", ""), "Vul dit in"),
        ("name", ("x" * 85, "", "", ""), "5 tekens te lang"),
        ("phone", ("Elif", "", "bel me", ""), "cijfers"),
        ("email", ("Elif", "", "", "elif.example.nl"), "e-mailadres"),
    ],
)
def test_contact_refuses_with_a_message_per_field(elif_, field, values, message):
    with pytest.raises(ServiceError) as refused:
        cv.save_contact(elif_, *values, True, True, True)
    assert refused.value.field == field and message in str(refused.value.message)


def test_profile_says_how_many_characters_too_many(elif_):
    cv.save_profile(elif_, "a" * 600)
    with pytest.raises(ServiceError) as refused:
        cv.save_profile(elif_, "a" * 612)
    assert "12 tekens te lang" in str(refused.value.message)
    assert cv.profile_of(elif_).profile == "a" * 600  # the saved one stays


def test_work_wish_takes_simple_moments_and_explains_others(elif_):
    cv.save_wish(elif_, "Werk in een keuken", "20 uur", "per direct", TODAY)
    for moment in ("maart 2027", "1-3-2027", "wrzesień 2027", "Eylül 2027", "الآن", "now"):
        assert WISH_FROM.clean(moment, TODAY) == moment
    with pytest.raises(ServiceError) as refused:
        cv.save_wish(elif_, "Werk", "", "als het kan", TODAY)
    assert refused.value.field == "wish_from" and "per direct" in str(refused.value.message)


def test_availability_is_set_whole_and_checked(elif_):
    cv.save_availability(elif_, ["mon-morning", "tue-morning"], "september 2027", "", TODAY)
    cv.save_availability(elif_, ["fri-evening"], "", "", TODAY)  # absolute: replaces
    assert cv.profile_of(elif_).days == ["fri-evening"]
    with pytest.raises(ServiceError):
        cv.save_availability(elif_, ["someday-noon"], "", "", TODAY)


# --- the lists ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "period",
    ["2019–2021", "2019-2021", "2019 - nu", "sinds 2020", "ongeveer 2 jaar", "about 6 months",
     "około 2 lata", "yaklaşık 2 yıl", "سنتين", "03/2019 – 06/2021", "maart 2019 – juni 2021"],
)  # fmt: skip
def test_simple_periods_are_accepted(period):
    assert PERIOD.clean(period, TODAY)


@pytest.mark.parametrize(
    ("period", "explained"),
    [("vroeger", "2019–2021"), ("2021–2019", "2019–2021"), ("1850", "1850"), ("2090", "2090")],
)
def test_other_periods_are_explained(period, explained):
    with pytest.raises(ServiceError) as refused:
        PERIOD.clean(period, TODAY)
    assert explained in str(refused.value.message)


def test_periods_are_written_as_a_cv_writes_them():
    assert PERIOD.clean("٢٠١٥-٢٠١٩", TODAY) == "2015–2019"  # Arabic-Indic digits, one dash
    assert PERIOD.clean("2019 - nu", TODAY) == "2019 – nu"


def test_experience_keeps_her_order_moves_and_removes(elif_):
    for title in ("Kok", "Schoonmaker", "Oppas"):
        cv.add_item(elif_, "experience", {"title": title, "period": "2019–2021"}, TODAY)
    assert titles(elif_, "experience") == ["Kok", "Schoonmaker", "Oppas"]
    oppas = cv.items_of(elif_, "experience")[2]
    cv.move_item(elif_, oppas, 0)
    assert titles(elif_, "experience") == ["Oppas", "Kok", "Schoonmaker"]
    cv.move_item(elif_, oppas, 99)  # beyond the end: the end
    assert titles(elif_, "experience") == ["Kok", "Schoonmaker", "Oppas"]
    kok = cv.items_of(elif_, "experience")[0]
    assert cv.remove_item(elif_, kok) is True
    assert titles(elif_, "experience") == ["Schoonmaker", "Oppas"]
    cv.add_item(elif_, "experience", {"title": "Kassa"}, TODAY)
    assert titles(elif_, "experience")[-1] == "Kassa"  # a new one goes last


def test_experience_of_every_kind_and_its_limits(elif_):
    care = cv.add_item(elif_, "experience", {"title": "Zorg voor mijn vader", "kind": "care",
                                              "period": "ongeveer 3 jaar"}, TODAY).item  # fmt: skip
    assert care.kind == "care"
    with pytest.raises(ServiceError) as refused:
        cv.add_item(elif_, "experience", {"title": "Kok", "kind": "slavery"}, TODAY)
    assert refused.value.field == "kind"
    with pytest.raises(ServiceError) as refused:
        cv.add_item(elif_, "experience", {"title": "Kok", "details": "x" * 401}, TODAY)
    assert refused.value.field == "details" and "1 tekens te lang" in str(refused.value.message)
    with pytest.raises(ServiceError) as refused:
        cv.add_item(elif_, "experience", {"title": "Kok", "period": "ooit"}, TODAY)
    assert refused.value.field == "period"


def test_a_list_is_bounded(elif_):
    for n in range(cv.MAX_ITEMS["certificates"]):
        cv.add_item(elif_, "certificates", {"title": f"Certificaat {n}"}, TODAY)
    with pytest.raises(ServiceError) as refused:
        cv.add_item(elif_, "certificates", {"title": "Nog een"}, TODAY)
    assert "Haal er eerst een weg" in str(refused.value.message)
    assert len(cv.items_of(elif_, "certificates")) == cv.MAX_ITEMS["certificates"]


def test_an_item_made_offline_arrives_once_by_its_uuid(elif_):
    uuid = "0b5c8a8e-7f0e-4c55-9d3b-2d6f1c0b7a11"
    first = cv.add_item(elif_, "education", {"title": "Mbo 2"}, TODAY, item_uuid=uuid).item
    again = cv.add_item(elif_, "education", {"title": "Mbo 2"}, TODAY, item_uuid=uuid).item
    assert first.id == again.id and first.uuid == uuid
    assert titles(elif_, "education") == ["Mbo 2"]


def test_education_unfinished_and_from_abroad(elif_):
    item = cv.add_item(elif_, "education", {"title": "Lise", "kind": "unfinished", "abroad": "y",
                                             "valued": "asked", "country": "Turkije"}, TODAY).item  # fmt: skip
    assert (item.kind, item.abroad, item.valued) == ("unfinished", True, "asked")
    cv.update_item(elif_, item, {"title": "Lise", "kind": "unfinished", "valued": "asked"}, TODAY)
    assert (item.abroad, item.valued) == (False, "")  # not from abroad: nothing to value


def test_skills_tapped_once_and_her_own(elif_):
    cv.add_item(elif_, "skills", {"key": "cook"}, TODAY)
    cv.add_item(elif_, "skills", {"key": "cook"}, TODAY)  # tapped twice
    cv.add_item(elif_, "skills", {"title": "Henna tekenen"}, TODAY)
    assert titles(elif_, "skills") == ["cook", "Henna tekenen"]
    with pytest.raises(ServiceError):
        cv.add_item(elif_, "skills", {"key": "hacking"}, TODAY)
    with pytest.raises(ServiceError):
        cv.add_item(elif_, "skills", {"title": ""}, TODAY)


def test_languages_with_a_level_once_each(elif_):
    cv.add_item(elif_, "languages", {"key": "tr", "kind": "native"}, TODAY)
    cv.add_item(elif_, "languages", {"key": "nl", "kind": "basic"}, TODAY)
    cv.add_item(elif_, "languages", {"key": "nl", "kind": "fair"}, TODAY)  # better now
    cv.add_item(elif_, "languages", {"title": "Koerdisch (Kurmanci)", "kind": "good"}, TODAY)
    languages = cv.items_of(elif_, "languages")
    assert [(i.key or i.title, i.kind) for i in languages] == [
        ("tr", "native"), ("nl", "fair"), ("Koerdisch (Kurmanci)", "good"),
    ]  # fmt: skip
    with pytest.raises(ServiceError) as refused:
        cv.add_item(elif_, "languages", {"key": "en"}, TODAY)
    assert refused.value.field == "kind"


def test_certificates(elif_):
    item = cv.add_item(elif_, "certificates", {"title": "EHBO", "place": "Rode Kruis",
                                                "period": "2024"}, TODAY).item  # fmt: skip
    assert (item.title, item.place, item.period) == ("EHBO", "Rode Kruis", "2024")


def test_her_items_are_hers_only(app):
    sara, amina = factories.participant(), factories.participant()
    saras = cv.add_item(sara, "experience", {"title": "Schoonmaker"}, TODAY).item
    assert cv.get_item(amina, saras.uuid) is None
    assert cv.get_item(sara, saras.uuid).id == saras.id
    for change in (
        lambda: cv.update_item(amina, saras, {"title": "Van Amina"}, TODAY),
        lambda: cv.remove_item(amina, saras),
        lambda: cv.move_item(amina, saras, 0),
    ):
        with pytest.raises(ServiceError):
            change()
    with pytest.raises(ServiceError):  # her UUID cannot be taken over by another
        cv.add_item(amina, "experience", {"title": "X"}, TODAY, item_uuid=saras.uuid)
    assert cv.get_item(sara, saras.uuid).title == "Schoonmaker"
    assert all(i.user_id == sara.id for part in cv.LIST_PARTS for i in cv.items_of(sara, part))


# --- progress and the document -------------------------------------------------------------


def test_a_part_she_filled_ticks_itself(elif_):
    def filled():
        profile = cv.profile_of(elif_)
        return cv.filled_parts(profile, cv.item_counts(elif_))

    assert filled() == set()
    assert cv.progress(filled()) == (0, 7)
    cv.save_contact(elif_, "Elif", "", "0612345678", "", True, True, True)
    cv.add_item(elif_, "languages", {"key": "tr", "kind": "native"}, TODAY)
    cv.add_item(elif_, "certificates", {"title": "EHBO"}, TODAY)
    assert filled() == {"contact", "languages", "certificates"}
    assert cv.progress(filled()) == (2, 7)  # certificates may stay empty: not counted


def test_an_empty_cv_says_what_to_add_first_in_her_language(elif_):
    document = build_document(elif_)
    assert document.sections == [] and document.empty["lang"] == "tr"
    assert len(document.empty["steps"]) == 3
    cv.add_item(elif_, "skills", {"key": "cook"}, TODAY)
    assert build_document(elif_).empty is None


def test_the_document_follows_the_cv_language_and_keeps_her_words(ewa, amina):
    factories.cv(ewa, language="pl", contact=("Ewa Kowalska", "Rotterdam", "06 22334455", ""),
                 profile="Przez pięć lat pracowałam w sklepie w Łodzi.",
                 items=[("languages", {"key": "pl", "kind": "native"}),
                        ("languages", {"key": "nl", "kind": "fair"})])  # fmt: skip
    polish = build_document(ewa)
    assert (polish.lang, polish.dir) == ("pl", "ltr")
    languages = next(s for s in polish.sections if s.key == "languages")
    assert languages.entries[0].title.text == "Polski"
    dutch = build_document(ewa, "nl")
    languages = next(s for s in dutch.sections if s.key == "languages")
    assert languages.entries[0].title.text == "Pools"
    assert languages.entries[0].note == "Moedertaal (C2)"
    profile = next(s for s in dutch.sections if s.key == "profile")
    assert "Łodzi" in profile.text.text  # her own words, in any cv language
    factories.cv(amina, language="ar", contact=("أمينة الحسن", "Rotterdam", "06 33445566", ""),
                 items=[("experience", {"kind": "work", "title": "مساعدة طباخ",
                                        "place": "Hotel Sheraton", "country": "دمشق، سوريا"})])  # fmt: skip
    arabic = build_document(amina)
    assert arabic.dir == "rtl" and arabic.name.dir == "rtl"
    experience = next(s for s in arabic.sections if s.key == "experience")
    assert experience.entries[0].place.dir == "ltr"  # "Hotel Sheraton, دمشق، سوريا"


def test_control_characters_are_dropped_not_stored(elif_):
    cv.save_profile(elif_, "Ik ben\x00 Elif.\r\nIk kook graag.\x1b")
    assert cv.profile_of(elif_).profile == "Ik ben Elif.\nIk kook graag."
    item = cv.add_item(elif_, "skills", {"title": "Koken\x00\x07"}, TODAY).item
    assert item.title == "Koken"
