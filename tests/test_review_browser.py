"""The main journeys in a real headless Chromium (Debian's ``chromium`` package, driven by Playwright).

Log in, open the top case from the queue, dismiss a finding with a reason,
confirm another, change the status, export the PDF; then re-screen the same
manuscript from the browser and see the dismissed finding stay suppressed.
Set ``REVIEW_SCREENSHOTS=docs/screenshots`` to save the README screenshots. Without Chromium
(``CHROMIUM_PATH`` or ``chromium`` on PATH) the tests skip, unless ``REVIEW_REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from integrity.review.app import ReviewConfig, create_app
from integrity.review.importer import import_case_folder
from tests.test_review_support import PASSWORD, add_users, build_manuscript, make_engine, screen, test_detectors

# CI sets REVIEW_REQUIRE_BROWSER=1: there a missing browser is a failure, not a skip.
REQUIRED = os.environ.get("REVIEW_REQUIRE_BROWSER") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
if REQUIRED:
    from playwright import sync_api
else:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
pytestmark = pytest.mark.skipif(not REQUIRED and not Path(CHROMIUM).exists(),
                                reason="no Chromium here (Debian: apt-get install chromium); CI installs it")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-default-apps"]
TIMEOUT_MS = 20_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """uvicorn on 127.0.0.1 in a thread, over a store with users and three screened cases."""
    import uvicorn

    tmp = tmp_path_factory.mktemp("review-browser")
    with pytest.MonkeyPatch.context() as mp:
        from integrity.review import importer

        known = {**importer._families(), "image_pairs": "images", "source_overlap": "text"}
        mp.setattr(importer, "_families", lambda: known)
        engine = make_engine(tmp)
        add_users(engine)
        pdfs = {}
        papers = [("Spaced Practice and Recall in Older Adults", "Ada Lovelace, Alan Turing", "inbox-2026-05"),
                  ("Sleep Deprivation and Working Memory", "Grace Hopper, Edsger Dijkstra", "journal-of-memory"),
                  ("Caffeine and Sustained Attention", "Barbara Liskov", "inbox-2026-05")]
        first = None
        for n, (title, authors, source) in enumerate(papers):
            pdf = build_manuscript(tmp / f"paper{n}.pdf", title=title, authors=authors, seed=n)
            case, folder = screen(pdf, tmp / "cases")
            import_case_folder(engine, folder, manuscript_path=pdf, source=source)
            pdfs[case.manuscript.id] = pdf
            first = first or case.manuscript.id
        from integrity.review.decisions import set_assignee, set_status

        set_status(engine, first, "awaiting_author", "oscar")  # a queue with more than one status
        set_assignee(engine, first, "oscar", "oscar")
        app = create_app(engine, ReviewConfig(uploads_dir=tmp / "uploads", cases_dir=tmp / "checked", detectors=test_detectors()))
        port = free_port()
        uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
        thread = threading.Thread(target=uv.run, daemon=True)
        thread.start()
        deadline = time.time() + 15
        while not uv.started and time.time() < deadline:
            time.sleep(0.05)
        assert uv.started, "uvicorn did not start"
        try:
            yield {"url": f"http://127.0.0.1:{port}", "pdfs": pdfs, "tmp": tmp}
        finally:
            uv.should_exit = True
            thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, timeout=TIMEOUT_MS)
        try:
            yield chromium
        finally:
            chromium.close()


def shot(page, name: str, height: int | None = None) -> None:
    folder = os.environ.get("REVIEW_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        clip = {"x": 0, "y": 0, "width": page.viewport_size["width"], "height": height} if height else None
        page.screenshot(path=str(Path(folder) / name), full_page=True, clip=clip)


def finding(page, title: str):
    return page.locator("article.finding", has=page.locator("h3", has_text=title))


def test_officer_journey(server, browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(server["url"] + "/")
        assert "/login" in page.url  # nothing without login
        page.fill("input[name=username]", "olive")
        page.fill("input[name=password]", PASSWORD)
        page.click("button:has-text('Log in')")
        page.wait_for_selector("table#queue")
        assert page.locator("table#queue tbody tr").count() == 3

        top = page.locator("table#queue tbody tr").first.locator("a").first
        case_url = server["url"] + top.get_attribute("href")
        case_id = case_url.rsplit("/", 1)[1]
        top.click()
        page.wait_for_url(case_url)
        assert page.locator("img[src^='/evidence/']").first.is_visible()

        dismissed = finding(page, "Two regions of figure")
        dismissed.get_by_label("Dismissed as a false positive").check()
        dismissed.locator("textarea[name=reason]").fill("Panels are two views of one specimen; stated in the legend.")
        dismissed.get_by_role("button", name="Record decision").click()
        page.wait_for_selector("text=Decision recorded.")
        assert page.locator("#suppressed").get_by_text("Two regions of figure").is_visible()

        confirmed = finding(page, "Passage matches an earlier document")
        confirmed.get_by_label("Confirmed").check()
        confirmed.get_by_role("button", name="Record decision").click()
        page.wait_for_selector("text=Decision recorded.")
        assert finding(page, "Passage matches an earlier document").locator(".decision-confirmed").first.is_visible()

        page.select_option("#review-form select[name=status]", "in_review")
        page.select_option("#review-form select[name=assignee]", "olive")
        page.click("#review-form button")
        page.wait_for_selector("text=Case status and assignment saved.")
        assert page.locator(".scorebox .status").inner_text() == "In review"
        shot(page, "case.png", height=1900)

        with page.expect_download() as download_info:
            page.click("#export-pdf")
        exported = tmp_path / "case.pdf"
        download_info.value.save_as(exported)
        import pymupdf

        with pymupdf.open(exported) as doc:
            text = "".join(p.get_text() for p in doc)
        assert "Panels are two views of one specimen" in text and "In review" in text

        # Re-screen the same manuscript through the browser: the dismissed finding stays suppressed.
        page.goto(server["url"] + "/check")
        page.set_input_files("input[name=manuscript]", str(server["pdfs"][case_id]))
        page.click("button:has-text('Check')")
        page.wait_for_selector("#open-case", timeout=60_000)
        page.click("#open-case")
        page.wait_for_url(case_url)
        suppressed = page.locator("#suppressed")
        assert suppressed.get_by_text("Two regions of figure").is_visible()
        assert "Panels are two views of one specimen" in suppressed.inner_text()
        assert suppressed.locator("img[src^='/evidence/']").first.is_visible()  # its evidence is still shown
        assert page.locator("#findings").get_by_text("Two regions of figure").count() == 0
        assert "case_rescreened" in page.locator("#audit").inner_text()
        assert "suppression_applied" in page.locator("#audit").inner_text()
        if os.environ.get("REVIEW_SCREENSHOTS"):
            suppressed.screenshot(path=str(Path(os.environ["REVIEW_SCREENSHOTS"]) / "case-suppressed.png"))
        page.goto(server["url"] + "/")
        shot(page, "queue.png")
    except Exception:  # keep what the browser showed, for the failure report
        (tmp_path / "failure.html").write_text(page.content())
        page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
        raise
    finally:
        context.close()


def test_read_only_user_sees_no_forms(server, browser):
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(server["url"] + "/login")
        page.fill("input[name=username]", "rita")
        page.fill("input[name=password]", PASSWORD)
        page.click("button:has-text('Log in')")
        page.wait_for_selector("table#queue")
        page.locator("table#queue tbody tr").first.locator("a").first.click()
        page.wait_for_selector("#findings")
        assert page.get_by_role("button", name="Record decision").count() == 0
        assert page.locator("#review-form select[name=status]").is_disabled()
    finally:
        context.close()
