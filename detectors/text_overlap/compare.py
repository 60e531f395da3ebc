"""Compare one manuscript with its candidate sources from the corpus index.

Produces, per source, the aligned passages with the exclusion (if any) that
applies to each, and the share of the manuscript each source covers. Pure
computation: the detector turns the result into findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from detectors.text_overlap.align import Passage, align, shared_word_spans
from detectors.text_overlap.exclusions import (
    front_matter_ranges, quotation_ranges, reference_ranges, same_manuscript, share_inside, standard_section_ranges,
)
from detectors.text_overlap.fingerprint import INDEX_K, INDEX_WINDOW, as_signed, content_kgrams
from detectors.text_overlap.normalize import Tokens, title_key, tokenize
from integrity.models import Manuscript


@dataclass
class Settings:
    """The detector's thresholds that matter here (see TextOverlapDetector)."""

    min_match_words: int
    boilerplate_share: float
    boilerplate_min_documents: int
    exclude_quotations: bool
    exclude_references: bool
    exclude_standard_sections: bool
    exclude_boilerplate: bool
    detect_earlier_versions: bool
    seed_words: int
    max_gap_words: int
    max_candidates: int
    min_shared_fingerprints: int


@dataclass
class SourceMatch:
    """Everything shared with one source document."""

    source: Any  # integrity.corpus.text_index.StoredDocument
    source_tokens: Tokens
    passages: list[tuple[Passage, str | None]]  # (passage, exclusion reason or None)
    earlier_version: bool
    shared_fingerprints: int
    percent: float = 0.0  # share of the manuscript body covered by counted passages
    words: int = 0

    @property
    def counted(self) -> list[Passage]:
        return [p for p, reason in self.passages if reason is None]

    @property
    def excluded(self) -> list[tuple[Passage, str]]:
        return [(p, reason) for p, reason in self.passages if reason is not None]


@dataclass
class Comparison:
    tokens: Tokens
    body_words: int
    corpus_documents: int
    boilerplate_cutoff: float
    matches: list[SourceMatch] = field(default_factory=list)
    overall_percent: float = 0.0
    overall_words: int = 0


def body_word_mask(manuscript: Manuscript, tokens: Tokens) -> np.ndarray:
    """True for each word outside the reference list."""
    mask = np.zeros(len(tokens), dtype=bool)
    for a, b in manuscript.body_ranges():
        lo, hi = np.searchsorted(tokens.starts, a, "left"), np.searchsorted(tokens.starts, b, "left")
        mask[lo:hi] = True
    return mask


def compare_with_corpus(manuscript: Manuscript, tokens: Tokens, index: Any, settings: Settings) -> Comparison:
    """Look the manuscript up in ``index`` (a text SubIndex) and align it with each candidate."""
    body = body_word_mask(manuscript, tokens)
    kgrams = as_signed(content_kgrams(tokens)).tolist()
    # k-grams wholly outside the reference list are what the manuscript is looked up by.
    content_body = body[tokens.content]
    in_body = [content_body[p] and content_body[p + INDEX_K - 1] for p in range(len(kgrams))]
    corpus_documents, frequency = index.frequencies([h for h, b in zip(kgrams, in_body) if b], manuscript.id)
    cutoff = max(settings.boilerplate_share * corpus_documents, float(settings.boilerplate_min_documents))
    result = Comparison(tokens, int(body.sum()), corpus_documents, cutoff)
    context = _ExclusionContext(manuscript, tokens, kgrams, frequency, cutoff, settings)
    # Boilerplate (common fingerprints, and every fingerprint of a common sentence) makes no candidate.
    sentence_of = tokens.sentences[tokens.content]
    query = {
        h for p, h in enumerate(kgrams)
        if in_body[p] and 0 < frequency.get(h, 0) <= cutoff and int(sentence_of[p]) not in context.common_sentences
    }
    candidates = index.candidates(sorted(query), manuscript.id, settings.max_candidates, settings.min_shared_fingerprints)
    if not candidates:
        return result
    shared = dict(candidates)
    for source in index.load([doc_id for doc_id, _ in candidates]):
        if source.id == manuscript.id:
            continue
        source_tokens = tokenize(source.text)
        earlier = settings.detect_earlier_versions and same_manuscript(
            manuscript.doi, context.title_key, source.doi, title_key(source.title)
        )
        # A passage the source itself quotes with a citation is a quotation too (seen from the quoted paper).
        source_quotes = quotation_ranges(source.text) if settings.exclude_quotations else []
        source_zones = word_zones(source_tokens, source_quotes, _outside(source.body_ranges, len(source.text)))
        passages = align(tokens, source_tokens, k=settings.seed_words, max_gap=settings.max_gap_words,
                         a_zones=context.zones, b_zones=source_zones)
        classified = [(p, context.reason(p, earlier, source_tokens, source_quotes)) for p in passages]
        if classified:
            result.matches.append(SourceMatch(source, source_tokens, classified, earlier, shared[source.id]))
    _coverage(result, body, context.boilerplate_words if settings.exclude_boilerplate else np.zeros(len(body), bool))
    return result


