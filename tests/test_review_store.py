"""The workbench's store: importing cases, finding keys, decisions, suppressions, the audit chain."""

from __future__ import annotations

import json
import shutil

import pytest
from sqlalchemy import select, text

from integrity.review import audit
from integrity.review.decisions import DecisionError, add_note, decide_finding, set_assignee, set_status
from integrity.review.importer import CaseImportError, import_case_folder, import_cases
from integrity.review.keys import assign_keys, content_key, finding_key
from integrity.review.store import cases, evidence, review_engine
from integrity.review.suppressions import apply_suppressions, list_suppressions, revoke_suppression
from integrity.review.views import load_case
from tests.store_fixtures import store_url  # noqa: F401  (fixture: SQLite and PostgreSQL)
from tests.test_review_support import add_users, build_manuscript, families, finding_keys, make_engine, screen  # noqa: F401


@pytest.fixture
def screened(tmp_path, families):  # noqa: F811
    engine = make_engine(tmp_path)
    pdf = build_manuscript(tmp_path / "paper.pdf")
    case, folder = screen(pdf, tmp_path / "cases")
    result = import_case_folder(engine, folder, manuscript_path=pdf)
    return engine, pdf, case, folder, result


def test_import_stores_case_findings_evidence_and_pdf(screened):
    engine, pdf, case, folder, result = screened
    assert result.new_case and result.new_screening and result.manuscript_stored and not result.warnings
    assert result.findings == len(case.findings) >= 4
    kinds = finding_keys(engine, case.manuscript.id)
    assert {"absent_figure", "absent_table", "region_pair_test", "source_passage_test"} <= set(kinds)
    assert kinds["region_pair_test"]["family"] == "images" and kinds["absent_figure"]["family"] == "metadata"
    with engine.connect() as conn:
        row = conn.execute(select(cases).where(cases.c.id == case.manuscript.id)).mappings().one()
        assert row["status"] == "new" and row["score"] == case.score and row["pdf_sha256"] == case.manuscript.id
        assert conn.execute(select(evidence)).mappings().one()["path"].startswith("evidence/")


def test_import_is_idempotent_and_a_rescreen_keeps_decisions(screened, tmp_path):
    engine, pdf, case, folder, _ = screened
    assert import_case_folder(engine, folder).unchanged  # same screening run: nothing changes
    key = finding_keys(engine, case.manuscript.id)["absent_table"]["finding_key"]
    decide_finding(engine, case.manuscript.id, key, "confirmed", "Table 2 is really missing", "olive")
    add_note(engine, case.manuscript.id, "Asked the editor.", "olive")
    _, again = screen(pdf, tmp_path / "cases")  # a new screening of the same bytes
    record = json.loads((again / "case.json").read_text())
    record["created_at"] = "2999-01-01T00:00:00+00:00"  # created_at has one-second resolution
    (again / "case.json").write_text(json.dumps(record))
    result = import_case_folder(engine, again)
    assert result.new_screening and not result.new_case and result.findings == len(case.findings)
    after = finding_keys(engine, case.manuscript.id)
    assert after["absent_table"]["finding_key"] == key  # the same finding keeps its key
    with engine.connect() as conn:
        from integrity.review.decisions import review_state

        state = review_state(conn, case.manuscript.id)
    assert state["decisions"][key][-1]["decision"] == "confirmed" and len(state["notes"]) == 1


def test_findings_no_longer_raised_are_kept_not_deleted(screened):
    engine, pdf, case, folder, _ = screened
    record = json.loads((folder / "case.json").read_text())
    record["findings"] = [f for f in record["findings"] if f["kind"] != "absent_table"]
    record["created_at"] = "2999-01-01T00:00:00+00:00"
    (folder / "case.json").write_text(json.dumps(record))
    result = import_case_folder(engine, folder)
    assert result.no_longer_raised == 1
    assert finding_keys(engine, case.manuscript.id)["absent_table"]["present"] is False


