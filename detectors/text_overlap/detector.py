"""The text-overlap detector: passages shared with earlier manuscripts, and tortured phrases."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from detectors.base import Detector
from detectors.evidence import excerpt_block, note_block, table_block
from detectors.text_overlap import report
from detectors.text_overlap.compare import Comparison, Settings, SourceMatch, compare_with_corpus
from detectors.text_overlap.exclusions import REASONS
from detectors.text_overlap.normalize import Tokens, tokenize
from detectors.text_overlap.tortured import PhraseHit, find_tortured_phrases, tortured_severity
from integrity.models import DetectorResult, Finding, Manuscript, Severity


class TextOverlapDetector(Detector):
    """Finds passages that also stand in documents of the corpus index, and tortured phrases.

    Parameters
    ----------
    min_match_words : int, default 15
        Shared passages shorter than this (manuscript words) are excluded as "short".
    boilerplate_share : float, default 0.05
        A fingerprint held by more than this share of corpus documents is boilerplate ...
    boilerplate_min_documents : int, default 10
        ... and by more than this many documents (so a small corpus has no boilerplate
        by frequency alone). Passages mostly made of boilerplate fingerprints are excluded.
    exclude_quotations, exclude_references, exclude_standard_sections, exclude_boilerplate : bool, default True
        Leave out passages in quotation marks with a citation, in the reference list,
        in standard statements (ethics, funding, data availability, conflicts of
        interest, ...) and boilerplate. Every excluded passage is still reported.
    detect_earlier_versions : bool, default True
        A source with the same DOI or title is reported as an earlier version, not as overlap.
    check_tortured_phrases : bool, default True
        Look for the curated tortured phrases (works without a corpus).
    seed_words, max_gap_words : int, default 3 and 12
        Alignment: content words per seed, and content words without a seed allowed inside one passage.
    max_candidates : int, default 40
        Corpus documents aligned in full, those sharing the most fingerprints.
    min_shared_fingerprints : int, default 2
        A corpus document is aligned only if it shares this many fingerprints
        (not boilerplate) with the manuscript. With 2, every verbatim shared run
        of 18 content words (about 30-35 words of running text) is found; with 1,
        runs of 10 content words, at the cost of aligning many chance candidates.
    high_percent, high_passage_words : default 10.0 and 80
        A source covering this share of the body, or one passage this long, is high severity.
    medium_percent, medium_passage_words : default 3.0 and 40
        Thresholds for medium severity; smaller overlap is low.
    max_passages_shown : int, default 8
        Side-by-side pairs drawn per source (all passages are listed in the evidence).
    """

    name = "text_overlap"
    family = "text"
    description = (
        "Passages shared with earlier manuscripts in the corpus index (quotations, references, boilerplate "
        "and earlier versions excluded and reported), and known tortured phrases."
    )

    def __init__(
        self,
        min_match_words: int = 15,
        boilerplate_share: float = 0.05,
        boilerplate_min_documents: int = 10,
        exclude_quotations: bool = True,
        exclude_references: bool = True,
        exclude_standard_sections: bool = True,
        exclude_boilerplate: bool = True,
        detect_earlier_versions: bool = True,
        check_tortured_phrases: bool = True,
        seed_words: int = 3,
        max_gap_words: int = 12,
        max_candidates: int = 40,
        min_shared_fingerprints: int = 2,
        high_percent: float = 10.0,
        high_passage_words: int = 80,
        medium_percent: float = 3.0,
        medium_passage_words: int = 40,
        max_passages_shown: int = 8,
    ):
        self.min_match_words = min_match_words
        self.boilerplate_share = boilerplate_share
        self.boilerplate_min_documents = boilerplate_min_documents
        self.exclude_quotations = exclude_quotations
        self.exclude_references = exclude_references
        self.exclude_standard_sections = exclude_standard_sections
        self.exclude_boilerplate = exclude_boilerplate
        self.detect_earlier_versions = detect_earlier_versions
        self.check_tortured_phrases = check_tortured_phrases
        self.seed_words = seed_words
        self.max_gap_words = max_gap_words
        self.max_candidates = max_candidates
        self.min_shared_fingerprints = min_shared_fingerprints
        self.high_percent = high_percent
        self.high_passage_words = high_passage_words
        self.medium_percent = medium_percent
        self.medium_passage_words = medium_passage_words
        self.max_passages_shown = max_passages_shown

    # ---------------------------------------------------------------- entry

    def detect(self, manuscript: Manuscript, corpus: Any = None) -> DetectorResult:
        tokens = tokenize(manuscript.text)
        findings: list[Finding] = []
        summary: dict[str, Any] = {"overall_percent": None, "sources": [], "excluded": {}, "corpus_documents": 0}
        if self.check_tortured_phrases:
            hits = find_tortured_phrases(manuscript.text, tokens, manuscript.body_ranges())
            summary["tortured_phrases"] = [self._hit_record(manuscript, h) for h in hits]
            if hits:
                findings.append(self._tortured_finding(manuscript, hits))
        index = getattr(corpus, "text", None) if corpus is not None else None
        if index is None:
            summary["note"] = "No corpus index was given: only checks within the manuscript ran."
            return DetectorResult(findings, {"text_similarity": summary})
        comparison = compare_with_corpus(manuscript, tokens, index, self._settings())
        findings += self._overlap_findings(manuscript, comparison)
        summary.update(self._summary(manuscript, comparison))
        # The ranked source list as a flat table for the case page (sources whose every shared
        # passage was excluded stay in text_similarity only).
        rows = [
            {"rank": s["rank"], "source": s["title"] or s["filename"], "file": s["filename"], "doi": s["doi"],
             "relation": s["relation"], "percent": s["percent"], "words": s["words"],
             "passages": sum(p["excluded"] in (None, "earlier_version") for p in s["passages"])}
            for s in summary["sources"] if s["relation"] != "excluded only"
        ]
        return DetectorResult(findings, {"text_similarity": summary, "text_similarity_sources": rows})

    def _settings(self) -> Settings:
        return Settings(
            self.min_match_words, self.boilerplate_share, self.boilerplate_min_documents, self.exclude_quotations,
            self.exclude_references, self.exclude_standard_sections, self.exclude_boilerplate,
            self.detect_earlier_versions, self.seed_words, self.max_gap_words, self.max_candidates,
            self.min_shared_fingerprints,
        )

    # ---------------------------------------------------------------- overlap

    def _overlap_findings(self, m: Manuscript, comparison: Comparison) -> list[Finding]:
        findings = []
        excluded: list[tuple[SourceMatch, Any, str]] = []
        for match in comparison.matches:
            if match.earlier_version:
                findings.append(self._earlier_version_finding(m, comparison.tokens, match))
                continue
            excluded += [(match, p, reason) for p, reason in match.excluded]
            if match.counted:
                findings.append(self._source_finding(m, comparison.tokens, match))
        if excluded:
            findings.append(self._excluded_finding(m, comparison.tokens, excluded))
        return findings

    def _severity(self, percent: float, longest: int) -> Severity:
        if percent >= self.high_percent or longest >= self.high_passage_words:
            return Severity.HIGH
        if percent >= self.medium_percent or longest >= self.medium_passage_words:
            return Severity.MEDIUM
        return Severity.LOW

    def _source_finding(self, m: Manuscript, tokens: Tokens, match: SourceMatch) -> Finding:
        src = match.source
        counted = sorted(match.counted, key=lambda p: p.start)
        longest = max(p.counted_words for p in counted)
        coverage = max(p.seed_coverage for p in counted)
        severity = self._severity(match.percent, longest)
        confidence = 0.5 + 0.45 * min(1.0, longest / 80) * min(1.0, coverage / 0.6)
        percent_text = f"{match.percent:.0f}%" if match.percent >= 1 else "<1%"
        doi = f", DOI {src.doi}" if src.doi else ""
        shown = sorted(sorted(counted, key=lambda p: -p.words)[: self.max_passages_shown], key=lambda p: p.start)
        display = [report.passage_display(m, tokens, src, match.source_tokens, p, counted.index(p) + 1) for p in shown]
        if len(shown) < len(counted):
            display.append(note_block(f"{len(counted) - len(shown)} shorter passage(s) not drawn; all are listed in the evidence data."))
        excluded = _count_reasons(match.excluded)
        if excluded:
            display.append(note_block(
                f"{sum(c['passages'] for c in excluded.values())} further passage(s) shared with this source do not count "
                "(see the finding “Shared text excluded from the similarity figure”)."
            ))
        return Finding(
            self.name, "text_overlap", severity, confidence,
            f"{percent_text} of the text also appears in {report.source_label(src)}",
            f"{match.words} words of the manuscript body ({match.percent:.1f}%) in {len(counted)} passage(s) also stand in "
            f"{report.source_label(src)}{doi}, a {src.role} document of the corpus; the longest passage has {longest} words. "
            "Compare the passages side by side: shared text can be legitimate (the authors' own earlier work, a preprint, "
            "a properly cited quotation) or reused without attribution.",
            [m.locate(p.start, p.end) for p in counted],
            {
                "source": report.source_record(src),
                "percent": match.percent,
                "words": match.words,
                "passages": [report.passage_record(m, src, p) for p in counted],
                "excluded": excluded,
                "display": display,
            },
        )

    def _earlier_version_finding(self, m: Manuscript, tokens: Tokens, match: SourceMatch) -> Finding:
        src = match.source
        passages = sorted((p for p, _ in match.passages), key=lambda p: -p.words)
        how = "the same DOI" if m.doi and src.doi and m.doi.lower() == src.doi.lower() else "the same title"
        display = [report.passage_display(m, tokens, src, match.source_tokens, passages[0], 1)] if passages else []
        display.append(note_block(f"excluded: earlier version — {report.source_label(src)} has {how}; its shared text is not counted as overlap."))
        return Finding(
            self.name, "earlier_version", Severity.INFO, 0.9,
            f"Earlier version in the corpus: {report.source_label(src)}",
            f"{report.source_label(src)} has {how} as this manuscript and shares {match.percent:.0f}% of its body text. "
            "It is treated as an earlier version of the same manuscript, not as a source of overlap.",
            [m.locate(p.start, p.end) for p in passages[:5]],
            {"source": report.source_record(src), "percent": match.percent,
             "passages": [report.passage_record(m, src, p, "earlier_version") for p in passages], "display": display},
        )

    def _excluded_finding(self, m: Manuscript, tokens: Tokens, excluded: list[tuple[SourceMatch, Any, str]]) -> Finding:
        """One finding listing every manuscript passage left out, with why and which sources share it."""
        groups: dict[tuple[str, int, int], list[tuple[SourceMatch, Any]]] = defaultdict(list)
        for match, p, reason in excluded:
            groups[(reason, p.start, p.end)].append((match, p))
        counts: dict[str, dict[str, int]] = defaultdict(lambda: {"passages": 0, "words": 0})
        rows = []
        for (reason, start, end), shared in sorted(groups.items(), key=lambda g: g[0][1]):
            words = shared[0][1].words
            counts[reason]["passages"] += 1
            counts[reason]["words"] += words
            names = "; ".join(match.source.title or match.source.filename for match, _ in shared[:3])
            more = f" and {len(shared) - 3} more" if len(shared) > 3 else ""
            rows.append([REASONS[reason], words, m.locate(start, end).page, f"{start}-{end}", f"{len(shared)}: {names}{more}"])
        display = [report.exclusion_note(dict(counts)), report.excluded_table(rows[:60])]
        examples = [shared[0] + (key[0],) for key, shared in groups.items() if key[0] != "short"]
        for match, p, reason in sorted(examples, key=lambda x: -x[1].words)[:3]:
            display.append(note_block(f"excluded: {REASONS[reason]}"))
            display.append(report.passage_display(m, tokens, match.source, match.source_tokens, p))
        return Finding(
            self.name, "excluded_matches", Severity.INFO, 1.0,
            "Shared text excluded from the similarity figure",
            f"{len(groups)} passage(s) of the manuscript shared with corpus documents were left out of the similarity "
            "figure: " + "; ".join(f"{REASONS[r]}: {c['passages']}" for r, c in counts.items())
            + ". They are listed so that each exclusion can be checked.",
            [m.locate(start, end) for _, start, end in sorted(groups, key=lambda g: g[1])[:30]],
            {"excluded": dict(counts), "display": [b for b in display if b]},
        )

    def _summary(self, m: Manuscript, comparison: Comparison) -> dict[str, Any]:
        sources = []
        excluded: dict[str, dict[str, Any]] = {}
        for rank, match in enumerate(comparison.matches, start=1):
            counts = _count_reasons(match.excluded)
            for reason, c in counts.items():
                total = excluded.setdefault(reason, {"label": REASONS[reason], "passages": 0, "words": 0})
                total["passages"] += c["passages"]
                total["words"] += c["words"]
            sources.append({
                "rank": rank, **report.source_record(match.source),
                "relation": "earlier version" if match.earlier_version else "overlap" if match.counted else "excluded only",
                "percent": match.percent, "words": match.words, "shared_fingerprints": match.shared_fingerprints,
                "passages": [report.passage_record(m, match.source, p, reason) for p, reason in match.passages],
                "excluded": counts,
            })
        return {
            "overall_percent": comparison.overall_percent,
            "overall_words": comparison.overall_words,
            "body_words": comparison.body_words,
            "corpus_documents": comparison.corpus_documents,
            "boilerplate_cutoff_documents": round(comparison.boilerplate_cutoff, 1),
            "sources": sources,
            "excluded": excluded,
        }

    # ---------------------------------------------------------------- tortured phrases

    @staticmethod
    def _hit_record(m: Manuscript, hit: PhraseHit) -> dict[str, Any]:
        return {"phrase": m.text[hit.start:hit.end], "listed_as": hit.phrase.tortured, "expected": hit.phrase.expected,
                "char_start": hit.start, "char_end": hit.end, "page": m.locate(hit.start, hit.end).page}

    def _tortured_finding(self, m: Manuscript, hits: list[PhraseHit]) -> Finding:
        records = [self._hit_record(m, h) for h in hits]
        distinct = sorted({h.phrase.tortured for h in hits})
        first = hits[0].phrase
        rows = [[" ".join(r["phrase"].split()), r["expected"], r["page"], f"{r['char_start']}-{r['char_end']}"] for r in records]
        display: list[dict[str, Any]] = [table_block(["phrase in the manuscript", "established term", "page", "chars"], rows)]
        for hit in hits[:5]:
            display.append(excerpt_block(m, hit.start, hit.end, context=120,
                                         label=f"“{' '.join(m.text[hit.start:hit.end].split())}” where “{hit.phrase.expected}” is expected"))
        return Finding(
            self.name, "tortured_phrases", Severity(tortured_severity(len(hits))), min(0.95, 0.55 + 0.1 * len(hits)),
            f"{len(hits)} tortured phrase{'s' if len(hits) != 1 else ''} (e.g. “{first.tortured}” for “{first.expected}”)",
            f"The text uses {len(hits)} known paper-mill substitute(s) for established terms ({len(distinct)} distinct). "
            "Such phrases come from automatic paraphrasing that disguises copied text; check the passages around them "
            "and whether the authors can explain the wording.",
            [m.locate(h.start, h.end) for h in hits],
            {"phrases": records, "display": display},
        )


def _count_reasons(excluded: list[tuple[Any, str]]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for p, reason in excluded:
        c = counts.setdefault(reason, {"passages": 0, "words": 0})
        c["passages"] += 1
        c["words"] += p.words
    return counts
