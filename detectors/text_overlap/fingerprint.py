"""Fingerprints: hashed k-grams of content words, selected by winnowing.

Winnowing (Schleimer, Wilkerson & Aiken 2003) keeps the smallest hash of
every window of ``w`` consecutive k-gram hashes. Guarantee: any run of at
least ``w + k - 1`` content words that two texts share (after normalisation)
gives both texts at least one identical fingerprint. The corpus index stores
only the winnowed fingerprints of each document; a query looks up *every*
k-gram of the manuscript, so each stored fingerprint inside a shared run is
found even when the two texts differ around it.
"""

from __future__ import annotations

import numpy as np

from detectors.text_overlap.normalize import Tokens, word_hash

INDEX_K = 3  # content words per fingerprint
INDEX_WINDOW = 8  # winnowing window, in k-grams
# Stored with the index: fingerprints made under another scheme do not match.
SCHEME = f"content-words-v1-k{INDEX_K}-w{INDEX_WINDOW}"
GUARANTEED_WORDS = INDEX_K + INDEX_WINDOW - 1  # shared content words always found

_MIX_A = np.uint64(0xBF58476D1CE4E5B9)
_MIX_B = np.uint64(0x94D049BB133111EB)
# One odd multiplier per position in the k-gram, so word order matters.
_POSITION_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
     0xA0761D6478BD642F, 0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3, 0x589965CC75374CC3],
    dtype=np.uint64,
)
def word_hashes(words: list[str]) -> np.ndarray:
    """A stable 64-bit hash per (normalised) word."""
    return np.array([word_hash(w) for w in words], dtype=np.uint64)


def kgram_hashes(hashes: np.ndarray, k: int) -> np.ndarray:
    """Hash of each run of ``k`` consecutive items (length ``len - k + 1``), as uint64."""
    n = len(hashes) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        combined = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            combined += hashes[j : j + n] * _POSITION_MULTIPLIERS[j % len(_POSITION_MULTIPLIERS)]
        return _mix(combined)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads the bits so that minima are unbiased."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * _MIX_A
        x = x ^ (x >> np.uint64(27))
        x = x * _MIX_B
        return x ^ (x >> np.uint64(31))


def winnow(hashes: np.ndarray, window: int) -> np.ndarray:
    """Positions selected by winnowing (sorted, unique)."""
    if len(hashes) == 0:
        return np.empty(0, dtype=np.int64)
    if len(hashes) <= window:
        return np.array([int(np.argmin(hashes))], dtype=np.int64)
    windows = np.lib.stride_tricks.sliding_window_view(hashes, window)
    return np.unique(windows.argmin(axis=1) + np.arange(len(windows)))


def content_kgrams(tokens: Tokens, k: int = INDEX_K) -> np.ndarray:
    """Hash of every k-gram of content words; position p covers content words p..p+k-1."""
    return kgram_hashes(tokens.content_hashes, k)


def as_signed(hashes: np.ndarray) -> np.ndarray:
    """uint64 hashes as int64, the type a database BIGINT column holds."""
    return hashes.view(np.int64)


def document_fingerprints(tokens: Tokens) -> np.ndarray:
    """The winnowed fingerprints a document is indexed under (unique int64)."""
    grams = content_kgrams(tokens)
    return np.unique(as_signed(grams[winnow(grams, INDEX_WINDOW)]))


def query_fingerprints(tokens: Tokens) -> np.ndarray:
    """Every k-gram hash of a manuscript (unique int64), for looking it up."""
    return np.unique(as_signed(content_kgrams(tokens)))
