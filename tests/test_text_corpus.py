"""The text index under the corpus: storage, removal, candidates, within-batch
order independence, the ``integrity corpus`` commands, and case rendering."""

from __future__ import annotations

import json

from sqlalchemy import func, select
from typer.testing import CliRunner

from detectors.text_overlap import TextOverlapDetector
from integrity.casefiles import case_to_dict, validate_case
from integrity.casefiles.html import render_case_html
from integrity.corpus import Corpus
from integrity.corpus.cli import corpus_app
from integrity.corpus.text_index import text_fingerprints
from integrity.models import Case
from tests.store_fixtures import store_url  # noqa: F401  (fixture: SQLite and PostgreSQL)
from tests.test_text_helpers import COPIED, FILLER, OTHER_COPIED, corpus_with, counted_passages, manuscript, paper, sources


def _batch():
    a = manuscript(paper("Original work 1", [FILLER[0], COPIED, FILLER[1]]), "a.txt")
    b = manuscript(paper("Copying work 2", [FILLER[2], COPIED, FILLER[3], OTHER_COPIED]), "b.txt")
    c = manuscript(paper("Copying work 3", [FILLER[4], OTHER_COPIED, FILLER[5]]), "c.txt")
    return a, b, c


def test_index_stores_text_and_fingerprints_and_removes_them(tmp_path):
    a, b, _ = _batch()
    corpus = corpus_with(tmp_path, a, b)
    with corpus.engine.connect() as conn:
        stats = corpus.text.stats(conn)
        assert stats["documents"] == 2 and stats["fingerprints"] > 0 and not stats["stale_schemes"]
    stored = corpus.text.load([a.id])[0]
    assert stored.text == a.text and stored.filename == "a.txt" and stored.page_at(0) == 1
    assert corpus.remove(a.id)
    with corpus.engine.connect() as conn:
        assert corpus.text.stats(conn)["documents"] == 1
        remaining = conn.execute(select(func.count()).select_from(text_fingerprints)).scalar_one()
        assert remaining == corpus.text.stats(conn)["fingerprints"] == len(set(_own_fingerprints(b)))
    assert corpus.text.load([a.id]) == []
    assert not corpus.add(b)  # already there: nothing duplicated


def _own_fingerprints(m):
    from integrity.corpus.text_index import prepare

    return prepare(m).fingerprints


def test_a_manuscript_is_never_its_own_source(tmp_path):
    a, b, _ = _batch()
    corpus = corpus_with(tmp_path, a, b)
    result = TextOverlapDetector().detect(a, corpus)
    assert [s["filename"] for s in sources(result)] == ["b.txt"]
    assert result.data["text_similarity"]["corpus_documents"] == 1


def test_corpus_persists_between_instances(tmp_path):
    a, b, _ = _batch()
    corpus_with(tmp_path, a)
    reopened = Corpus(f"sqlite:///{tmp_path / 'corpus.db'}")
    assert reopened.contains(a.id)
    result = TextOverlapDetector().detect(b, reopened)
    assert [s["filename"] for s in sources(result)] == ["a.txt"]


def _summary(result):
    return sorted((s["filename"], s["percent"], tuple((p["span"]["char_start"], p["span"]["char_end"], p["excluded"]) for p in s["passages"]))
                  for s in sources(result))


def test_within_batch_comparison_does_not_depend_on_order(tmp_path):
    batch = _batch()
    forward = corpus_with(tmp_path, *batch, name="forward.db")
    backward = corpus_with(tmp_path, *reversed(batch), name="backward.db")
    detector = TextOverlapDetector()
    for m in batch:
        assert _summary(detector.detect(m, forward)) == _summary(detector.detect(m, backward))
    a, b, c = batch
    assert {s["filename"] for s in sources(detector.detect(b, forward))} == {"a.txt", "c.txt"}
    assert {s["filename"] for s in sources(detector.detect(a, forward))} == {"b.txt"}


def test_without_corpus_only_within_document_checks_run():
    text = paper("Standalone 4", [FILLER[0], "We trained a profound learning model and an irregular woodland.", COPIED])
    result = TextOverlapDetector().detect(manuscript(text, "s.txt"), None)
    assert [f.kind for f in result.findings] == ["tortured_phrases"]
    assert result.data["text_similarity"]["overall_percent"] is None


def test_case_json_and_html_show_passages_side_by_side(tmp_path):
    a, b, _ = _batch()
    corpus = corpus_with(tmp_path, a, b)
    result = TextOverlapDetector().detect(b, corpus)
    case = Case(manuscript=b, findings=result.findings, data=result.data, tool_version="test", created_at="2026-01-01T00:00:00")
    record = case_to_dict(case)
    validate_case(record)
    assert record["text_similarity"]["sources"][0]["filename"] == "a.txt"
    html = render_case_html(record)
    assert "Source: “Original work 1” (a.txt)" in html
    assert "<mark>Hippocampal slices were cut" in html
    assert "words shared with the source highlighted" in html
    finding = next(f for f in record["findings"] if f["kind"] == "text_overlap")
    passage = finding["evidence"]["passages"][0]
    assert set(passage) >= {"span", "source_span", "words"}
    assert set(passage["span"]) == {"char_start", "char_end", "page"}
    assert finding["evidence"]["source"]["title"] == "Original work 1"
    assert len(finding["locations"]) == len(counted_passages(result)) == 1


def test_corpus_commands_add_stats_remove(tmp_path):
    a, b, _ = _batch()
    folder = tmp_path / "refs"
    folder.mkdir()
    (folder / "a.txt").write_text(a.text, encoding="utf-8")
    (folder / "b.txt").write_text(b.text, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"not a pdf")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    added = runner.invoke(corpus_app, ["add", str(folder), "--db", db])
    assert added.exit_code == 0, added.output
    assert "2 added" in added.output and "1 not readable" in added.output
    again = runner.invoke(corpus_app, ["add", str(folder / "a.txt"), "--db", db])
    assert "already" in again.output
    stats = runner.invoke(corpus_app, ["stats", "--json", "--db", db])
    assert stats.exit_code == 0, stats.output
    numbers = json.loads(stats.output)
    assert numbers["documents"] == 2 and numbers["by_role"] == {"reference": 2}
    assert numbers["text"]["documents"] == 2
    listing = runner.invoke(corpus_app, ["list", "--db", db])
    assert listing.exit_code == 0 and "a.txt" in listing.output
    removed = runner.invoke(corpus_app, ["remove", a.id[:10], "--db", db])
    assert removed.exit_code == 0, removed.output
    assert not Corpus(db).contains(a.id) and Corpus(db).contains(b.id)
    missing = runner.invoke(corpus_app, ["remove", "ffffffffff", "--db", db])
    assert missing.exit_code == 1


def test_text_index_on_sqlite_and_postgresql(store_url):
    """The same add / look-up / align / remove cycle on each supported database."""
    a, b, c = _batch()
    corpus = Corpus(store_url)
    for m in (a, b, c):
        assert corpus.add(m)
    result = TextOverlapDetector().detect(b, corpus)
    assert {s["filename"] for s in sources(result) if s["relation"] == "overlap"} == {"a.txt", "c.txt"}
    assert all(p["span"]["page"] == 1 for p in counted_passages(result))
    assert corpus.remove(a.id)
    with corpus.engine.connect() as conn:
        stats = corpus.text.stats(conn)
        postings = conn.execute(select(func.count()).select_from(text_fingerprints)).scalar_one()
    assert stats["documents"] == 2 and postings == stats["fingerprints"]
    assert {s["filename"] for s in sources(TextOverlapDetector().detect(b, corpus))} == {"c.txt"}
