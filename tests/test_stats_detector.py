"""The StatsDetector end to end: plain text, a PDF built here, tables,
findings with evidence, case.json tables and paper-level signals."""

from __future__ import annotations

import pymupdf
import pytest

from detectors.stats import StatsDetector
from integrity.ingest import ingest_bytes
from integrity.models import Case, Manuscript, Severity, Table

RESULTS_SECTION = """Results

Participants (N = 18) rated their mood on a single 7-point Likert item (M = 3.47, SD = 1.20).
The mean age was 34.7 years (SD = 8.2, N = 23).
The groups differed, t(28) = 2.20, p = .012. A second test, t(24) = 1.45, p = .031, was also reported.
As predicted, t(30) = 1.80, p = .041, one-tailed.
The contrast held, t(40) = 2.65, p = .034, Bonferroni-corrected for three comparisons.
Other results: F(2, 57) = 3.41, p = .040; r(48) = .32, p = .023; χ2(1, N = 90) = 4.50, p = .034; z = 2.31, p = .021.

References
Smith, J. (2001). A replication: t(12) = 9.90, p = .50. Journal of Results, 1, 1-9.
"""


@pytest.fixture(scope="module")
def pasted():
    m = ingest_bytes(RESULTS_SECTION.encode("utf-8"), "results.txt")
    return m, StatsDetector().detect(m)


def test_every_result_is_listed_with_exact_offsets(pasted):
    m, result = pasted
    stats = result.data["statistics"]
    assert len(stats) == 8  # the reference-list result is skipped
    for s in stats:
        assert m.text[s["char_start"] : s["char_end"]] == s["raw"]
        assert s["page"] == 1
        for key in ("test", "df1", "df2", "value", "reported_p", "computed_p", "computed_p_interval", "consistent", "decision_error", "explanation"):
            assert key in s
    by_raw = {s["raw"]: s for s in stats}
    assert by_raw["t(28) = 2.20, p = .012"]["status"] == "inconsistent"
    assert by_raw["t(24) = 1.45, p = .031"]["status"] == "decision_error"
    assert by_raw["t(30) = 1.80, p = .041"]["status"] == "consistent_if_one_tailed"
    assert by_raw["t(40) = 2.65, p = .034"]["status"] == "consistent_if_adjusted"
    assert by_raw["t(28) = 2.20, p = .012"]["reported_p"] == {"comparison": "=", "value": 0.012, "string": ".012", "decimals": 3, "label": "p", "qualifier": None}


def test_findings_and_severities(pasted):
    m, result = pasted
    kinds = {f.kind: f for f in result.findings}
    assert kinds["decision_error"].severity == Severity.HIGH
    assert kinds["inconsistent_p"].severity == Severity.MEDIUM
    assert kinds["grim_inconsistent"].severity == Severity.MEDIUM
    assert kinds["consistent_if_one_tailed"].severity in (Severity.INFO, Severity.LOW)
    assert kinds["consistent_if_adjusted"].severity in (Severity.INFO, Severity.LOW)
    assert len(result.findings) == 5  # the age is not GRIM-tested; consistent results raise nothing


def test_inconsistency_evidence_lets_an_officer_check_it(pasted):
    m, result = pasted
    f = next(f for f in result.findings if f.kind == "decision_error")
    loc = f.locations[0]
    assert m.text[loc.char_start : loc.char_end] == "t(24) = 1.45, p = .031"
    excerpt, table, note = f.evidence["display"]
    assert excerpt["type"] == "excerpt"
    s, e = excerpt["highlights"][0]
    assert excerpt["text"][s:e] == "t(24) = 1.45, p = .031"
    assert table["type"] == "table" and table["columns"] == ["", "printed", "recomputed"]
    assert note["type"] == "note" and "pt(1.45, 24" in note["text"] and "scipy.stats.t.sf(1.45, 24) * 2" in note["text"]


def test_means_list_has_tests_and_skip_reasons(pasted):
    _, result = pasted
    means = result.data["means"]
    likert = next(x for x in means if "3.47" in x["raw"])
    age = next(x for x in means if "34.7" in x["raw"])
    assert likert["consistent"] is False and likert["n"] == 18 and likert["items"] == 1
    assert age["skipped"] and "continuous" in age["skipped_reason"]