class _ExclusionContext:
    """The manuscript-side facts every exclusion rule needs, computed once."""

    def __init__(self, manuscript: Manuscript, tokens: Tokens, kgrams: list[int], frequency: dict[int, int], cutoff: float,
                 settings: Settings):
        self.tokens = tokens
        self.kgrams = kgrams
        self.frequency = frequency
        self.cutoff = cutoff
        self.common_sentence_words = self._common_sentence_words()
        self.settings = settings
        self.title_key = title_key(manuscript.title)
        self.references = reference_ranges(manuscript)
        self.quotations = quotation_ranges(manuscript.text) if settings.exclude_quotations else []
        self.standard = standard_section_ranges(manuscript) if settings.exclude_standard_sections else []
        self.front = front_matter_ranges(manuscript)
        # Passages never run from the body into the reference list, the front matter, a standard
        # statement or a quotation, so that each of these is judged on its own.
        self.zones = word_zones(tokens, self.front + standard_section_ranges(manuscript) + self.quotations, self.references)

    def reason(self, p: Passage, earlier_version: bool, source_tokens: Tokens, source_quotes: list[tuple[int, int]]) -> str | None:
        """The first exclusion that applies to ``p``, or None; also sets ``p.counted_words``."""
        s = self.settings
        in_common = self.boilerplate_words[p.first_word : p.last_word + 1] if s.exclude_boilerplate else np.zeros(0, bool)
        p.counted_words = p.words - int(in_common.sum())
        if earlier_version:
            return "earlier_version"
        if s.exclude_references and share_inside(p.start, p.end, self.references) >= 0.5:
            return "references"
        if s.exclude_quotations and self._quoted(p, source_tokens, source_quotes):
            return "quotation"
        if s.exclude_standard_sections and share_inside(p.start, p.end, self.front) >= 0.5:
            return "front_matter"
        if s.exclude_standard_sections and share_inside(p.start, p.end, self.standard) >= 0.5:
            return "standard_section"
        if s.exclude_boilerplate and self._common_share(p) >= 0.5:
            return "boilerplate"
        if p.counted_words < s.min_match_words:
            return "short"
        return None

    def _quoted(self, p: Passage, source_tokens: Tokens, source_quotes: list[tuple[int, int]]) -> bool:
        """Most of the shared words stand in quotation marks with a citation, in the
        manuscript or in the source (then the source quotes the manuscript's text)."""
        if self.quotations:
            spans = shared_word_spans(self.tokens, p.first_word, p.last_word, source_tokens, p.source_first_word, p.source_last_word)
            if _share_of_spans(spans, self.quotations) >= 0.5:
                return True
        if source_quotes:
            spans = shared_word_spans(source_tokens, p.source_first_word, p.source_last_word, self.tokens, p.first_word, p.last_word)
            if _share_of_spans(spans, source_quotes) >= 0.5:
                return True
        return False

    def _common_share(self, p: Passage) -> float:
        """Share of the passage's content words that lie in boilerplate sentences."""
        content = self.tokens.content
        lo = int(np.searchsorted(content, p.first_word, "left"))
        hi = int(np.searchsorted(content, p.last_word, "right"))
        if hi <= lo:
            return 0.0
        return float(self.common_sentence_words[lo:hi].sum()) / (hi - lo)

    def _common_sentence_words(self) -> np.ndarray:
        """Per content word: True when its sentence is held by many corpus documents.

        Winnowing selects the smallest k-gram hash of a sentence (with at least
        ``INDEX_WINDOW`` k-grams) in every document containing that sentence,
        so the document frequency of that one fingerprint counts the documents
        sharing the sentence. A common phrase inside an otherwise original
        sentence does not make the sentence boilerplate. Shorter sentences are
        judged by their most common fingerprint.
        """
        sentence = self.tokens.sentences[self.tokens.content]
        by_sentence: dict[int, list[int]] = {}
        for pos, h in enumerate(self.kgrams):
            if sentence[pos] == sentence[pos + INDEX_K - 1]:
                by_sentence.setdefault(int(sentence[pos]), []).append(h)
        common: list[int] = []
        for number, hashes in by_sentence.items():
            if len(hashes) >= INDEX_WINDOW:
                shared_by = self.frequency.get(min(hashes, key=lambda h: h & _UNSIGNED), 0)
            else:
                shared_by = max(self.frequency.get(h, 0) for h in hashes)
            if shared_by > self.cutoff:
                common.append(number)
        # Per word as well: boilerplate words do not count towards a passage's length or share.
        self.common_sentences = set(common)
        self.boilerplate_words = np.isin(self.tokens.sentences, common)
        return np.isin(sentence, common)


