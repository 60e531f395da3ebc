"""Build the labelled corpus and score detections the PAN way (bench only).

PAN measures (Potthast et al., 2010): a case and a detection are each a
pair of character ranges (suspicious, source). A detection *detects* a case
when both ranges overlap and the source document is the same. Recall and
precision are macro-averaged over cases and detections on characters of
both documents; granularity is the mean number of detections per detected
case; plagdet = F1 / log2(1 + granularity).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from bench.text_corpus import OBFUSCATIONS, Case, Document, Generator, light_edits, render, reorder, substitute_synonyms, torture


@dataclass
class Detection:
    suspicious: str
    source: str
    start: int
    end: int
    source_start: int
    source_end: int


def build_corpus(n_sources: int = 300, n_per_type: int = 30, n_clean: int = 120, seed: int = 7, synonym_rate: float = 0.5,
                 heavy_synonym_rate: float = 0.85):
    """(documents by name, cases, statistics about the obfuscations).

    ``synonym_rate`` / ``heavy_synonym_rate``: chance that a word with a known
    synonym is swapped, for the "synonyms" and "synonyms_heavy" types.
    """
    gen = Generator(seed)
    rng = random.Random(seed + 1)
    docs: dict[str, Document] = {}
    sources = []
    for i in range(n_sources):
        doc, topic = gen.document(f"source-{i:04d}", "source")
        render(doc)
        docs[doc.name] = doc
        sources.append((doc, topic))
    technical = [d for d, t in sources if t["X"]]
    pending: list[tuple[Document, list[tuple[str, Document, int, int, str, int]]]] = []
    stats = {"synonym_words_changed": [], "heavy_synonym_words_changed": [], "tortured_phrases_planted": 0}
    for obfuscation in OBFUSCATIONS:
        for n in range(n_per_type):
            doc, _ = gen.document(f"susp-{obfuscation}-{n:03d}", "suspicious")
            planted = []
            for c in range(rng.randint(1, 3)):
                body_slots = [i for i, (k, _) in enumerate(doc.blocks) if k == "para" and 6 < i < len(doc.blocks) - 8]
                slot = rng.choice(body_slots)
                marker = f"case-{c}"
                if obfuscation == "mosaic":
                    sentences, pieces = _mosaic(rng, [d for d, _ in sources])
                    doc.blocks.insert(slot, ("para", (marker, sentences)))
                    planted.append((marker, pieces))
                    continue
                pool = technical if obfuscation == "tortured" else [d for d, _ in sources]
                src = rng.choice(pool)
                first, last = _passage(rng, src, rng.choice([(50, 120), (120, 300), (300, 600)]), prefer_terms=obfuscation == "tortured")
                sentences = [src.text[a:b].replace("\n", " ") for a, b, _ in src.sentence_spans[first : last + 1]]
                tortured = 0
                if obfuscation == "light_edits":
                    sentences = light_edits(sentences, rng)
                elif obfuscation == "reordered":
                    sentences = reorder(sentences, rng)
                elif obfuscation.startswith("synonyms"):
                    heavy = obfuscation == "synonyms_heavy"
                    sentences, share = substitute_synonyms(sentences, rng, p=heavy_synonym_rate if heavy else synonym_rate)
                    stats["heavy_synonym_words_changed" if heavy else "synonym_words_changed"].append(share)
                elif obfuscation == "tortured":
                    sentences, tortured = torture(sentences, rng)
                    stats["tortured_phrases_planted"] += tortured
                doc.blocks.insert(slot, ("para", (marker, sentences)))
                planted.append((marker, [(src, first, last, None, tortured)]))
            pending.append((doc, [(obfuscation, *p) for p in planted]))
    clean = []
    for n in range(n_clean):
        doc, _ = gen.document(f"clean-{n:03d}", "clean")
        _add_quotations(rng, doc, [d for d, _ in sources])
        clean.append(doc)
    cases: list[Case] = []
    for doc, planted in pending:
        render(doc)
        docs[doc.name] = doc
        for obfuscation, marker, pieces in planted:
            cases += _cases(doc, marker, pieces, obfuscation)
    for doc in clean:
        render(doc)
        docs[doc.name] = doc
    for key in ("synonym_words_changed", "heavy_synonym_words_changed"):
        stats[key] = round(sum(stats[key]) / max(len(stats[key]), 1), 3)
    return docs, cases, stats


def _passage(rng: random.Random, src: Document, words: tuple[int, int], prefer_terms: bool = False) -> tuple[int, int]:
    """A run of consecutive body sentences of one section, of about ``words`` words."""
    target = rng.randint(*words)
    spans = src.sentence_spans
    for _attempt in range(50):
        first = rng.randrange(len(spans))
        if spans[first][2] == "boilerplate":
            continue
        last, count = first, 0
        while last < len(spans) and spans[last][2] == spans[first][2]:
            count += len(src.text[spans[last][0] : spans[last][1]].split())
            if count >= target:
                break
            last += 1
        last = min(last, len(spans) - 1)
        if spans[last][2] != spans[first][2]:
            last -= 1
        text = src.text[spans[first][0] : spans[last][1]].lower()
        if count >= min(target, 40) and (not prefer_terms or sum(t in text for t in ("learning", "forest", "cancer", "data", "network", "regression", "error", "interval", "ratio", "index", "acid", "chain", "system", "consent", "stress", "trial", "failure", "algorithm", "optimization", "tree", "machine", "intelligence", "noise", "colony", "expression", "extraction", "processing", "service", "set")) >= 2):
            return first, last
    return first, last


def _mosaic(rng: random.Random, sources: list[Document]):
    """Sentences of 2-3 sources interleaved; returns the sentences and their origins."""
    chosen = rng.sample(sources, rng.randint(2, 3))
    runs = []
    for src in chosen:
        first, last = _passage(rng, src, (60, 140))
        runs.append([(src, i) for i in range(first, last + 1)])
    sentences, origins = [], []
    while any(runs):
        run = rng.choice([r for r in runs if r])
        take = rng.randint(1, 3)
        for src, i in run[:take]:
            a, b, _ = src.sentence_spans[i]
            sentences.append(src.text[a:b].replace("\n", " "))
            origins.append((src, i))
        del run[:take]
    sentences = light_edits(sentences, rng, rate=0.5)
    return sentences, origins


def _cases(doc: Document, marker: str, pieces, obfuscation: str) -> list[Case]:
    start, end = doc.marked_spans[marker]
    if obfuscation != "mosaic":
        src, first, last, _, tortured = pieces[0]
        return [Case(doc.name, src.name, start, end, src.sentence_spans[first][0], src.sentence_spans[last][1], obfuscation, tortured)]
    # Mosaic: each run of consecutive sentences from one source is a case.
    sentence_spans = [s for s in doc.sentence_spans if start <= s[0] < end]
    cases: list[Case] = []
    for (a, b, _), (src, i) in zip(sentence_spans, pieces):
        last = cases[-1] if cases else None
        if last and last.source == src.name and last.end + 1 >= a - 1 and src.sentence_spans[i][0] >= last.source_end:
            last.end, last.source_end = b, src.sentence_spans[i][1]
        else:
            cases.append(Case(doc.name, src.name, a, b, src.sentence_spans[i][0], src.sentence_spans[i][1], "mosaic"))
    return cases


def _add_quotations(rng: random.Random, doc: Document, sources: list[Document]) -> None:
    """One or two sentences of source documents, quoted with a citation."""
    paras = [i for i, (k, _) in enumerate(doc.blocks) if k == "para" and 6 < i < len(doc.blocks) - 8]
    for _ in range(rng.randint(1, 2)):
        src = rng.choice(sources)
        a, b, _ = rng.choice([span for span in src.sentence_spans if span[2] != "boilerplate"])
        quoted = src.text[a:b].replace("\n", " ").rstrip(".")
        author = rng.choice(["Smith", "Okafor", "Nguyen", "García", "Müller", "Tanaka"])
        year = rng.randint(1995, 2024)
        sentence = rng.choice([f"As {author} et al. ({year}) put it, “{quoted}”.", f"“{quoted}” ({author} et al., {year})."])
        i = rng.choice(paras)
        sentences = list(doc.blocks[i][1])
        sentences.insert(rng.randint(0, len(sentences)), sentence)
        doc.blocks[i] = ("para", sentences)


# ------------------------------------------------------------------ PAN measures

def _overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))


def _union_length(intervals: list[tuple[int, int]]) -> int:
    total, reach = 0, None
    for a, b in sorted(intervals):
        if reach is None or a > reach:
            total += b - a
            reach = b
        elif b > reach:
            total += b - reach
            reach = b
    return total


def _detects(case: Case, det: Detection) -> bool:
    return (case.suspicious == det.suspicious and case.source == det.source
            and _overlap(case.start, case.end, det.start, det.end) > 0
            and _overlap(case.source_start, case.source_end, det.source_start, det.source_end) > 0)


def pan_scores(cases: list[Case], detections: list[Detection]) -> dict[str, float]:
    by_doc: dict[str, list[Detection]] = {}
    for d in detections:
        by_doc.setdefault(d.suspicious, []).append(d)
    recalls, counts = [], []
    for s in cases:
        hits = [r for r in by_doc.get(s.suspicious, []) if _detects(s, r)]
        covered = _union_length([(max(s.start, r.start), min(s.end, r.end)) for r in hits])
        covered += _union_length([(max(s.source_start, r.source_start), min(s.source_end, r.source_end)) for r in hits])
        recalls.append(covered / ((s.end - s.start) + (s.source_end - s.source_start)))
        if hits:
            counts.append(len(hits))
    cases_by_doc: dict[str, list[Case]] = {}
    for s in cases:
        cases_by_doc.setdefault(s.suspicious, []).append(s)
    precisions = []
    for r in detections:
        hits = [s for s in cases_by_doc.get(r.suspicious, []) if _detects(s, r)]
        covered = _union_length([(max(s.start, r.start), min(s.end, r.end)) for s in hits])
        covered += _union_length([(max(s.source_start, r.source_start), min(s.source_end, r.source_end)) for s in hits])
        precisions.append(covered / max((r.end - r.start) + (r.source_end - r.source_start), 1))
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    precision = sum(precisions) / len(precisions) if precisions else (1.0 if not cases else 0.0)
    granularity = sum(counts) / len(counts) if counts else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"cases": len(cases), "detections": len(detections), "precision": precision, "recall": recall,
            "granularity": granularity, "plagdet": f1 / math.log2(1 + granularity)}
