"""Security of the workbench: logins, roles, CSRF, escaping of untrusted manuscripts, evidence by id only."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from fastapi.routing import APIRoute
from sqlalchemy import func, select

from integrity.review.app import ReviewConfig, create_app
from integrity.review.auth import MAX_FAILURES_PER_USER, create_api_token, set_password
from integrity.review.importer import import_case_folder
from integrity.review.store import audit_log, cases, decisions, notes, second_opinions, suppressions
from tests.test_review_support import PASSWORD, add_users, build_manuscript, csrf_of, finding_keys, login, make_engine, screen

XSS_TITLE = '<script>alert("title")</script>Recall & <b>Memory</b>'
XSS_AUTHOR = '<img src=x onerror=alert(1)>, Eve "Quote" O\'Neil'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("review-security")
    engine = make_engine(tmp)
    add_users(engine)
    pdf = build_manuscript(tmp / "hostile.pdf", title=XSS_TITLE, authors=XSS_AUTHOR,
                           extra='See <a href="javascript:alert(2)">here</a> and javascript:alert(3).')
    case, folder = screen(pdf, tmp / "cases")
    record = json.loads((folder / "case.json").read_text())
    record["manuscript"].update(doi='javascript:alert(4)//"><script>alert(5)</script>', title=XSS_TITLE,
                                authors=[XSS_AUTHOR], journal="<i>J</i>")
    finding = record["findings"][0]
    finding["title"] = '<a href="javascript:alert(6)">click</a><iframe src="https://evil.example"></iframe>'
    finding["evidence"]["display"] = [
        {"type": "image", "image": "javascript:alert(7)", "caption": "<svg onload=alert(8)>"},
        {"type": "image", "image": finding["images"][0]["name"] if finding["images"] else "x",
         "boxes": [{"box": [0, 0, 5, 5], "label": "<script>alert(9)</script>", "color": "red;background:url(javascript:alert(10))"}]},
        {"type": "excerpt", "text": "<script>alert(11)</script>", "highlights": [[0, 8]], "label": "<b>label</b>"},
        {"type": "table", "columns": ["<th>"], "rows": [["<td onclick=alert(12)>"]]},
        {"type": "note", "text": "<style>body{display:none}</style>"},
    ]
    (folder / "case.json").write_text(json.dumps(record))
    import_case_folder(engine, folder, manuscript_path=pdf, source='<script>alert("src")</script>')
    app = create_app(engine, ReviewConfig(uploads_dir=tmp / "uploads", cases_dir=tmp / "checked"))
    return {"engine": engine, "app": app, "case_id": case.manuscript.id, "tmp": tmp}


def client_for(site, username: str | None = None) -> TestClient:
    client = TestClient(site["app"], follow_redirects=False)
    if username:
        assert login(client, username).status_code == 303
    return client


def _fill(path: str, case_id: str) -> str:
    values = {"case_id": case_id, "finding_key": "0" * 32, "request_id": "1", "suppression_id": "1", "evidence_id": "1",
              "page": "1", "job_id": "0" * 32}
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)


def api_routes(routes):
    """Every route, also those of included routers (however this FastAPI version wraps them)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from api_routes(route.original_router.routes)
        elif hasattr(route, "routes"):
            yield from api_routes(route.routes)


def test_no_page_or_api_route_without_login(site):
    client = client_for(site)
    checked = 0
    for route in api_routes(site["app"].routes):
        if route.path == "/login":
            continue
        for method in route.methods:
            response = client.request(method, _fill(route.path, site["case_id"]))
            if route.path.startswith("/api/"):
                assert response.status_code == 401, (method, route.path)
            else:
                assert response.status_code == 303 and response.headers["location"].startswith("/login"), (method, route.path)
            checked += 1
    assert checked >= 30