def test_finding_keys_ignore_scores_and_wording_but_not_location():
    finding = {"detector": "d", "kind": "k", "locations": [{"page": 2, "char_start": 10, "char_end": 20, "bbox": [1.04, 2, 3, 4]}],
               "evidence": {"similarity": 0.91, "source_id": "doc-9", "display": [{"type": "excerpt", "text": "abc", "highlights": [[0, 2]]}]},
               "title": "A", "explanation": "x", "confidence": 0.5}
    key = finding_key("m" * 64, finding)
    reworded = {**finding, "title": "B", "confidence": 0.9, "evidence": {**finding["evidence"], "similarity": 0.5}}
    assert finding_key("m" * 64, reworded) == key
    moved = {**finding, "locations": [{"page": 3, "char_start": 10, "char_end": 20}]}
    other_source = {**finding, "evidence": {**finding["evidence"], "source_id": "doc-10"}}
    assert len({key, finding_key("m" * 64, moved), finding_key("m" * 64, other_source), finding_key("n" * 64, finding)}) == 4
    assert content_key(finding) == content_key({**finding, "locations": []})  # evidence scope ignores where
    assert content_key({"detector": "d", "kind": "k", "evidence": {}}) is None
    twice = assign_keys("m" * 64, [finding, finding])
    assert twice[0] == key and twice[1] != key


def test_dismissal_suppresses_on_rescreen_through_the_pipeline_hook(screened, tmp_path):
    engine, pdf, case, folder, _ = screened
    found = finding_keys(engine, case.manuscript.id)
    with pytest.raises(DecisionError, match="reason"):
        decide_finding(engine, case.manuscript.id, found["region_pair_test"]["finding_key"], "dismissed", "  ", "olive")
    decide_finding(engine, case.manuscript.id, found["region_pair_test"]["finding_key"], "dismissed", "Panel layout, not a duplicate", "olive")
    assert finding_keys(engine, case.manuscript.id)["region_pair_test"]["suppression_id"] is not None

    rescreened, again = screen(pdf, tmp_path / "cases", engine=engine)  # apply_suppressions before writing
    assert "region_pair_test" not in {f.kind for f in rescreened.findings}
    written = json.loads((again / "case.json").read_text())
    assert [e["finding"]["kind"] for e in written["suppressed_findings"]] == ["region_pair_test"]
    assert written["score"] < case.score
    result = import_case_folder(engine, again)
    assert result.suppressed == 1 and result.findings == len(case.findings) - 1
    row = finding_keys(engine, case.manuscript.id)["region_pair_test"]
    assert row["suppression_id"] is not None and row["present"] is True
    with engine.connect() as conn:
        view = next(v for v in load_case(conn, case.manuscript.id)["suppressed"] if v["kind"] == "region_pair_test")
    assert view["blocks"][0]["path"].startswith("/evidence/")  # the evidence imported earlier is still shown
    with engine.connect() as conn:
        score = conn.execute(select(cases.c.score).where(cases.c.id == case.manuscript.id)).scalar_one()
    assert score == written["score"]


def test_suppression_applies_on_import_even_without_the_hook_and_can_be_revoked(screened, tmp_path):
    engine, pdf, case, folder, _ = screened
    key = finding_keys(engine, case.manuscript.id)["source_passage_test"]["finding_key"]
    result = decide_finding(engine, case.manuscript.id, key, "dismissed", "Standard methods wording", "olive")
    _, again = screen(pdf, tmp_path / "cases")  # an un-hooked pipeline writes the finding again
    assert import_case_folder(engine, again).suppressed == 1
    with engine.begin() as conn:
        suppression = list_suppressions(conn, active_only=True)[0]
        assert suppression["created_by"] == "olive" and suppression["reason"] == "Standard methods wording"
        revoke_suppression(conn, result["suppression_id"], "oscar", "second look: it is copied")
    assert finding_keys(engine, case.manuscript.id)["source_passage_test"]["suppression_id"] is None
    _, third = screen(pdf, tmp_path / "cases", engine=engine)
    assert "suppressed_findings" not in json.loads((third / "case.json").read_text())


