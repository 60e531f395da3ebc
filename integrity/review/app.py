"""The review workbench: a FastAPI application over the project's store.

``create_app()`` builds it; ``integrity review`` serves it with uvicorn.
Pages are rendered on the server with Jinja2 (autoescaping on, no
front-end build step, no script needed to use it). The JSON API under
``/api/`` offers the same operations and is described by its OpenAPI schema
at ``/api/openapi.json`` (behind the login like everything else).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Form, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from integrity.review import audit
from integrity.review.auth import authenticate, create_session, end_session, login_blocked, record_login_attempt
from integrity.review.guards import (
    LOGIN_CSRF_COOKIE, Forbidden, LoginRequired, client_address, cookie_options, current_user, session_cookie_name,
)
from integrity.review.store import ensure_schema, review_engine
from integrity.review.web import render

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; form-action 'self'; "
                                "frame-ancestors 'none'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


@dataclass
class ReviewConfig:
    """How the app runs. ``secure_cookies`` None = secure exactly when the request came over HTTPS."""

    secure_cookies: bool | None = None
    max_upload_bytes: int = 100 * 1024 * 1024
    uploads_dir: Path | None = None  # default: <data dir>/review/uploads
    cases_dir: Path | None = None  # default: <data dir>/review/cases
    detectors: list[Any] | None = None  # default: the registered detectors, configured by integrity.toml
    settings: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never '//host' or 'https://...' (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def create_app(engine: Engine | None = None, config: ReviewConfig | None = None) -> FastAPI:
    from integrity.review.api import router as api_router
    from integrity.review.checks import CheckRunner
    from integrity.review.web import router as web_router
    from integrity.review.web_admin import router as admin_router

    app = FastAPI(title="Research-integrity review workbench", version="1.0",
                  description="Queue, evidence, decisions, suppressions and audit trail for screened manuscripts.",
                  docs_url=None, redoc_url=None, openapi_url=None)
    app.state.engine = ensure_schema(engine or review_engine())
    app.state.config = config or ReviewConfig()
    app.state.checks = CheckRunner(app.state.engine, app.state.config)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > app.state.config.max_upload_bytes + 1024 * 1024:
            response = JSONResponse({"detail": "Request too large."}, status_code=413)
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "Log in first (session cookie or Authorization: Bearer <API token>)."}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.message}, status_code=403)
        return render(request, "error.html", {"title": "Not allowed", "message": exc.message}, status_code=403)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))
        message = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else "There is no such page."
        return render(request, "error.html", {"title": f"Error {exc.status_code}", "message": message}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        # A malformed id in a page address is just a page that does not exist.
        return render(request, "error.html", {"title": "Error 404", "message": "There is no such page."}, status_code=404)

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request, next: str = "/"):
        token = secrets.token_urlsafe(24)
        response = render(request, "login.html", {"next": _safe_next(next), "login_csrf": token, "error": None})
        response.set_cookie(LOGIN_CSRF_COOKIE, token, max_age=3600, **cookie_options(request))
        return response

    @app.post("/login", include_in_schema=False)
    def login(request: Request, username: str = Form(""), password: str = Form(""), csrf_token: str = Form(""), next: str = Form("/")):
        engine, client = request.app.state.engine, client_address(request)
        cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        if not cookie or not secrets.compare_digest(cookie, csrf_token):
            return _login_error(request, next, "The login form expired. Please try again.", 403)
        username = username.strip()[:64]
        wait = login_blocked(engine, username, client)
        if wait:
            response = _login_error(request, next, f"Too many failed attempts. Try again in {max(1, wait // 60)} minute(s).", 429)
            response.headers["Retry-After"] = str(wait)
            return response
        user = authenticate(engine, username, password)
        record_login_attempt(engine, username, client, ok=user is not None)
        if user is None:
            audit.record(engine, "(anonymous)", "login_failed", detail={"username": username, "client": client})
            return _login_error(request, next, "Wrong user name or password.", 401)
        token, _csrf = create_session(engine, user["id"])
        audit.record(engine, user["username"], "login", detail={"client": client})
        response = RedirectResponse(_safe_next(next), status_code=303)
        response.set_cookie(session_cookie_name(request), token, **cookie_options(request))
        response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
        return response

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request):
        from integrity.review.guards import csrf_protect

        user = current_user(request)
        await csrf_protect(request, user)
        end_session(request.app.state.engine, request.cookies.get(session_cookie_name(request), ""))
        audit.record(request.app.state.engine, user["username"], "logout")
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(session_cookie_name(request), path="/")
        return response

    app.include_router(web_router)
    app.include_router(admin_router)
    app.include_router(api_router)
    return app


def _login_error(request: Request, next_url: str, message: str, status: int) -> Response:
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", {"next": _safe_next(next_url), "login_csrf": token, "error": message}, status_code=status)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, max_age=3600, **cookie_options(request))
    return response
