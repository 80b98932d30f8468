"""Figures in the report's style, in both languages, at the boundaries of each rule (docs/reports.md)."""

import pytest

from liaison.core.reporting import THIN_SPACE, Figure, phrase, sentence

SPACE = THIN_SPACE


@pytest.mark.parametrize(("value", "english", "chinese"), [
    (0, "0", "0 個"),
    (9, "9", "9 個"),
    (10, "about 10", "約 10 個"),
    (16, "over 10", "超過 10 個"),
    (17, "nearly 20", "近 20 個"),
    (19, "nearly 20", "近 20 個"),
    (20, "about 20", "約 20 個"),
    (31, "over 30", "超過 30 個"),
    (50, "about 50", "約 50 個"),
    (56, "over 50", "超過 50 個"),
    (57, "nearly 60", "近 60 個"),
    (59, "nearly 60", "近 60 個"),
    (99, "nearly 100", "近 100 個"),
    (127, "nearly 130", "近 130 個"),
    (180, "about 180", "約 180 個"),
    (197, "nearly 200", "近 200 個"),
    (199, "nearly 200", "近 200 個"),
    (200, "about 200", "約 200 個"),
    (201, "over 200", "逾 200 個"),
    (269, "over 200", "逾 200 個"),
    (270, "nearly 300", "近 300 個"),
    (501, "over 500", "逾 500 個"),
    (569, "over 500", "逾 500 個"),
    (570, "nearly 600", "近 600 個"),
    (969, "over 900", "逾 900 個"),
    (970, "nearly 1" + SPACE + "000", "近 1" + SPACE + "000 個"),
    (1000, "about 1" + SPACE + "000", "約 1" + SPACE + "000 個"),
    (2601, "over 2" + SPACE + "600", "超過 2" + SPACE + "600 個"),
    (2669, "over 2" + SPACE + "600", "超過 2" + SPACE + "600 個"),
    (2670, "nearly 2" + SPACE + "700", "近 2" + SPACE + "700 個"),
    (12345, "over 12" + SPACE + "300", "超過 12" + SPACE + "300 個"),
])
def test_rounded_in_both_languages(value, english, chinese):
    assert phrase(value, language="en") == english
    assert phrase(value, counter="個", language="zh-hant") == chinese


def test_exact_figures_are_printed_as_they_are_with_thin_spaces_from_a_thousand():
    assert phrase(180, exact=True, language="en") == "180"
    assert phrase(122, exact=True, counter="個", language="zh-hant") == "122 個"
    assert phrase(2634, exact=True, language="en") == "2" + SPACE + "634"
    assert phrase(999, exact=True, language="en") == "999"


def test_the_seed_chapters_phrases():
    assert phrase(512, language="en") == "over 500" and phrase(512, counter="名", language="zh-hant") == "逾 500 名"
    assert phrase(58, language="en") == "nearly 60" and phrase(58, counter="個", language="zh-hant") == "近 60 個"
    assert phrase(128, counter="個", language="zh-hant") == "近 130 個"
    assert phrase(2634, counter="名", language="zh-hant") == "超過 2" + SPACE + "600 名"
    assert phrase(200, counter="位", language="zh-hant") == "約 200 位"


def test_a_sentence_keeps_its_figures_apart():
    figure = Figure(7, "/agreements/?year=2024")
    assert sentence("In {year}, {count} agreements were signed.", year=2024, count=figure) == [
        "In ", "2024", ", ", figure, " agreements were signed."]