def test_case_record_renders(pasted):
    from integrity.casefiles.case_json import case_to_dict, validate_case
    from integrity.casefiles.html import render_case_html

    m, result = pasted
    case = Case(manuscript=m, findings=result.findings, data=result.data)
    record = case_to_dict(case)
    validate_case(record)
    html = render_case_html(record)
    assert "Decision error" in html and "Reproduce with" in html


def _pdf(lines: list[str]) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Results", fontsize=12, fontname="hebo")
    y = 96
    for line in lines:
        page.insert_text((72, y), line, fontsize=10)
        y += 14
    return doc.tobytes()


def test_pdf_input_with_a_result_broken_across_lines():
    data = _pdf([
        "Recall improved after practice, t(28) =",
        "2.20, p = .012, and the second effect was reliable,",
        "F(1, 40) = 9.80, p = .003.",
    ])
    m = ingest_bytes(data, "paper.pdf")
    result = StatsDetector().detect(m)
    stats = result.data["statistics"]
    assert [s["status"] for s in stats] == ["inconsistent", "consistent"]
    first = stats[0]
    assert m.text[first["char_start"] : first["char_end"]] == first["raw"] == "t(28) =\n2.20, p = .012"
    finding = result.findings[0]
    assert finding.locations[0].page == 1 and finding.locations[0].bbox is not None


def test_table_results_and_means():
    text = "Results\nTable 1 gives the tests.\nOutcome t df p\nMemory 2.20 28 .012\nAttention 1.10 28 .281\n"
    start = text.index("Outcome")
    m = Manuscript(id="x", filename="t.txt", format="txt", text=text)
    m.tables = [
        Table("p1-t1", 1, None, [["Outcome", "t", "df", "p"], ["Memory", "2.20", "28", ".012"], ["Attention", "1.10", "28", ".281"]],
              char_start=start, char_end=len(text)),
        Table("p1-t2", 1, None, [["Measure", "Control (n = 18)", "Treated (n = 18)"],
                                 ["Mood rating, single item (1-7)", "3.47 (1.20)", "3.50 (1.10)"],
                                 ["Age (years)", "34.71 (8.20)", "33.10 (7.90)"]]),
    ]
    result = StatsDetector().detect(m)
    table_stats = [s for s in result.data["statistics"] if s["source"] == "table"]
    assert [(s["value"], s["df2"], s["status"]) for s in table_stats] == [(2.2, 28, "inconsistent"), (1.1, 28, "consistent")]
    assert m.text[table_stats[0]["char_start"] : table_stats[0]["char_end"]] == "Memory 2.20 28 .012"
    means = [x for x in result.data["means"] if x["source"] == "table"]
    mood = next(x for x in means if x["value_string"] == "3.47")
    age = next(x for x in means if x["value_string"] == "34.71")
    assert mood["consistent"] is False and mood["n"] == 18 and mood["n_source"] == "table header"
    assert age["skipped"] and "continuous" in age["skipped_reason"]
    kinds = [f.kind for f in result.findings]
    assert kinds.count("inconsistent_p") == 1 and kinds.count("grim_inconsistent") == 1


def test_conventions_are_reported_once_per_kind():
    text = ("Results\nThe effects were t(40) = 6.10, p = .000 and t(40) = 5.90, p = .000; a correlation of r(30) = 1.20, "
            "p = .01 and a p = 1.30 were printed, with SD = -0.40. Of the 20 patients, 22 (110%) improved.\n")
    m = ingest_bytes(text.encode(), "c.txt")
    result = StatsDetector().detect(m)
    by_kind = {f.kind: f for f in result.findings}
    assert by_kind["p_zero"].severity == Severity.LOW and by_kind["p_zero"].evidence["count"] == 2
    assert by_kind["r_above_one"].severity == Severity.MEDIUM
    assert by_kind["p_above_one"].severity == Severity.MEDIUM
    assert by_kind["negative_sd"].severity == Severity.MEDIUM
    assert by_kind["percent_over_100"].severity == Severity.LOW


