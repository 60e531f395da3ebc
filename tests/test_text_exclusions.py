"""Each exclusion applies, is visible in the case, and can be switched off."""

from __future__ import annotations

from detectors.text_overlap import TextOverlapDetector
from tests.test_text_helpers import COPIED, FILLER, OTHER_COPIED, corpus_with, counted_passages, manuscript, paper, sources

QUOTED = "Whole-cell patch clamp recordings were obtained from visually identified pyramidal neurons using borosilicate pipettes filled with a potassium gluconate internal solution"
STANDARD = ("Statistical analyses were carried out with the open statistical environment R version four, and two-sided "
            "probability values below five percent were considered statistically significant throughout this work.")


def _kinds(result):
    return {f.kind: f for f in result.findings}


def _excluded(result):
    return result.data["text_similarity"]["excluded"]


def test_quotation_with_citation_is_excluded_and_shown(tmp_path):
    source = manuscript(paper("Patch clamp methods 1", [FILLER[0], COPIED, OTHER_COPIED]), "source.txt")
    quoting = manuscript(paper("A review of methods 2", [FILLER[1], f"As Author et al. (2019) wrote, “{QUOTED}”.", FILLER[2], OTHER_COPIED]), "quoting.txt")
    corpus = corpus_with(tmp_path, source, quoting)
    result = TextOverlapDetector().detect(quoting, corpus)
    reasons = {p["excluded"] for s in sources(result) for p in s["passages"]}
    assert "quotation" in reasons
    assert _excluded(result)["quotation"]["passages"] == 1
    note = _kinds(result)["excluded_matches"]
    assert any("quotation" in str(block) for block in note.evidence["display"])
    # The quoted sentence is not counted; the unquoted shared passage is.
    assert all(QUOTED[:40] not in quoting.text[p["span"]["char_start"]:p["span"]["char_end"]] for p in counted_passages(result))
    # Seen from the quoted paper, the same passage is a quotation too.
    back = TextOverlapDetector().detect(source, corpus)
    assert "quotation" in {p["excluded"] for s in sources(back) for p in s["passages"]}
    # Switched off, the quotation counts as overlap.
    off = TextOverlapDetector(exclude_quotations=False).detect(quoting, corpus)
    assert "quotation" not in _excluded(off)
    start = quoting.text.index(QUOTED)
    assert any(p["span"]["char_start"] <= start < p["span"]["char_end"] for p in counted_passages(off))


def test_quotation_without_citation_counts(tmp_path):
    source = manuscript(paper("Patch clamp methods 3", [FILLER[0], COPIED]), "source.txt")
    quoting = manuscript(paper("Uncited quotation 4", [FILLER[1], f"We wrote that “{QUOTED}” and moved on.", FILLER[2], OTHER_COPIED]), "q.txt")
    corpus = corpus_with(tmp_path, source, quoting)
    result = TextOverlapDetector(min_shared_fingerprints=1).detect(quoting, corpus)
    assert "quotation" not in _excluded(result)
    assert counted_passages(result)


def test_reference_list_is_excluded(tmp_path):
    refs = [
        "1. Okafor CN, Lindqvist E, Tanaka H. Long-term potentiation in ageing hippocampal circuits depends on astrocytic lactate shuttling. Journal of Neurophysiology Research. 2019;41(3):211-229.",
        "2. Marchetti L, Oyelaran B. A practical guide to whole-cell recordings in acute brain slices from adult rodents. Methods in Cellular Neuroscience. 2020;12:45-67.",
    ]
    a = manuscript(paper("Slice physiology 5", [FILLER[0], COPIED], references=refs), "a.txt")
    b = manuscript(paper("Slice physiology 6", [FILLER[3], COPIED], references=refs), "b.txt")
    corpus = corpus_with(tmp_path, a, b)
    result = TextOverlapDetector().detect(b, corpus)
    assert _excluded(result)["references"]["passages"] >= 1
    assert len(counted_passages(result)) == 1
    off = TextOverlapDetector(exclude_references=False).detect(b, corpus)
    assert "references" not in _excluded(off) and len(counted_passages(off)) >= 2


