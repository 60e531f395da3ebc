"""Case files: the JSON record and its schema, the HTML rendered from it, the dashboard."""

from __future__ import annotations

import copy
import hashlib
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from markupsafe import escape

from detectors.evidence import excerpt_block, image_block, note_block, side_by_side, table_block
from integrity.casefiles.case_json import case_to_dict, validate_case
from integrity.casefiles.html import highlight_segments, render_case_html, render_dashboard_html
from integrity.casefiles.writer import write_case, write_dashboard
from integrity.models import Case, EvidenceImage, Finding, Location, Manuscript, Problem, Section, Severity, TextSpan

SCRIPT = "<script>alert(1)</script>"
ATTR_BREAK = '"><img src=x onerror=alert(1)>'
PAYLOADS = [SCRIPT, ATTR_BREAK]

TEXT = (
    "Effects of Practice on Recall\n"
    "Abstract\n"
    "We asked 30 students to learn word lists. " + SCRIPT + " Recall improved with practice.\n"
    "Results\n"
    "Recall rose from 12.1 to 15.4 words, t(28) = 2.20, p = .012. " + ATTR_BREAK + "\n"
    "References\n"
    "Smith J. (2020) Memory. Journal of Recall 3, 1-9.\n"
)


def _png(width: int = 200, height: int = 120) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([10, 10, 60, 60], fill="navy")
    draw.rectangle([120, 50, 170, 100], fill="navy")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _manuscript(title: str, filename: str, author: str) -> Manuscript:
    spans, offset = [], 0
    for number, line in enumerate(TEXT.split("\n")):
        spans.append(TextSpan(offset, offset + len(line), page=1 if number < 3 else 2, bbox=(72, 72 + 14 * number, 500, 84 + 14 * number)))
        offset += len(line) + 1
    results = TEXT.index("Results")
    references = TEXT.index("References")
    return Manuscript(
        id=hashlib.sha256(filename.encode()).hexdigest(),
        filename=filename,
        format="pdf",
        text=TEXT,
        title=title,
        authors=[author, "Alan Turing"],
        doi="10.5555/test.2026.001",
        pages=2,
        spans=spans,
        sections=[
            Section("Abstract", "abstract", TEXT.index("Abstract"), results),
            Section("Results", "body", results, references),
            Section("References", "references", references, len(TEXT)),
        ],
    )


def build_case(title: str = "Effects of Practice on Recall", filename: str = "01-recall.pdf", author: str = "Ada Lovelace") -> Case:
    """A case with one finding per display-block type, in scrambled severity order."""
    m = _manuscript(title, filename, author)
    stat = TEXT.index("t(28) = 2.20")
    payload = TEXT.index(SCRIPT)
    findings = [
        Finding(
            "completeness", "missing_data_availability", Severity.INFO, 0.9,
            "No data-availability statement", "The text never states where the data can be obtained.",
            evidence={"display": [note_block("A note for the editor.")]},
        ),
        Finding(
            "stats", "p_value_mismatch", Severity.MEDIUM, 0.8,
            "Reported p does not match t(28) = 2.20",
            "Recomputing the p-value from the test statistic and degrees of freedom gives .036, not .012.",
            [m.locate(stat, stat + 12)],
            {
                "display": [excerpt_block(m, stat, stat + 12, context=40, label="Reported"),
                            table_block(["quantity", "reported", "recomputed"], [["p", ".012", ".036"]], caption="Recomputed p-value")],
                "recomputed_p": 0.036,
                "test": {"type": "t", "df": 28},
            },
        ),
        Finding(
            "images", "duplicated_region", Severity.HIGH, 0.95,
            "Two panels share a duplicated region " + ATTR_BREAK,
            "The outlined regions are near-identical after a shift.",
            [Location(page=2, bbox=(100, 200, 300, 320), figure="p2-f1")],
            {"display": [{**image_block("fig-pair.png", "Figure 1, panels A and B", [
                {"box": [10, 10, 60, 60], "label": "A", "color": "#d6336c"},
                {"box": [120, 50, 170, 100], "label": "B", "color": "red;} body{display:none"},
            ]), "width": 200, "height": 120}]},
            images=[EvidenceImage("fig-pair.png", _png(), caption="Panels A and B")],
        ),
        Finding(
            "text_overlap", "copied_passage", Severity.HIGH, 0.7,
            "Passage overlaps an earlier paper " + SCRIPT,
            "Two passages share 14 words in a row.",
            [m.locate(payload, payload + len(SCRIPT))],
            {"display": [side_by_side(
                excerpt_block(m, payload, payload + len(SCRIPT), context=30, label="This manuscript"),
                {"type": "excerpt", "label": "Earlier paper", "text": "Recall improved with practice " + ATTR_BREAK, "highlights": [[0, 29]], "page": 4},
            )]},
        ),
    ]
    return Case(
        manuscript=m,
        findings=findings,
        warnings=[Problem("no_text_layer", "Page 3 has no text layer: text checks skipped there")],
        data={"statistics": [{"test": "t", "df": 28, "p": 0.012}, {"test": "F", "df": [2, 40], "p": 0.2, "flagged": True}]},
        timings={"ingest": 0.12, "stats": 0.01},
        parameters={"stats": {"alpha": 0.05}},
        tool_version="0.1.0",
        created_at="2026-11-29T04:15:00Z",
    )


