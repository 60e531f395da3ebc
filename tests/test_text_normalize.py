"""Normalisation, fingerprints and the winnowing guarantee."""

from __future__ import annotations

import random

import numpy as np

from detectors.text_overlap.fingerprint import (
    GUARANTEED_WORDS, INDEX_K, INDEX_WINDOW, document_fingerprints, query_fingerprints, winnow,
)
from detectors.text_overlap.normalize import stem, title_key, tokenize, tokenize_ranges


def test_offsets_point_into_the_original_text():
    text = "The ﬁnal Meth-\nods were infor\u00admation-rich.  ÉTUDE  done"
    tokens = tokenize(text)
    assert tokens.words[:5] == ["the", "final", "method", "wer", "information"]
    # A word joined across a line-end hyphen spans both pieces in the original text.
    i = tokens.words.index("method")
    assert text[tokens.starts[i] : tokens.ends[i]] == "Meth-\nods"
    i = tokens.words.index("information")
    assert text[tokens.starts[i] : tokens.ends[i]] == "infor\u00admation"
    assert "etud" in tokens.words  # case and accents folded
    assert all(text[s:e].strip() for s, e in zip(tokens.starts, tokens.ends))


def test_hyphen_between_words_on_one_line_separates_them():
    assert tokenize("well-known result").words == ["well", "known", "result"]
    # A capital after a line-end hyphen is a new word ("Smith-\nJones" stays two words).
    assert tokenize("Smith-\nJones").words == ["smith", "jon"]


def test_inflections_share_a_stem():
    for forms in (["learning", "learned", "learns", "learn"], ["forests", "forest"], ["studies", "studied", "study"],
                  ["estimate", "estimated", "estimates", "estimating"], ["stopped", "stop"]):
        assert len({stem(w) for w in forms}) == 1, forms


def test_case_unicode_and_whitespace_do_not_change_fingerprints():
    a = "Deep Learning models were TRAINED on   the full\ncohort of ﬁfty patients for twelve weeks running."
    b = "deep learning models were trained on the full cohort of fifty patients for twelve weeks running."
    assert set(document_fingerprints(tokenize(a))) == set(document_fingerprints(tokenize(b)))


def test_winnowing_selects_one_fingerprint_per_window():
    rng = np.random.default_rng(1)
    hashes = rng.integers(0, 2**63, size=500, dtype=np.uint64)
    picked = winnow(hashes, INDEX_WINDOW)
    assert np.all(np.diff(picked) <= INDEX_WINDOW)  # no window without a selection
    assert picked[0] < INDEX_WINDOW


def test_any_shared_run_of_the_guaranteed_length_is_found():
    """Winnowing guarantee: a shared run of GUARANTEED_WORDS content words gives a common fingerprint."""
    rng = random.Random(5)
    vocabulary = [f"w{i}x" for i in range(5000)]
    for _ in range(40):
        shared = " ".join(rng.choice(vocabulary) for _ in range(GUARANTEED_WORDS))
        a = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 60))) + " " + shared + " " + " ".join(
            rng.choice(vocabulary) for _ in range(30))
        b = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 60))) + " " + shared
        indexed = set(document_fingerprints(tokenize(a)).tolist())
        looked_up = set(query_fingerprints(tokenize(b)).tolist())
        assert indexed & looked_up
    assert GUARANTEED_WORDS == INDEX_K + INDEX_WINDOW - 1


def test_tokenize_ranges_skips_the_rest():
    text = "alpha beta gamma. References delta epsilon"
    tokens = tokenize_ranges(text, [(0, 17)])
    assert tokens.words == ["alpha", "beta", "gamma"]
    assert list(tokens.sentences) == [0, 0, 0]


def test_title_key_needs_a_real_title():
    assert title_key("Abstract") is None
    assert title_key("Deep learning for ﬁsh counting") == title_key("DEEP LEARNING FOR FISH COUNTING")