class ActiveContent(HTMLParser):
    """Collects what a browser would run or load from a page."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.styles = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "base", "i"):
            self.found.append(f"<{tag}>")
        self.styles += tag == "style"
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.found.append(f"{tag} {name}={value}")


def test_untrusted_manuscript_text_is_escaped_everywhere(site):
    client = client_for(site, "olive")
    for path in ("/", f"/cases/{site['case_id']}", f"/cases/{site['case_id']}/audit", "/suppressions",
                 f"/cases/{site['case_id']}/pages/1", "/?q=%3Cscript%3Ealert(1)%3C/script%3E", "/api/docs"):
        parser = ActiveContent()
        parser.feed(client.get(path).text)
        assert parser.found == [] and parser.styles == 1, (path, parser.found)
    case_html = client.get(f"/cases/{site['case_id']}").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in case_html  # shown as text, not dropped
    assert 'href="https://doi.org/javascript%3Aalert' in case_html  # the DOI link can only go to doi.org
    assert "url(javascript" not in case_html  # an unsafe box colour is replaced


def test_evidence_is_served_by_id_only(site):
    client = client_for(site, "rita")
    for path in ("/evidence/../../../../etc/passwd", "/evidence/..%2f..%2f..%2fetc%2fpasswd", "/evidence/%2e%2e%2fcase.json",
                 "/evidence/evidence%2Ff01-pair.png", "/evidence/-1", "/evidence/99999", "/evidence/1.png",
                 "/cases/..%2f..%2fetc%2fpasswd", f"/cases/{site['case_id']}/pages/1/image.png?finding=../../etc/passwd"):
        response = client.get(path)
        assert "root:" not in response.text
        assert response.status_code in (404, 200), path
        if response.status_code == 200:  # only the page image, with the bad finding parameter ignored
            assert path.endswith("passwd") and response.headers["content-type"] == "image/png"
    html = client.get(f"/cases/{site['case_id']}").text
    for url in re.findall(r'<img src="([^"]+)"', html):
        assert re.fullmatch(r"/evidence/\d+", url)


def test_read_only_users_cannot_change_anything(site):
    engine, case_id = site["engine"], site["case_id"]
    key = next(iter(finding_keys(engine, case_id).values()))["finding_key"]

    def counts():
        with engine.connect() as conn:
            tables = (decisions, notes, second_opinions, suppressions)
            return [conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables] + \
                   [conn.execute(select(cases.c.status, cases.c.assignee).where(cases.c.id == case_id)).one()]

    before = counts()
    rita = client_for(site, "rita")
    token = csrf_of(rita)
    posts = [
        (f"/cases/{case_id}/findings/{key}/decision", {"decision": "dismissed", "reason": "no"}),
        (f"/cases/{case_id}/review", {"status": "closed_no_action", "assignee": "rita"}),
        (f"/cases/{case_id}/notes", {"text": "a note"}),
        (f"/cases/{case_id}/second-opinions", {"question": "?"}),
        ("/suppressions/1/revoke", {"reason": "x"}),
        ("/check", {}),
    ]
    for path, data in posts:
        assert rita.post(path, data={**data, "csrf_token": token}).status_code == 403, path
    api = TestClient(site["app"], headers={"Authorization": f"Bearer {create_api_token(engine, 'rita')}"})
    assert api.post(f"/api/cases/{case_id}/findings/{key}/decision", json={"decision": "confirmed"}).status_code == 403
    assert api.post(f"/api/cases/{case_id}/review", json={"status": "closed_no_action"}).status_code == 403
    assert api.post(f"/api/cases/{case_id}/notes", json={"text": "x"}).status_code == 403
    assert api.post("/api/checks", files={"manuscript": ("a.pdf", b"%PDF-1.4", "application/pdf")}).status_code == 403
    assert api.get("/api/audit/verify").status_code == 403
    page = rita.get(f"/cases/{case_id}").text
    assert "Record decision" not in page and "Add note" not in page  # no forms offered either
    assert counts() == before


def test_state_changes_need_a_valid_csrf_token_and_same_origin(site):
    client = client_for(site, "olive")
    case_id = site["case_id"]
    path = f"/cases/{case_id}/notes"
    assert client.post(path, data={"text": "no token"}).status_code == 403
    assert client.post(path, data={"text": "bad token", "csrf_token": "x" * 43}).status_code == 403
    token = csrf_of(client)
    assert client.post(path, data={"text": "cross-site", "csrf_token": token}, headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post(path, data={"text": "cross-site", "csrf_token": token}, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert client.post(path, data={"text": "ok", "csrf_token": token}, headers={"Origin": "http://testserver"}).status_code == 303
    other = client_for(site, "oscar")
    assert other.post(path, data={"text": "someone else's token", "csrf_token": token}).status_code == 403


def test_login_rate_limit_cookie_flags_headers_and_redirects(site):
    engine = site["engine"]
    from integrity.review.auth import add_user

    add_user(engine, "victim", PASSWORD, "officer")
    client = client_for(site)
    for _ in range(MAX_FAILURES_PER_USER):
        assert login(client, "victim", "wrong password!").status_code == 401
    blocked = login(client, "victim")  # even the right password waits now
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(audit_log).where(audit_log.c.action == "login_failed")).scalar_one() >= 5

    ok = login(client_for(site), "olive")
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
    secure_app = create_app(engine, ReviewConfig(secure_cookies=True))
    secure = login(TestClient(secure_app, base_url="https://testserver", follow_redirects=False), "olive")
    assert secure.headers["set-cookie"].startswith("__Host-review_session=") and "secure" in secure.headers["set-cookie"].lower()
    page = client_for(site, "olive").get("/")
    assert "default-src 'none'" in page.headers["content-security-policy"] and page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["cache-control"] == "no-store"
    visitor = client_for(site)
    page = visitor.get("/login?next=//evil.example/x")
    assert 'name="next" value="/"' in page.text  # never an address off this site
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    forged = client_for(site).post("/login", data={"username": "oscar", "password": PASSWORD, "csrf_token": token, "next": "/"})
    assert forged.status_code == 403  # the login form's own CSRF cookie is missing
    response = visitor.post("/login", data={"username": "oscar", "password": PASSWORD, "csrf_token": token, "next": "https://evil.example"})
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_logout_password_change_and_removal_end_sessions(site):
    from integrity.review.auth import add_user, remove_user

    engine = site["engine"]
    add_user(engine, "temp", PASSWORD, "officer")
    client = client_for(site, "temp")
    assert client.get("/").status_code == 200
    set_password(engine, "temp", "another long password")
    assert client.get("/").status_code == 303
    client = client_for(site)
    assert login(client, "temp", "another long password").status_code == 303
    assert client.post("/logout", data={"csrf_token": csrf_of(client)}).status_code == 303
    assert client.get("/").status_code == 303
    assert login(client, "temp", "another long password").status_code == 303
    remove_user(engine, "temp")
    assert client.get("/").status_code == 303