class _Collector(HTMLParser):
    """Records start tags with their attributes, text inside <mark>, and the text of each element id."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marked: list[str] = []
        self.scripts: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            while self._in.pop() != tag:
                pass

    def handle_data(self, data):
        if "mark" in self._in:
            self.marked.append(data)
        if self._in and self._in[-1] == "script":
            self.scripts.append(data)


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


# ---------------------------------------------------------------- schema


def test_case_record_validates_against_schema():
    record = case_to_dict(build_case())
    validate_case(record)
    assert [f["severity"] for f in record["findings"]] == ["high", "high", "medium", "info"]
    assert record["findings"][0]["images"] == [] or record["findings"][0]["images"][0]["path"].startswith("evidence/")


def test_record_without_findings_or_errors_validates():
    case = build_case()
    case.findings = []
    case.errors = [Problem("encrypted", "Encrypted PDF — nothing was screened")]
    validate_case(case_to_dict(case))


@pytest.mark.parametrize(
    "break_record",
    [
        lambda r: r["findings"][0].__setitem__("severity", "urgent"),
        lambda r: r.pop("findings"),
        lambda r: r["findings"][0].pop("explanation"),
        lambda r: r["findings"][0].__setitem__("confidence", 1.5),
        lambda r: r["manuscript"].__setitem__("id", "not-a-sha256"),
        lambda r: r["findings"][1]["locations"][0].__setitem__("page", 0),
        lambda r: r["findings"][0]["images"][0].__setitem__("path", "../../etc/passwd"),
        lambda r: r["findings"][0]["evidence"]["display"].append({"type": "video"}),
        lambda r: r["findings"][2]["evidence"]["display"][0].pop("text"),
        lambda r: r.__setitem__("schema_version", "2.0"),
        lambda r: r.__setitem__("score", 101),
        lambda r: r["warnings"][0].pop("code"),
    ],
    ids=["severity", "no-findings-key", "no-explanation", "confidence", "id", "page-0", "image-path", "block-type",
         "excerpt-text", "schema-version", "score", "problem-code"],
)
def test_invalid_records_fail_validation(break_record):
    record = copy.deepcopy(case_to_dict(build_case()))
    assert record["findings"][0]["images"] and record["findings"][2]["evidence"]["display"][0]["type"] == "excerpt"
    break_record(record)
    with pytest.raises(jsonschema.ValidationError):
        validate_case(record)


def test_schema_allows_detector_tables_at_top_level():
    record = case_to_dict(build_case())
    record["means"] = [{"group": "A", "mean": 1.5}]
    validate_case(record)


# ---------------------------------------------------------------- writing and the case page


def test_write_case_writes_the_case_folder(tmp_path: Path):
    case = build_case()
    folder = write_case(case, tmp_path)
    assert folder.parent == tmp_path and folder.name.startswith(case.manuscript.short_id + "-")
    record = json.loads((folder / "case.json").read_text())
    validate_case(record)
    assert (folder / "text.txt").read_text(encoding="utf-8") == TEXT
    html = (folder / "index.html").read_text(encoding="utf-8")
    sources = [attrs["src"] for tag, attrs in _parse(html).tags if tag == "img"]
    assert sources == [record["findings"][0]["images"][0]["path"]]
    assert (folder / sources[0]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert 'href="text.txt"' in html and "character offsets index this file" in html


def test_manuscript_strings_are_escaped_everywhere(tmp_path: Path):
    case = build_case(title="Title " + SCRIPT, filename=ATTR_BREAK + ".pdf", author=SCRIPT + ATTR_BREAK)
    html = (write_case(case, tmp_path) / "index.html").read_text(encoding="utf-8")
    for payload in PAYLOADS:
        assert payload not in html
        assert str(escape(payload)) in html
    parsed = _parse(html)
    assert not any("onerror" in attrs for _, attrs in parsed.tags)
    assert not any(tag == "img" and attrs.get("src") == "x" for tag, attrs in parsed.tags)
    assert not any("alert" in script for script in parsed.scripts)
    # A hostile box colour never reaches a style or attribute.
    assert "display:none" not in html


def test_highlighted_spans_are_marked():
    html = render_case_html(case_to_dict(build_case()))
    marked = _parse(html).marked
    assert "t(28) = 2.20" in marked
    assert SCRIPT in marked  # the excerpt around the payload, highlighted and escaped
    assert "Recall improved with practice" in marked
    assert "Recall rose from" not in "".join(marked)


def test_highlight_segments_clamp_sort_and_merge():
    text = "abcdefghij"
    assert highlight_segments(text, [[6, 8], [1, 3], [2, 4], [8, 99], [5, 5], ["x", 1]]) == [
        ("a", False), ("bcd", True), ("ef", False), ("ghij", True),
    ]
    assert highlight_segments(text, []) == [(text, False)]


def test_findings_appear_in_severity_order_with_their_evidence():
    record = case_to_dict(build_case())
    html = render_case_html(record)
    articles = [attrs for tag, attrs in _parse(html).tags if tag == "article"]
    assert [a["id"] for a in articles] == ["finding-1", "finding-2", "finding-3", "finding-4"]
    order = [a["class"].split("sev-border-")[1] for a in articles]
    assert order == [f["severity"] for f in record["findings"]] == ["high", "high", "medium", "info"]
    headings = [html.index(f"<h3>{escape(f['title'])}</h3>") for f in record["findings"]]
    cards = [html.index(f'id="finding-{n}"') for n in range(1, 5)]
    assert cards[0] < headings[0] < cards[1] < headings[1] < cards[2] < headings[2] < cards[3] < headings[3]
    # table block, note block, confidence, location and raw evidence
    assert "<caption>Recomputed p-value</caption>" in html and "<td>.036</td>" in html
    assert "A note for the editor." in html and "confidence 95%" in html
    assert "page 2, figure p2-f1" in html
    assert "Raw evidence" in html and "recomputed_p" in html
    # the extra detector table shows the union of columns
    for column in ("<th>test</th>", "<th>df</th>", "<th>flagged</th>"):
        assert column in html


def test_image_boxes_draw_an_svg_overlay_in_image_pixels():
    html = render_case_html(case_to_dict(build_case()))
    tags = _parse(html).tags
    svgs = [attrs for tag, attrs in tags if tag == "svg"]
    assert [s["viewbox"] for s in svgs] == ["0 0 200 120"]
    rects = [attrs for tag, attrs in tags if tag == "rect"]
    assert [(r["x"], r["y"], r["width"], r["height"]) for r in rects] == [("10.0", "10.0", "50.0", "50.0"), ("120.0", "50.0", "50.0", "50.0")]
    assert rects[0]["stroke"] == "#d6336c" and rects[1]["stroke"].startswith("#")  # unsafe colour replaced


def test_image_without_size_lists_boxes_and_unknown_blocks_show_as_json():
    record = case_to_dict(build_case())
    block = record["findings"][0]["evidence"]["display"][0]
    del block["width"], block["height"]
    record["findings"][0]["evidence"]["display"].append({"type": "hologram", "text": SCRIPT})
    html = render_case_html(record)
    assert "<svg" not in html and 'class="legend"' in html
    assert "hologram" in html and SCRIPT not in html


def test_errors_and_warnings_are_shown_prominently():
    case = build_case()
    case.findings = []
    case.errors = [Problem("encrypted", "Encrypted PDF — nothing was screened")]
    html = render_case_html(case_to_dict(case))
    problems = html.index('role="alert"')
    assert problems < html.index("Encrypted PDF — nothing was screened") < html.index("<h2>Findings")
    assert "Page 3 has no text layer: text checks skipped there" in html
    assert "No findings" in html
    lowered = html.lower()
    assert "misconduct" not in lowered and "fraud" not in lowered


def test_hostile_filename_stays_inside_out_dir(tmp_path: Path):
    out = tmp_path / "cases"
    folder = write_case(build_case(filename="../../etc/passwd.pdf"), out)
    assert folder.resolve().parent == out.resolve()
    assert (folder / "index.html").is_file()


# ---------------------------------------------------------------- dashboard


def _run() -> dict:
    def case(short, filename, title, score, top, status="screened", folder=True, errors=(), warnings=()):
        return {
            "id": short * 4 + "0" * 16, "short_id": short, "filename": filename, "title": title, "pages": 8,
            "score": score, "top_severity": top, "counts": {"info": 1, "low": 0, "medium": 1 if score else 0, "high": 1 if top == "high" else 0},
            "families": ["stats"], "status": status, "errors": list(errors), "warnings": list(warnings),
            "folder": f"{short}-{filename[:-4]}" if folder else None, "seconds": 1.0,
        }

    return {
        "run_id": "20261129T041500Z-ab12", "started_at": "2026-11-29T04:15:00Z", "finished_at": "2026-11-29T04:16:00Z",
        "source": "sample_papers", "out_dir": "cases", "tool_version": "0.1.0",
        "totals": {"inputs": 6, "screened": 4, "failed": 2, "with_findings": 3, "findings": 7},
        "cases": [
            case("aaaaaaaaaaaa", "03-low.pdf", "Low " + SCRIPT, 15.0, "low"),
            case("bbbbbbbbbbbb", "02-high.pdf", "High", 87.3, "high", warnings=[{"code": "no_text_layer", "message": "Page 2 has no text layer", "stage": "ingest"}]),
            case("cccccccccccc", "05-tie-b.pdf", "Tie B", 40.0, "medium"),
            case("dddddddddddd", "04-tie-a.pdf", "Tie A", 40.0, "medium"),
            case("eeeeeeeeeeee", ATTR_BREAK + ".pdf", "", 0.0, None, status="failed", folder=False,
                 errors=[{"code": "encrypted", "message": "Encrypted PDF — nothing was screened", "stage": "ingest"}]),
            case("ffffffffffff", "06-empty.pdf", "", 0.0, None, status="failed",
                 errors=[{"code": "empty", "message": "The file is empty (0 bytes)", "stage": "ingest"}]),
        ],
    }


def test_dashboard_ranks_cases_and_links_their_folders(tmp_path: Path):
    path = write_dashboard(_run(), tmp_path)
    html = path.read_text(encoding="utf-8")
    assert json.loads((tmp_path / "run.json").read_text())["run_id"] == "20261129T041500Z-ab12"
    links = [attrs["href"] for tag, attrs in _parse(html).tags if tag == "a" and attrs.get("href", "").endswith("/index.html")]
    failed_section = html.index("Inputs that could not be screened")
    ranked_section = html.index("ranked by score")
    ranked_links = [href for href in links if html.index(f'href="{href}"') > ranked_section]
    assert ranked_links == [
        "bbbbbbbbbbbb-02-high/index.html",
        "dddddddddddd-04-tie-a/index.html",
        "cccccccccccc-05-tie-b/index.html",
        "aaaaaaaaaaaa-03-low/index.html",
    ]
    # failed inputs are listed with their reasons, before the ranking
    assert failed_section < ranked_section
    for message in ("Encrypted PDF — nothing was screened", "The file is empty (0 bytes)"):
        assert failed_section < html.index(message) < ranked_section
    assert "ffffffffffff-06-empty/index.html" in links  # a failed case's folder is still reachable
    assert "6 inputs = 4 screened + 2 failed + 0 skipped" in html
    assert "Page 2 has no text layer" in html  # warnings icon tooltip


def test_dashboard_escapes_and_flags_unaccounted_inputs():
    run = _run()
    run["totals"]["inputs"] = 9
    html = render_dashboard_html(run)
    for payload in PAYLOADS:
        assert payload not in html
        assert str(escape(payload)) in html
    parsed = _parse(html)
    assert not any("onerror" in attrs for _, attrs in parsed.tags)
    assert not any("alert" in script for script in parsed.scripts)
    assert "3 input(s) not accounted for" in html