def test_short_matches_are_excluded(tmp_path):
    shared_sentence = "Cultures were kept at thirty seven degrees in a humidified incubator with five percent carbon dioxide."
    a = manuscript(paper("Culture methods 7", [FILLER[0], shared_sentence, FILLER[1], FILLER[2], COPIED]), "a.txt")
    b = manuscript(paper("Culture methods 8", [FILLER[4], shared_sentence, FILLER[5], FILLER[6], COPIED]), "b.txt")
    corpus = corpus_with(tmp_path, a, b)
    result = TextOverlapDetector(min_match_words=20).detect(b, corpus)
    assert _excluded(result)["short"]["passages"] == 1
    assert len(counted_passages(result)) == 1
    lenient = TextOverlapDetector(min_match_words=10).detect(b, corpus)
    assert len(counted_passages(lenient)) == 2


def test_boilerplate_shared_by_many_documents_is_excluded(tmp_path):
    docs = [manuscript(paper(f"Unrelated study {i}", [FILLER[i], STANDARD]), f"d{i}.txt") for i in range(7)]
    copier = manuscript(paper("Unrelated study 9", [STANDARD, FILLER[8], FILLER[7], COPIED]), "copier.txt")
    source = manuscript(paper("Unrelated study 10", [STANDARD, FILLER[9], FILLER[6], COPIED]), "source.txt")
    corpus = corpus_with(tmp_path, *docs, copier, source)
    result = TextOverlapDetector(boilerplate_min_documents=4).detect(copier, corpus)
    # The sentence nine documents share is boilerplate: it neither makes the seven others
    # candidates nor counts against the real source.
    assert _excluded(result)["boilerplate"]["passages"] == 1
    assert [s["filename"] for s in sources(result)] == ["source.txt"]
    assert result.data["text_similarity"]["boilerplate_cutoff_documents"] == 4
    assert "boilerplate" in str(_kinds(result)["excluded_matches"].evidence["display"])
    # With a higher cut-off the same sentence is ordinary overlap with every document.
    strict = TextOverlapDetector(boilerplate_min_documents=50).detect(copier, corpus)
    assert "boilerplate" not in _excluded(strict)
    assert len(sources(strict)) == 8
    assert len(counted_passages(strict)) == 9
    off = TextOverlapDetector(boilerplate_min_documents=4, exclude_boilerplate=False).detect(copier, corpus)
    assert "boilerplate" not in _excluded(off)


def test_standard_statement_sections_are_excluded(tmp_path):
    ethics = ("Ethics statement\nAll procedures were approved by the regional animal welfare committee and complied with "
              "the national legislation on the protection of animals used for scientific purposes, licence number pending.\n\n")
    a = manuscript(paper("Mouse behaviour 11", [FILLER[0], COPIED], extra_sections=ethics), "a.txt")
    b = manuscript(paper("Mouse behaviour 12", [FILLER[1], COPIED], extra_sections=ethics), "b.txt")
    corpus = corpus_with(tmp_path, a, b)
    result = TextOverlapDetector().detect(b, corpus)
    assert _excluded(result)["standard_section"]["passages"] == 1
    off = TextOverlapDetector(exclude_standard_sections=False).detect(b, corpus)
    assert "standard_section" not in _excluded(off)


def test_earlier_version_by_doi_is_reported_as_such(tmp_path):
    v1 = manuscript(paper("Slice physiology revisited 13", [FILLER[0], COPIED, OTHER_COPIED], doi="10.5555/x.2026.7"), "v1.txt")
    v2 = manuscript(paper("Slice physiology revisited 13", [FILLER[0], COPIED, OTHER_COPIED, FILLER[1]], doi="10.5555/x.2026.7"), "v2.txt")
    corpus = corpus_with(tmp_path, v1, v2)
    result = TextOverlapDetector().detect(v2, corpus)
    kinds = _kinds(result)
    assert "text_overlap" not in kinds
    assert kinds["earlier_version"].severity.value == "info"
    assert "same DOI" in kinds["earlier_version"].explanation
    assert sources(result)[0]["relation"] == "earlier version"
    assert result.data["text_similarity"]["overall_percent"] == 0.0
    off = TextOverlapDetector(detect_earlier_versions=False).detect(v2, corpus)
    assert _kinds(off)["text_overlap"].severity.value == "high"


def test_earlier_version_by_title(tmp_path):
    v1 = manuscript(paper("Calcium imaging of dendritic spines in vivo", [FILLER[0], COPIED]), "v1.txt")
    v2 = manuscript(paper("Calcium Imaging of Dendritic Spines in Vivo", [FILLER[2], COPIED, FILLER[3]]), "v2.txt")
    corpus = corpus_with(tmp_path, v1, v2)
    kinds = _kinds(TextOverlapDetector().detect(v2, corpus))
    assert "earlier_version" in kinds and "text_overlap" not in kinds
    assert "same title" in kinds["earlier_version"].explanation
