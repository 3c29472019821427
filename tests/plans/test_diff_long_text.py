"""A long text changed past the diff's cut (review4 T17): the board saw the same first 160
characters on both sides of »→« and not the sentence that had been added."""

from __future__ import annotations

from plans.diff import agreement_diff

VISION = (
    "Stjernehøj og Møllevang skal være steder, hvor børn trives i skolen, hvor voksne har "
    "fodfæste på arbejdsmarkedet, og hvor naboer kender og hjælper hinanden i hverdagen."
)


def _change(old: str, new: str) -> tuple[str, str]:
    (change,) = agreement_diff({"vision": old}, {"vision": new})
    assert change.kind == "changed" and change.old is not None and change.new is not None
    return change.old, change.new


def test_a_sentence_added_to_a_long_text_is_shown() -> None:
    added = " Vi vil også styrke foreningslivet i Møllevang."
    old, new = _change(VISION, VISION + added)
    assert old != new
    assert new.endswith("hinanden i hverdagen. Vi vil også styrke foreningslivet i Møllevang.")
    assert old.startswith("… ") and new.startswith("… ")  # the same opening left out


def test_a_word_changed_in_the_middle_keeps_words_around_it() -> None:
    long = VISION + " " + VISION
    old, new = _change(long, long.replace("trives i skolen", "trives godt i skolen", 1))
    assert "børn trives i skolen" in old and "børn trives godt i skolen" in new
    assert old.endswith(" …") and new.endswith(" …")
    assert len(new) < 160


def test_short_texts_are_shown_whole() -> None:
    assert _change("Tryg by", "Tryg og grøn by") == ("Tryg by", "Tryg og grøn by")
