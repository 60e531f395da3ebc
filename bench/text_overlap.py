"""Text-overlap benchmark: PAN quality per obfuscation type, clean-document
false alarms, throughput, and check time against growing indexes.

Usage::

    python bench/text_overlap.py                 # quality + scale (1k, 10k, 100k documents)
    python bench/text_overlap.py --quick         # smaller corpus, scale up to 10k
    python bench/text_overlap.py --no-scale      # quality only
    python bench/text_overlap.py --scale 1000 10000 100000 --scale-words 2000

Everything is generated (bench/text_corpus.py); the databases live in a
temporary directory that is removed at the end.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.text_corpus import OBFUSCATIONS  # noqa: E402
from bench.text_pan import Detection, build_corpus, pan_scores  # noqa: E402
from bench.text_scale import scale_benchmark  # noqa: E402
from detectors.text_overlap import TextOverlapDetector  # noqa: E402
from integrity.corpus import Corpus  # noqa: E402
from integrity.ingest import ingest_bytes  # noqa: E402


def quality(n_sources: int, n_per_type: int, n_clean: int, workdir: Path, detector: TextOverlapDetector) -> None:
    started = time.perf_counter()
    docs, cases, stats = build_corpus(n_sources, n_per_type, n_clean)
    print(f"Corpus: {len(docs)} documents ({n_sources} sources, {n_per_type} suspicious per obfuscation type, {n_clean} clean), "
          f"{len(cases)} planted cases, {sum(len(d.text.split()) for d in docs.values()) / len(docs):.0f} words per document on average; "
          f"synonym substitution changed {stats['synonym_words_changed']:.0%} of the words "
          f"({stats['heavy_synonym_words_changed']:.0%} in synonyms_heavy); "
          f"generated in {time.perf_counter() - started:.1f} s.")
    manuscripts = {name: ingest_bytes(doc.text.encode("utf-8"), f"{name}.txt") for name, doc in docs.items()}
    names_by_id = {m.id: name for name, m in manuscripts.items()}
    corpus = Corpus(f"sqlite:///{workdir / 'quality.db'}")
    started = time.perf_counter()
    for m in manuscripts.values():
        corpus.add(m)
    index_seconds = time.perf_counter() - started
    detections: list[Detection] = []
    flagged = {"low": 0, "medium": 0, "high": 0}
    tortured_found = 0
    check_times = []
    per_doc_findings = {}
    for name, m in manuscripts.items():
        if docs[name].kind == "source":
            continue
        t0 = time.perf_counter()
        result = detector.detect(m, corpus)
        check_times.append(time.perf_counter() - t0)
        per_doc_findings[name] = result.findings
        for source in result.data["text_similarity"]["sources"]:
            if source["relation"] != "overlap":
                continue
            # PAN scores detections against the source collection; a suspicious document
            # that copied the same source as another is a true match but not a PAN case.
            if docs[name].kind == "suspicious" and docs[names_by_id[source["id"]]].kind != "source":
                continue
            for p in source["passages"]:
                if p["excluded"] is None:
                    detections.append(Detection(name, names_by_id[source["id"]], p["span"]["char_start"], p["span"]["char_end"],
                                                p["source_span"]["char_start"], p["source_span"]["char_end"]))
        if docs[name].kind == "clean":
            worst = max((f.severity.rank for f in result.findings if f.kind in ("text_overlap", "tortured_phrases")), default=0)
            for level, rank in (("low", 1), ("medium", 2), ("high", 3)):
                flagged[level] += worst >= rank
        if name.startswith("susp-tortured"):
            tortured_found += len(result.data["text_similarity"].get("tortured_phrases", []))

    print(f"\nIndexing: {len(manuscripts)} documents in {index_seconds:.1f} s = {len(manuscripts) / index_seconds:.0f} documents/s "
          "(ingest excluded; one transaction per document).")
    print(f"Checking: {len(check_times)} documents, median {statistics.median(check_times) * 1000:.0f} ms, "
          f"95th percentile {sorted(check_times)[int(0.95 * len(check_times))] * 1000:.0f} ms, "
          f"{len(check_times) / sum(check_times):.1f} documents/s.\n")
    print("Obfuscations: light_edits drops 6%, inserts 6% and changes 5% of the words and swaps neighbours in 30% of the "
          "sentences; reordered shuffles the sentences of the passage; synonyms / synonyms_heavy swap words for synonyms; "
          "tortured replaces established terms by listed tortured phrases (plus 20% synonym swaps); mosaic interleaves "
          "runs of 1-3 sentences from 2-3 sources (half-rate light edits); each run is one case.\n")
    header = f"| {'obfuscation':<14} | cases | detections | precision | recall | granularity | plagdet |"
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for obfuscation in OBFUSCATIONS + ["overall"]:
        if obfuscation == "overall":
            subset_cases = cases
            subset_dets = detections  # includes every detection in clean documents
        else:
            subset_cases = [c for c in cases if c.obfuscation == obfuscation]
            subset_dets = [d for d in detections if d.suspicious.startswith(f"susp-{obfuscation}-")]
        s = pan_scores(subset_cases, subset_dets)
        print(f"| {obfuscation:<14} | {s['cases']:>5} | {s['detections']:>10} | {s['precision']:>9.3f} | {s['recall']:>6.3f} | "
              f"{s['granularity']:>11.3f} | {s['plagdet']:>7.3f} |")
    planted = stats["tortured_phrases_planted"]
    print(f"\nTortured phrases: {planted} planted in the tortured passages, {tortured_found} reported in those documents.")
    print(f"Clean documents ({n_clean}) with a text finding of at least low / medium / high severity: "
          f"{flagged['low']} / {flagged['medium']} / {flagged['high']} "
          f"({flagged['medium'] / max(n_clean, 1):.1%} flagged at medium or above).")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="Smaller quality corpus; scale up to 10,000 documents.")
    parser.add_argument("--no-scale", action="store_true", help="Skip the scale benchmark.")
    parser.add_argument("--no-quality", action="store_true", help="Skip the quality benchmark.")
    parser.add_argument("--scale", type=int, nargs="+", default=None, help="Index sizes for the scale benchmark.")
    parser.add_argument("--scale-words", type=int, default=2000, help="Words per generated document in the scale indexes.")
    args = parser.parse_args()
    detector = TextOverlapDetector()
    with tempfile.TemporaryDirectory(prefix="bench-text-") as tmp:
        workdir = Path(tmp)
        if not args.no_quality:
            if args.quick:
                quality(120, 12, 50, workdir, detector)
            else:
                quality(300, 30, 120, workdir, detector)
        if not args.no_scale:
            sizes = args.scale or ([1000, 10000] if args.quick else [1000, 10000, 100000])
            scale_benchmark(sizes, args.scale_words, workdir, detector)


if __name__ == "__main__":
    main()