def test_evidence_scope_suppresses_the_same_pair_in_a_new_version(screened, tmp_path, families):  # noqa: F811
    engine, pdf, case, folder, _ = screened
    key = finding_keys(engine, case.manuscript.id)["region_pair_test"]["finding_key"]
    decide_finding(engine, case.manuscript.id, key, "dismissed", "Known stock image", "olive", scope="evidence")
    revised = build_manuscript(tmp_path / "v2.pdf", title="Spaced Practice and Recall (revised)")  # new bytes, same figure
    new_case, new_folder = screen(revised, tmp_path / "cases", engine=engine)
    assert new_case.manuscript.id != case.manuscript.id
    assert "region_pair_test" not in {f.kind for f in new_case.findings}
    import_case_folder(engine, new_folder)
    assert finding_keys(engine, new_case.manuscript.id)["region_pair_test"]["suppression_id"] is not None


def test_confirming_a_dismissed_finding_raises_it_again(screened):
    engine, pdf, case, folder, _ = screened
    key = finding_keys(engine, case.manuscript.id)["absent_figure"]["finding_key"]
    decide_finding(engine, case.manuscript.id, key, "dismissed", "Figure 3 is in the supplement", "olive")
    decide_finding(engine, case.manuscript.id, key, "confirmed", "No supplement was submitted", "oscar")
    assert finding_keys(engine, case.manuscript.id)["absent_figure"]["suppression_id"] is None
    with engine.connect() as conn:
        revoked = list_suppressions(conn)[0]
    assert revoked["revoked_by"] == "oscar"


def test_apply_suppressions_on_a_record_dict(screened):
    engine, pdf, case, folder, _ = screened
    key = finding_keys(engine, case.manuscript.id)["absent_table"]["finding_key"]
    decide_finding(engine, case.manuscript.id, key, "dismissed", "Table 2 is Table 1 renumbered", "olive")
    record = json.loads((folder / "case.json").read_text())
    low_before = record["counts"]["low"]
    entries = apply_suppressions(engine, record)
    assert [e["finding"]["kind"] for e in entries] == ["absent_table"]
    assert record["counts"]["low"] == low_before - 1 and len(record["findings"]) == len(case.findings) - 1


def test_audit_chain_verifies_and_detects_a_direct_edit(screened):
    engine, pdf, case, folder, _ = screened
    add_users(engine)
    set_status(engine, case.manuscript.id, "in_review", "olive")
    set_assignee(engine, case.manuscript.id, "oscar", "olive")
    add_note(engine, case.manuscript.id, "Looks like panel reuse.", "olive")
    assert audit.verify_audit_chain(engine) == (True, None)
    with engine.begin() as conn, pytest.raises(Exception, match="append-only"):
        conn.execute(text("UPDATE review_audit SET actor = 'mallory' WHERE seq = 2"))
    with engine.begin() as conn:  # someone with a database shell drops the guard and edits history
        conn.execute(text("DROP TRIGGER review_audit_no_update"))
        conn.execute(text("UPDATE review_audit SET detail = '{\"from\":\"new\",\"to\":\"closed_no_action\"}' WHERE action = 'status_changed'"))
    ok, bad = audit.verify_audit_chain(engine)
    assert not ok and bad["action"] == "status_changed" and "hash" in bad["problem"]


def test_audit_chain_detects_a_removed_entry(screened):
    engine, *_ = screened
    for n in range(3):
        audit.record(engine, "olive", "note_added", None, None, {"n": n})
    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER review_audit_no_delete"))
        conn.execute(text("DELETE FROM review_audit WHERE seq = 2"))
    ok, bad = audit.verify_audit_chain(engine)
    assert not ok and bad["seq"] == 3 and "missing" in bad["problem"]


