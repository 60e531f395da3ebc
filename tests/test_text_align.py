"""Passage alignment on built examples: exact offsets, one passage per reused
passage under edits, reordering and synonyms, and nothing between unrelated texts."""

from __future__ import annotations

import numpy as np

from detectors.text_overlap.align import align
from detectors.text_overlap.normalize import tokenize
from tests.test_text_helpers import COPIED, FILLER, OTHER_COPIED


def _embed(before: list[str], passage: str, after: list[str]) -> tuple[str, int, int]:
    head = " ".join(before) + "\n\n"
    return head + passage + "\n\n" + " ".join(after), len(head), len(head) + len(passage)


def test_verbatim_passage_offsets_are_exact_in_both_texts():
    source, s0, s1 = _embed(FILLER[:3], COPIED, FILLER[3:5])
    manuscript, m0, m1 = _embed(FILLER[5:7], COPIED, FILLER[7:9])
    passages = align(tokenize(manuscript), tokenize(source))
    assert len(passages) == 1
    p = passages[0]
    # The passage ends at the last word (the full stop is not a word).
    assert (p.start, p.end) == (m0, m1 - 1)
    assert (p.source_start, p.source_end) == (s0, s1 - 1)
    assert manuscript[p.start : p.end] == source[p.source_start : p.source_end]
    assert p.seed_coverage == 1.0


def test_two_passages_from_one_source_are_two_findings_in_order():
    source = " ".join(FILLER[:2]) + "\n\n" + COPIED + "\n\n" + " ".join(FILLER[2:5]) + "\n\n" + OTHER_COPIED
    manuscript = OTHER_COPIED + "\n\n" + " ".join(FILLER[5:9]) + "\n\n" + COPIED
    passages = align(tokenize(manuscript), tokenize(source))
    assert len(passages) == 2
    assert passages[0].start == 0 and manuscript[passages[0].start : passages[0].end].startswith("Soil cores")
    assert manuscript[passages[1].start : passages[1].end].startswith("Hippocampal slices")


def _light_edit(text: str) -> str:
    edits = {"thickness": "width", "recovered": "left", "visually identified ": "", "throughout": "continuously",
             "further": "the"}
    for old, new in edits.items():
        text = text.replace(old, new, 1)
    return text.replace("before recording.", "before any recording took place.")


def test_light_edits_give_one_passage_covering_the_copy():
    source, s0, s1 = _embed(FILLER[:3], COPIED, FILLER[3:5])
    edited = _light_edit(COPIED)
    manuscript, m0, m1 = _embed(FILLER[5:7], edited, FILLER[7:9])
    passages = align(tokenize(manuscript), tokenize(source))
    assert len(passages) == 1  # granularity 1
    p = passages[0]
    assert abs(p.start - m0) <= 12 and abs(p.end - (m1 - 1)) <= 12
    assert abs(p.source_start - s0) <= 12 and abs(p.source_end - (s1 - 1)) <= 12


def test_reordered_sentences_give_one_passage():
    sentences = [s.strip() + "." for s in COPIED.split(".") if s.strip()]
    assert len(sentences) == 3
    shuffled = " ".join([sentences[2], sentences[0], sentences[1]])
    source, s0, s1 = _embed(FILLER[:3], COPIED, FILLER[3:5])
    manuscript, m0, m1 = _embed(FILLER[5:7], shuffled, FILLER[7:9])
    passages = align(tokenize(manuscript), tokenize(source))
    assert len(passages) == 1
    p = passages[0]
    assert p.start <= m0 + 5 and p.end >= m1 - 10
    assert p.source_start <= s0 + 5 and p.source_end >= s1 - 10


def test_synonym_substitution_is_still_one_passage():
    synonyms = {"cut": "sliced", "thickness": "depth", "recovered": "rested", "obtained": "made", "visually": "optically",
                "filled": "loaded", "monitored": "checked", "changed": "varied", "discarded": "excluded",
                "further": "subsequent", "analysis": "evaluation", "identified": "selected"}
    substituted = COPIED
    for old, new in synonyms.items():
        substituted = substituted.replace(old, new)
    source, s0, s1 = _embed(FILLER[:3], COPIED, FILLER[3:5])
    manuscript, m0, m1 = _embed(FILLER[5:7], substituted, FILLER[7:9])
    passages = align(tokenize(manuscript), tokenize(source))
    assert len(passages) == 1
    assert passages[0].words >= 0.8 * len(substituted.split())


def test_unrelated_texts_share_no_passage():
    a = " ".join(FILLER[:5]) + " " + COPIED
    b = " ".join(FILLER[5:]) + " " + OTHER_COPIED
    assert align(tokenize(a), tokenize(b)) == []


def test_zones_keep_a_passage_out_of_the_reference_list():
    text = COPIED + "\nReferences\n" + OTHER_COPIED
    tokens = tokenize(text)
    zones = (tokens.starts >= text.index("References")).astype(np.int64)
    whole = align(tokens, tokens)
    split = align(tokens, tokens, a_zones=zones, b_zones=zones)
    assert len(whole) == 1 and len(split) == 2
    assert split[0].end <= text.index("References") <= split[1].start
