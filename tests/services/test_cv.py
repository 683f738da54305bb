import pytest

from webapp.services import ServiceError, cv


def test_ticking_is_absolute_so_a_repeat_changes_nothing(demo):
    sara = demo["sara"]
    cv.set_item(sara, "languages", True)
    cv.set_item(sara, "languages", True)
    assert cv.ticked_items(sara) == {"languages"}
    assert cv.progress(sara) == (1, len(cv.ALL_ITEMS))
    cv.set_item(sara, "languages", False)
    cv.set_item(sara, "languages", False)
    assert cv.ticked_items(sara) == set()


def test_unknown_items_are_refused_and_ticks_are_hers(demo):
    with pytest.raises(ServiceError):
        cv.set_item(demo["sara"], "bsn", True)
    cv.set_item(demo["sara"], "contact", True)
    assert cv.ticked_items(demo["amina"]) == set()