_UNSIGNED = (1 << 64) - 1  # fingerprints are stored signed; winnowing compares them unsigned


def word_zones(tokens: Tokens, separate: list[tuple[int, int]], references: list[tuple[int, int]]) -> np.ndarray:
    """Per word: 0 in the ordinary body, 1 in the references, 2, 3, ... in each ``separate`` range."""
    zones = np.zeros(len(tokens), dtype=np.int64)
    for zone, (a, b) in [(1, r) for r in references] + [(2 + n, r) for n, r in enumerate(separate)]:
        lo, hi = np.searchsorted(tokens.starts, a, "left"), np.searchsorted(tokens.starts, b, "left")
        zones[lo:hi] = zone
    return zones


def _outside(ranges: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The parts of ``[0, length)`` not in ``ranges`` (for a source: its reference list)."""
    gaps, pos = [], 0
    for a, b in sorted(ranges):
        if a > pos:
            gaps.append((pos, a))
        pos = max(pos, b)
    if pos < length:
        gaps.append((pos, length))
    return gaps


def _share_of_spans(spans: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> float:
    total = sum(e - s for s, e in spans)
    return sum(share_inside(s, e, ranges) * (e - s) for s, e in spans) / total if total else 0.0


def _coverage(result: Comparison, body: np.ndarray, boilerplate: np.ndarray) -> None:
    """Per-source and overall share of the body words inside counted passages."""
    overall = np.zeros(len(body), dtype=bool)
    denominator = max(int(body.sum()), 1)
    for match in result.matches:
        covered = np.zeros(len(body), dtype=bool)
        # An earlier version's passages are all excluded; its share is still reported.
        for p in match.counted if not match.earlier_version else [p for p, _ in match.passages]:
            covered[p.first_word : p.last_word + 1] = True
        covered &= body & ~boilerplate
        match.words = int(covered.sum())
        match.percent = round(100.0 * match.words / denominator, 1)
        if not match.earlier_version:
            overall |= covered
    result.overall_words = int(overall.sum())
    result.overall_percent = round(100.0 * result.overall_words / denominator, 1)
    result.matches.sort(key=lambda m: (m.earlier_version, -m.words, -m.shared_fingerprints))
