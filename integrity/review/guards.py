"""Who may do what: the login, role and CSRF checks every route goes through.

Pages and API routes depend on :func:`current_user` (a session cookie, or for
``/api/`` an ``Authorization: Bearer`` API token); state-changing routes also
depend on :func:`editor` (officer or admin) and :func:`csrf_protect` (the
session's CSRF token in the form field ``csrf_token`` or the header
``X-CSRF-Token``, and a same-origin ``Origin`` when the browser sends one).
API-token requests need no CSRF token: browsers never attach them on their own.
"""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import Depends, Request

from integrity.review.auth import can_edit, session_user, token_user

COOKIE = "review_session"
SECURE_COOKIE = "__Host-review_session"  # only over HTTPS, only this host, path /
LOGIN_CSRF_COOKIE = "review_login_csrf"


class LoginRequired(Exception):
    """No valid session or token: pages redirect to the login page, the API answers 401."""


class Forbidden(Exception):
    def __init__(self, message: str = "You do not have permission to do this."):
        super().__init__(message)
        self.message = message


def secure_cookies(request: Request) -> bool:
    setting = request.app.state.config.secure_cookies
    return request.url.scheme == "https" if setting is None else bool(setting)


def session_cookie_name(request: Request) -> str:
    return SECURE_COOKIE if secure_cookies(request) else COOKIE


def cookie_options(request: Request) -> dict[str, Any]:
    return {"httponly": True, "samesite": "strict", "secure": secure_cookies(request), "path": "/"}


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def current_user(request: Request) -> dict[str, Any]:
    engine = request.app.state.engine
    user = None
    authorization = request.headers.get("authorization", "")
    if request.url.path.startswith("/api/") and authorization.lower().startswith("bearer "):
        user = token_user(engine, authorization[7:].strip())
        if user:
            user["via"] = "token"
    else:
        user = session_user(engine, request.cookies.get(session_cookie_name(request)))
        if user:
            user["via"] = "session"
    if user is None:
        raise LoginRequired()
    request.state.user = user
    return user


def editor(user: dict[str, Any] = Depends(current_user)) -> dict[str, Any]:
    if not can_edit(user["role"]):
        raise Forbidden("Read-only users can look at cases but not change them.")
    return user


def admin(user: dict[str, Any] = Depends(current_user)) -> dict[str, Any]:
    if user["role"] != "admin":
        raise Forbidden("Only administrators can do this.")
    return user


def _same_origin(request: Request) -> bool:
    """False when the browser says the request came from another site.

    Pages send no referrer (``no-referrer``), so a browser may send
    ``Origin: null`` for our own forms; ``Sec-Fetch-Site`` still tells.
    """
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin and origin != "null":
        return origin.split("://", 1)[-1] == request.headers.get("host", "")
    return True


async def csrf_protect(request: Request, user: dict[str, Any] = Depends(current_user)) -> dict[str, Any]:
    """Refuse a state-changing request that does not prove it came from our own page."""
    if user.get("via") == "token":
        return user
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        sent = (await request.form()).get("csrf_token")
    if not isinstance(sent, str) or not hmac.compare_digest(sent, user["csrf"] or "") or not _same_origin(request):
        raise Forbidden("The form was stale or did not come from this site (CSRF check failed). Reload the page and try again.")
    return user


async def editor_with_csrf(request: Request, user: dict[str, Any] = Depends(csrf_protect)) -> dict[str, Any]:
    if not can_edit(user["role"]):
        raise Forbidden("Read-only users can look at cases but not change them.")
    return user
