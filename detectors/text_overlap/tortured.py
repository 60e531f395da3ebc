"""Tortured phrases: known paper-mill substitutes for established terms.

The curated list ships as ``data/tortured_phrases.tsv`` (see its header for
provenance). Phrases are matched on normalised, stemmed words, so case,
inflection ("profound neural organizations"), hyphenation and line breaks do
not matter.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from detectors.text_overlap.normalize import Tokens, tokenize

DATA_FILE = Path(__file__).resolve().parent / "data" / "tortured_phrases.tsv"


@dataclass(frozen=True)
class TorturedPhrase:
    tortured: str
    expected: str
    provenance: str


@dataclass
class PhraseHit:
    """One occurrence in the manuscript: ``text[start:end]`` reads ``phrase.tortured``."""

    start: int
    end: int
    phrase: TorturedPhrase


@lru_cache(maxsize=4)
def load_phrases(path: str = str(DATA_FILE)) -> tuple[TorturedPhrase, ...]:
    """The curated list (comment lines start with ``#``)."""
    with open(path, encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")
    return tuple(TorturedPhrase(r["tortured"].strip(), r["expected"].strip(), r["provenance"].strip()) for r in rows)


@lru_cache(maxsize=4)
def _phrase_table(path: str = str(DATA_FILE)) -> dict[str, list[tuple[tuple[str, ...], TorturedPhrase]]]:
    """First normalised word -> [(all normalised words, phrase)], longest first."""
    table: dict[str, list[tuple[tuple[str, ...], TorturedPhrase]]] = {}
    for phrase in load_phrases(path):
        words = tuple(tokenize(phrase.tortured).words)
        if words:
            table.setdefault(words[0], []).append((words, phrase))
    for entries in table.values():
        entries.sort(key=lambda e: -len(e[0]))
    return table


def find_tortured_phrases(text: str, tokens: Tokens | None = None, ranges: list[tuple[int, int]] | None = None,
                          path: str = str(DATA_FILE)) -> list[PhraseHit]:
    """Every occurrence of a listed phrase in ``text`` (within ``ranges`` if given).

    At each word the longest listed phrase wins, and matches do not overlap.
    """
    tokens = tokens if tokens is not None else tokenize(text)
    table = _phrase_table(path)
    words = tokens.words
    hits: list[PhraseHit] = []
    i = 0
    while i < len(words):
        match = None
        for phrase_words, phrase in table.get(words[i], ()):
            n = len(phrase_words)
            if tuple(words[i : i + n]) == phrase_words and _one_sentence(text, tokens, i, i + n - 1):
                match = (n, phrase)
                break
        if match is None:
            i += 1
            continue
        n, phrase = match
        start, end = int(tokens.starts[i]), int(tokens.ends[i + n - 1])
        if ranges is None or any(a <= start < b for a, b in ranges):
            hits.append(PhraseHit(start, end, phrase))
        i += n
    return hits


def _one_sentence(text: str, tokens: Tokens, first: int, last: int) -> bool:
    """The words are not split by sentence punctuation ("... deep. Learning ...")."""
    for idx in range(first, last):
        gap = text[int(tokens.ends[idx]) : int(tokens.starts[idx + 1])]
        if any(c in gap for c in ".;:!?()[]") or "\n\n" in gap:
            return False
    return True


def tortured_severity(count: int) -> str:
    """1-2 occurrences: low; 3-4: medium; 5 or more: high."""
    return "high" if count >= 5 else "medium" if count >= 3 else "low"
