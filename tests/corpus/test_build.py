"""The build's own pieces: pasted-text wrapping, HTML source wrapping, the cache key."""

from __future__ import annotations

import re

from corpus.build import cache_key, hard_wrap, wrap_html_source
from corpus.sources import Source, own_sources

TEXT = (
    "Helhedsplanens beskæftigelsesmedarbejder har ansvaret for caféens drift, rekruttering og "
    "opfølgning, og Jobcenter Lyngmose stiller en jobkonsulent til rådighed seks timer om ugen."
)


def test_hard_wrap_breaks_at_the_width_and_hyphenates_long_words():
    wrapped = hard_wrap(TEXT, 40)
    lines = wrapped.split("\n")
    assert len(lines) > 3
    assert all(len(line) <= 40 for line in lines)
    assert any(re.search(r"[a-zæøå]-$", line) for line in lines)
    rejoined = re.sub(r"-\n", "", wrapped).replace("\n", " ")
    assert rejoined == TEXT


def test_hard_wrap_never_splits_numbers_or_hyphenated_names():
    text = "Andel 15-29-årige 2.453 anmeldelser Syd- og Sønderjyllands Politi 10.473"
    for line in hard_wrap(text, 12).split("\n"):
        assert not re.search(r"\d-$", line)


def test_html_source_lines_wrap_mid_sentence_but_the_text_is_unchanged():
    html = f"<html><head><title>x</title></head><body><p class='a'>{TEXT}</p><p>Kort.</p></body></html>"
    wrapped = wrap_html_source(html, width=30)
    assert "\n" in wrapped.split("<body")[1]
    assert "<p class='a'>" in wrapped
    text = " ".join(re.sub(r"<[^>]+>", " ", wrapped.split("<body>", 1)[1]).split())
    assert text.startswith(" ".join(TEXT.split())[:40]) and text.endswith("Kort.")


def test_cache_key_follows_the_inputs():
    sources = own_sources()
    changed = [Source(s.name, {**s.agreement, "revision": "Ny tekst."}, s.origin) for s in sources]
    assert cache_key(sources) == cache_key(own_sources())
    assert cache_key(changed) != cache_key(sources)
