"""Tortured phrases: the shipped list, matching, severity, evidence."""

from __future__ import annotations

from detectors.text_overlap import TextOverlapDetector
from detectors.text_overlap.tortured import DATA_FILE, find_tortured_phrases, load_phrases, tortured_severity
from tests.test_text_helpers import manuscript, paper


def test_the_list_has_300_pairs_with_provenance():
    phrases = load_phrases()
    assert len(phrases) >= 300
    assert len({p.tortured.lower() for p in phrases}) == len(phrases)
    assert {p.provenance for p in phrases} == {"published", "pattern"}
    header = DATA_FILE.read_text(encoding="utf-8").split("tortured\texpected")[0]
    assert "arXiv:2107.06751" in header and "Problematic Paper Screener" in header
    known = {p.tortured: p.expected for p in phrases}
    assert known["counterfeit consciousness"] == "artificial intelligence"
    assert known["profound learning"] == "deep learning"
    assert known["irregular woodland"] == "random forest"
    assert known["bosom malignancy"] == "breast cancer"


def test_matching_ignores_case_inflection_hyphens_and_line_breaks():
    text = ("Profound Neural Organizations beat counterfeit\nconsciousness. Irregular woodlands and "
            "BOSOM MALIGNANCIES were studied; the sign-to-commotion proportion was high.")
    hits = find_tortured_phrases(text)
    assert [h.phrase.expected for h in hits] == [
        "deep neural network", "artificial intelligence", "random forest", "breast cancer", "signal to noise ratio",
    ]
    for h in hits:
        assert text[h.start:h.end].split()[0].lower().startswith(h.phrase.tortured.split()[0][:4])


def test_established_terms_and_sentence_breaks_do_not_match():
    clean = ("Deep learning and random forests were compared for breast cancer screening; artificial intelligence "
             "helps. The board approved the study. Teachers support learning. The result was profound. Learning "
             "curves were flat, and the method was careful. Method details follow.")
    assert find_tortured_phrases(clean) == []


def test_longest_phrase_wins():
    hits = find_tortured_phrases("A profound neural organization was trained.")
    assert len(hits) == 1 and hits[0].phrase.expected == "deep neural network"


def test_severity_grows_with_the_count():
    assert [tortured_severity(n) for n in (1, 2, 3, 4, 5, 9)] == ["low", "low", "medium", "medium", "high", "high"]
    phrases = ["profound learning", "irregular woodland", "colossal information", "bosom malignancy", "choice tree"]
    for count, severity in ((1, "low"), (3, "medium"), (5, "high")):
        body = " ".join(f"Sentence {i} mentions {p} here." for i, p in enumerate(phrases[:count]))
        m = manuscript(paper(f"Tortured {count}", [body]), "t.txt")
        finding = next(f for f in TextOverlapDetector().detect(m, None).findings if f.kind == "tortured_phrases")
        assert finding.severity.value == severity
        assert len(finding.locations) == count
        rows = finding.evidence["display"][0]["rows"]
        assert [r[1] for r in rows][:1] == ["deep learning"]


def test_phrases_in_the_reference_list_are_ignored():
    text = paper("Reference only 7", ["Nothing odd in the body at all."],
                 references=["1. Smith A. Profound learning for irregular woodland growth. J Odd. 2021;1:1."])
    result = TextOverlapDetector().detect(manuscript(text, "r.txt"), None)
    assert result.findings == [] and result.data["text_similarity"]["tortured_phrases"] == []


def test_finding_points_at_each_phrase():
    text = paper("Located 8", ["We used counterfeit consciousness.", "Later, profound learning helped."])
    m = manuscript(text, "l.txt")
    finding = TextOverlapDetector().detect(m, None).findings[0]
    spans = [(loc.char_start, loc.char_end) for loc in finding.locations]
    assert [m.text[a:b] for a, b in spans] == ["counterfeit consciousness", "profound learning"]
    assert all(loc.page == 1 for loc in finding.locations)
    records = finding.evidence["phrases"]
    assert records[0]["expected"] == "artificial intelligence" and records[0]["char_start"] == spans[0][0]
    off = TextOverlapDetector(check_tortured_phrases=False).detect(m, None)
    assert off.findings == []