def test_bad_case_folders_are_refused_and_evidence_never_leaves_the_folder(screened, tmp_path):
    engine, pdf, case, folder, _ = screened
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\nsecret")
    hostile = tmp_path / "hostile" / "c1"
    shutil.copytree(folder, hostile)
    record = json.loads((hostile / "case.json").read_text())
    record["created_at"] = "2999-01-01T00:00:00+00:00"
    image = next(f for f in record["findings"] if f["images"])["images"][0]
    (hostile / image["path"]).unlink()
    (hostile / image["path"]).symlink_to(tmp_path / "secret.png")  # a name inside evidence/ that leads out of it
    (hostile / "case.json").write_text(json.dumps(record))
    result = import_case_folder(engine, hostile)
    assert any("outside evidence/" in w for w in result.warnings)
    with engine.connect() as conn:
        assert all(b"secret" not in r.data for r in conn.execute(text("SELECT data FROM review_blobs")))
    image["path"] = "evidence/../../../secret.png"  # the schema refuses a path that is not a plain name
    (hostile / "case.json").write_text(json.dumps(record))
    with pytest.raises(CaseImportError, match="schema"):
        import_case_folder(engine, hostile)
    (tmp_path / "hostile" / "c2").mkdir()
    (tmp_path / "hostile" / "c2" / "case.json").write_text("{not json")
    results, errors = import_cases(engine, tmp_path / "hostile")
    assert not results and len(errors) == 2 and any("not valid JSON" in e for e in errors)


def test_import_cases_finds_the_manuscripts_for_page_images(tmp_path, families):  # noqa: F811
    engine = review_engine(f"sqlite:///{tmp_path}/other.db")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    pdf = build_manuscript(inbox / "a.pdf")
    screen(pdf, tmp_path / "cases")
    results, errors = import_cases(engine, tmp_path / "cases", sources=[inbox])
    assert not errors and results[0].manuscript_stored


def test_pipeline_hooks_import_and_suppress_and_never_raise(tmp_path, families):  # noqa: F811
    from integrity.casefiles import write_case
    from integrity.config import Settings
    from integrity.pipeline import screen_one
    from integrity.review.hooks import after_write, before_write
    from tests.test_review_support import test_detectors

    engine = make_engine(tmp_path)
    pdf = build_manuscript(tmp_path / "paper.pdf")
    case, _ = screen_one(pdf, test_detectors(), Settings(), None)
    assert before_write(case, engine) == []
    result = after_write(case, write_case(case, tmp_path / "cases"), engine, source="inbox")
    assert result.new_case and result.manuscript_stored
    key = finding_keys(engine, case.manuscript.id)["absent_figure"]["finding_key"]
    decide_finding(engine, case.manuscript.id, key, "dismissed", "Figure 3 is in another part", "olive")
    again, _ = screen_one(pdf, test_detectors(), Settings(), None)
    assert [e["finding"]["kind"] for e in before_write(again, engine)] == ["absent_figure"]
    from sqlalchemy import create_engine

    broken = create_engine(f"sqlite:///{tmp_path}/missing-dir/x.db")  # a store that cannot be opened
    assert before_write(again, broken) == [] and after_write(again, tmp_path / "nowhere", broken) is None


def test_concurrent_writers_keep_one_chain(tmp_path):
    import threading

    engine = make_engine(tmp_path)

    def write(n):
        for i in range(20):
            audit.record(engine, f"user{n}", "note_added", None, None, {"i": i})

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert audit.verify_audit_chain(engine) == (True, None)
    with engine.connect() as conn:
        assert audit.chain_head(conn)["entries"] == 80


def test_audit_trail_is_append_only_on_sqlite_and_postgresql(store_url):
    """The database itself refuses to edit or delete an audit entry, on both engines."""
    engine = review_engine(store_url)
    audit.record(engine, "tester", "case_viewed")
    audit.record(engine, "tester", "note_added")
    for statement in ("UPDATE review_audit SET actor = 'mallory'", "DELETE FROM review_audit"):
        with pytest.raises(Exception, match="append-only"):
            with engine.begin() as conn:
                conn.execute(text(statement))
    assert audit.verify_audit_chain(engine) == (True, None)