def test_impossible_df_for_stated_n():
    m = ingest_bytes("Results\nWe found χ2(4, N = 3) = 10.20, p = .037.\n".encode(), "d.txt")
    assert "df_impossible" in [f.kind for f in StatsDetector().detect(m).findings]


def test_stated_alpha_is_used():
    text = "Methods\nThe alpha level was set at .01.\nResults\nThe effect was t(28) = 2.20, p = .008.\n"
    result = StatsDetector().detect(ingest_bytes(text.encode(), "a.txt"))
    assert result.data["stats_summary"]["alpha"] == 0.01
    assert result.data["statistics"][0]["status"] == "decision_error"


def test_excess_of_p_just_below_05():
    sentences = [f"Effect {i}: t(40) = {v}, p = {p}." for i, (v, p) in enumerate(
        [("2.05", ".047"), ("2.08", ".044"), ("2.10", ".042"), ("2.03", ".049"), ("2.06", ".046"), ("2.09", ".043"), ("2.11", ".041")])]
    m = ingest_bytes(("Results\n" + " ".join(sentences) + "\n").encode(), "c.txt")
    finding = next(f for f in StatsDetector().detect(m).findings if f.kind == "p_just_below_05")
    assert finding.severity == Severity.LOW and finding.evidence["numbers"]["just_below"] == 7


def test_carlisle_baseline_balance_in_a_randomised_trial():
    rows = [["Variable", "Placebo (n = 50)", "Drug (n = 50)"]]
    for i in range(12):  # means identical to the last digit in every row: far too similar
        rows.append([f"Marker {i}", f"{40 + i}.1 (10.2)", f"{40 + i}.1 (10.3)"])
    m = Manuscript(id="y", filename="rct.txt", format="txt", text="Methods\nPatients were randomised to drug or placebo.\n", tables=[Table("p2-t1", 2, None, rows)])
    finding = next(f for f in StatsDetector().detect(m).findings if f.kind == "baseline_balance")
    assert finding.severity == Severity.LOW and finding.evidence["numbers"]["p_too_similar"] < 0.01


def test_empty_text_gives_empty_tables():
    result = StatsDetector().detect(Manuscript(id="z", filename="e.txt", format="txt", text=""))
    assert result.findings == [] and result.data["statistics"] == [] and result.data["means"] == []


def test_parameters_are_plain_keyword_arguments():
    params = StatsDetector.default_params()
    assert params["alpha"] == 0.05 and params["grim_max_n"] == 200 and params["p_equal_alpha_significant"] is True
    assert StatsDetector.name == "stats" and StatsDetector.family == "stats"


def test_a_result_repeated_in_the_abstract_is_one_finding():
    text = ("Abstract\nTraining helped, t(28) = 2.20, p = .012.\n\nResults\nTraining helped, t(28) = 2.20, p = .012, "
            "and a second effect was t(28) = 2.20, p = .012 as well.\n")
    result = StatsDetector().detect(ingest_bytes(text.encode(), "r.txt"))
    findings = [f for f in result.findings if f.kind == "inconsistent_p"]
    assert len(findings) == 1 and len(findings[0].locations) == 3
    assert len(result.data["statistics"]) == 3


def test_table_without_rulings_read_from_the_text_layer():
    text = ("Results\nTable 2. Practice-level comparisons.\nOutcome\nt\ndf\np\nCohen's d\nUptake (%)\n3.62\n45\n< .001\n1.05\n"
            "Days to vaccination\n2.47\n46\n.012\n0.71\nDiscussion\nDone.\n")
    m = ingest_bytes(text.encode(), "t.txt")
    result = StatsDetector().detect(m)
    rows = [s for s in result.data["statistics"] if s["source"] == "table"]
    assert [(s["value"], s["df2"], s["status"]) for s in rows] == [(3.62, 45, "consistent"), (2.47, 46, "inconsistent")]
    assert m.text[rows[1]["char_start"] : rows[1]["char_end"]] == "Days to vaccination\n2.47\n46\n.012\n0.71"
