"""The workbench through its HTTP interface: pages, decisions, exports, on-demand checks, the JSON API."""

from __future__ import annotations

import hashlib
import io
import json
import re
import time
import unicodedata
import zipfile

import pymupdf
import pytest
from fastapi.testclient import TestClient

from integrity.review.app import ReviewConfig, create_app
from integrity.review.auth import create_api_token
from integrity.review.importer import import_case_folder
from tests.test_review_support import add_users, build_manuscript, csrf_of, finding_keys, login, make_engine, screen, test_detectors


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One store with users and two screened, imported cases; an app over it."""
    tmp = tmp_path_factory.mktemp("review-web")
    with pytest.MonkeyPatch.context() as mp:
        from integrity.review import importer

        known = {**importer._families(), "image_pairs": "images", "source_overlap": "text"}
        mp.setattr(importer, "_families", lambda: known)
        engine = make_engine(tmp)
        add_users(engine)
        ids = []
        for n, title in enumerate(["Spaced Practice and Recall", "Sleep and Memory"]):
            pdf = build_manuscript(tmp / f"paper{n}.pdf", title=title, seed=n)
            case, folder = screen(pdf, tmp / "cases")
            import_case_folder(engine, folder, manuscript_path=pdf, source="inbox-a" if n == 0 else "journal-b")
            ids.append(case.manuscript.id)
        app = create_app(engine, ReviewConfig(uploads_dir=tmp / "uploads", cases_dir=tmp / "checked", detectors=test_detectors()))
        yield {"engine": engine, "app": app, "ids": ids, "tmp": tmp, "pdf": tmp / "paper0.pdf"}


def client_for(site, username: str) -> TestClient:
    client = TestClient(site["app"], follow_redirects=False)
    assert login(client, username).status_code == 303
    return client


def test_queue_ranks_filters_and_counts(site):
    client = client_for(site, "olive")
    page = client.get("/")
    assert page.status_code == 200 and "Spaced Practice and Recall" in page.text and "Sleep and Memory" in page.text
    assert re.search(r"New <b>2</b>", page.text)
    only_b = client.get("/", params={"source": "journal-b"}).text
    assert "Sleep and Memory" in only_b and "Spaced Practice" not in only_b
    assert "Spaced Practice" in client.get("/", params={"family": "images", "severity": "high"}).text
    assert "No case matches" in client.get("/", params={"status": "closed_with_action"}).text
    data = client.get("/api/cases", params={"per_page": 1, "page": 2}).json()
    assert data["total"] == 2 and len(data["cases"]) == 1 and data["status_counts"]["new"] == 2


def test_case_page_shows_the_case_file_evidence(site):
    client = client_for(site, "olive")
    case_id = site["ids"][0]
    html = client.get(f"/cases/{case_id}").text
    assert "Two regions of figure p2-f1 look the same" in html and "Passage matches an earlier document" in html
    assert 'class="sbs"' in html and "<mark>" in html  # passages side by side, marked
    assert re.search(r'<img src="/evidence/\d+"', html) and "<svg class=\"overlay\"" in html  # image with its boxes
    assert f"/cases/{case_id}/pages/2?finding=" in html  # link to the PDF page
    evidence_url = re.search(r'<img src="(/evidence/\d+)"', html).group(1)
    image = client.get(evidence_url)
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"


def test_page_image_outlines_the_location(site):
    client = client_for(site, "rita")
    case_id = site["ids"][0]
    key = finding_keys(site["engine"], case_id)["region_pair_test"]["finding_key"]
    page = client.get(f"/cases/{case_id}/pages/2", params={"finding": key})
    assert page.status_code == 200 and "Outlined: Two regions" in page.text
    plain = client.get(f"/cases/{case_id}/pages/2/image.png").content
    outlined = client.get(f"/cases/{case_id}/pages/2/image.png", params={"finding": key}).content
    assert plain.startswith(b"\x89PNG") and outlined != plain
    assert client.get(f"/cases/{case_id}/pages/9").status_code == 404


def test_decisions_status_notes_and_second_opinion_through_the_pages(site):
    olive, oscar = client_for(site, "olive"), client_for(site, "oscar")
    case_id = site["ids"][1]
    keys = finding_keys(site["engine"], case_id)
    token = csrf_of(olive, f"/cases/{case_id}")
    missing = olive.post(f"/cases/{case_id}/findings/{keys['absent_table']['finding_key']}/decision",
                         data={"decision": "dismissed", "reason": "", "csrf_token": token})
    assert missing.status_code == 400 and "reason" in missing.text
    done = olive.post(f"/cases/{case_id}/findings/{keys['absent_table']['finding_key']}/decision",
                      data={"decision": "dismissed", "reason": "Table 2 is the supplement's", "csrf_token": token})
    assert done.status_code == 303
    olive.post(f"/cases/{case_id}/findings/{keys['region_pair_test']['finding_key']}/decision",
               data={"decision": "confirmed", "reason": "", "csrf_token": token})
    olive.post(f"/cases/{case_id}/review", data={"status": "escalated_to_institution", "assignee": "oscar", "csrf_token": token})
    olive.post(f"/cases/{case_id}/notes", data={"text": "Institution contacted.", "csrf_token": token})
    olive.post(f"/cases/{case_id}/second-opinions", data={"reviewer": "oscar", "question": "Same panel?", "csrf_token": token})
    html = olive.get(f"/cases/{case_id}").text
    request_id = re.search(r"/second-opinions/(\d+)\"", oscar.get(f"/cases/{case_id}").text).group(1)
    own = olive.post(f"/cases/{case_id}/second-opinions/{request_id}", data={"opinion": "Me", "csrf_token": token})
    assert own.status_code == 400  # not one's own second opinion
    oscar.post(f"/cases/{case_id}/second-opinions/{request_id}", data={"opinion": "Yes, the same panel.", "csrf_token": csrf_of(oscar)})
    html = oscar.get(f"/cases/{case_id}").text
    assert "Suppressed findings (1)" in html and "Table 2 is the supplement" in html
    assert 'decision-confirmed' in html and "Institution contacted." in html and "Yes, the same panel." in html
    case = olive.get(f"/api/cases/{case_id}").json()
    assert case["status"] == "escalated_to_institution" and case["assignee"] == "oscar"
    actions = [e["action"] for e in olive.get(f"/api/cases/{case_id}/audit").json()["entries"]]
    for action in ("case_viewed", "finding_decided", "suppression_created", "status_changed", "assignee_changed", "note_added",
                   "second_opinion_requested", "second_opinion_recorded"):
        assert action in actions, action


def test_api_decisions_with_a_token_and_openapi(site):
    engine, case_id = site["engine"], site["ids"][0]
    token = create_api_token(engine, "oscar", "submission system")
    api = TestClient(site["app"], headers={"Authorization": f"Bearer {token}"})
    case = api.get(f"/api/cases/{case_id}").json()
    key = next(f["key"] for f in case["findings"] if f["kind"] == "absent_figure")
    assert api.post(f"/api/cases/{case_id}/findings/{key}/decision", json={"decision": "dismissed"}).status_code == 400
    answer = api.post(f"/api/cases/{case_id}/findings/{key}/decision", json={"decision": "needs_author_response", "reason": "Ask for Figure 3"})
    assert answer.status_code == 200 and answer.json()["decision"] == "needs_author_response"
    finding = next(f for f in api.get(f"/api/cases/{case_id}").json()["findings"] if f["key"] == key)
    assert finding["decision"]["by"] == "oscar" and finding["decision"]["reason"] == "Ask for Figure 3"
    assert api.post(f"/api/cases/{case_id}/findings/{'0' * 32}/decision", json={"decision": "confirmed"}).status_code == 400
    schema = api.get("/api/openapi.json").json()
    assert "/api/cases/{case_id}/findings/{finding_key}/decision" in schema["paths"] and "/api/cases" in schema["paths"]
    assert "DecisionIn" in schema["components"]["schemas"]
    assert TestClient(site["app"], headers={"Authorization": "Bearer wrong"}).get("/api/cases").status_code == 401


def test_session_api_posts_need_the_csrf_header(site):
    client = client_for(site, "olive")
    case_id = site["ids"][0]
    assert client.post(f"/api/cases/{case_id}/notes", json={"text": "x"}).status_code == 403
    ok = client.post(f"/api/cases/{case_id}/notes", json={"text": "via API"}, headers={"X-CSRF-Token": csrf_of(client)})
    assert ok.status_code == 200


def test_exports_pdf_and_zip_are_complete_and_recorded(site):
    client = client_for(site, "rita")  # read-only users may export: it changes nothing but the trail
    case_id = site["ids"][1]
    pdf = client.get(f"/cases/{case_id}/export.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = unicodedata.normalize("NFKC", "\n".join(page.get_text() for page in pymupdf.open("pdf", pdf.content)))
    for expected in ("Case file for committee review", "Sleep and Memory", "Two regions of figure", "Decisions", "Audit trail",
                     "verified intact", "Notes", "Second opinions"):
        assert expected in text, expected
    record = json.dumps(client.get(f"/api/cases/{case_id}").json()).lower()
    assert text.lower().count("misconduct") == 0 or "misconduct" in record  # only ever quoted from a finding
    with pymupdf.open("pdf", pdf.content) as doc:
        assert any(page.get_images() for page in doc)  # the evidence image is in the file
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/cases/{case_id}/export.zip").content))
    names = set(archive.namelist())
    assert {"case.json", "review.json", "audit.json", "case.pdf", "manifest.json"} <= names
    assert any(n.startswith("evidence/") and n.endswith(".png") for n in names)
    manifest = json.loads(archive.read("manifest.json"))
    for name, digest in manifest["files"].items():
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    trail = json.loads(archive.read("audit.json"))
    assert trail["chain_verified"] and trail["entries"][0]["action"] == "case_imported"
    exports = [e for e in client.get(f"/api/cases/{case_id}/audit").json()["entries"] if e["action"] == "case_exported"]
    assert exports[0]["detail"]["sha256"] == hashlib.sha256(pdf.content).hexdigest() and exports[0]["actor"] == "rita"


def test_upload_checks_a_manuscript_and_opens_its_case(site):
    client = client_for(site, "olive")
    data = build_manuscript(site["tmp"] / "upload.pdf", title="Uploaded Manuscript", seed=7).read_bytes()
    sent = client.post("/check", data={"csrf_token": csrf_of(client, "/check"), "add_to_corpus": "on"},
                       files={"manuscript": ("../../etc/evil name.pdf", data, "application/pdf")}, follow_redirects=False)
    assert sent.status_code == 303
    job_id = sent.headers["location"].rsplit("/", 1)[1]
    deadline = time.time() + 60
    while (job := client.get(f"/api/jobs/{job_id}").json())["status"] not in ("done", "failed") and time.time() < deadline:
        time.sleep(0.2)
    assert job["status"] == "done", job.get("error")
    assert job["filename"] == "evil name.pdf"
    saved = list((site["tmp"] / "uploads" / job_id).iterdir())
    assert [p.name for p in saved] == ["evil-name.pdf"]  # a server-chosen name inside the job's folder
    page = client.get(f"/jobs/{job_id}").text
    assert f'href="/cases/{job["case_id"]}"' in page
    assert "Uploaded Manuscript" in client.get(f"/cases/{job['case_id']}").text
    refused = client.post("/check", data={"csrf_token": csrf_of(client, "/check")},
                          files={"manuscript": ("fake.pdf", b"\x89PNG\r\n\x1a\nnot a manuscript", "application/pdf")})
    assert refused.status_code == 400 and "Upload refused" in refused.text
