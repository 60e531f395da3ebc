"""Users, roles, passwords, sessions, API tokens and the login rate limit.

Passwords are hashed with Argon2id (``argon2-cffi``, RFC 9106 parameters):
memory-hard, salted, and re-hashed on login when the parameters change.
Sessions are server-side rows keyed by the SHA-256 of a random cookie value,
so a stolen database holds no usable cookie, and logging out, changing a
password or removing a user ends the sessions at once. Each session carries
its own CSRF token. API tokens (for submission systems) are stored the same
way and sent as ``Authorization: Bearer``.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from datetime import datetime, timedelta, timezone
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine, delete, func, insert, select, update

from integrity.review.store import api_tokens, login_attempts, now_iso, sessions, transact, users

ROLES = ("admin", "officer", "readonly")
EDITOR_ROLES = ("admin", "officer")
MIN_PASSWORD_LENGTH = 10
SESSION_IDLE = timedelta(hours=8)
SESSION_MAX = timedelta(hours=24)
LOGIN_WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_CLIENT = 20
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")

_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


class UserError(ValueError):
    """A user-management request that cannot be done (bad name, weak password, unknown user)."""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def can_edit(role: str | None) -> bool:
    return role in EDITOR_ROLES


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"passwords must have at least {MIN_PASSWORD_LENGTH} characters")


def add_user(engine: Engine, username: str, password: str, role: str = "officer") -> dict[str, Any]:
    if not _USERNAME.match(username):
        raise UserError("user names are 1-64 letters, digits, '.', '_', '@' or '-'")
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}")
    check_password_strength(password)
    hashed = _hasher.hash(password)

    def work(conn):
        if conn.execute(select(users.c.id).where(func.lower(users.c.username) == username.lower())).first():
            raise UserError(f"user {username!r} already exists")
        now = now_iso()
        conn.execute(insert(users).values(username=username, password_hash=hashed, role=role, active=True,
                                          created_at=now, password_changed_at=now))
        return {"username": username, "role": role}

    return transact(engine, work)


def _user_id(conn, username: str) -> int:
    row = conn.execute(select(users.c.id).where(users.c.username == username)).first()
    if row is None:
        raise UserError(f"no user {username!r}")
    return row.id


def remove_user(engine: Engine, username: str) -> None:
    """Delete the account and end its sessions and API tokens; its audit entries stay."""
    def work(conn):
        user_id = _user_id(conn, username)
        conn.execute(delete(sessions).where(sessions.c.user_id == user_id))
        conn.execute(delete(api_tokens).where(api_tokens.c.user_id == user_id))
        conn.execute(delete(users).where(users.c.id == user_id))

    transact(engine, work)


def set_password(engine: Engine, username: str, password: str) -> None:
    """Change a password and end every session of that user."""
    check_password_strength(password)
    hashed = _hasher.hash(password)

    def work(conn):
        user_id = _user_id(conn, username)
        conn.execute(update(users).where(users.c.id == user_id).values(password_hash=hashed, password_changed_at=now_iso()))
        conn.execute(delete(sessions).where(sessions.c.user_id == user_id))

    transact(engine, work)


def set_role(engine: Engine, username: str, role: str) -> None:
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}")
    transact(engine, lambda conn: conn.execute(update(users).where(users.c.id == _user_id(conn, username)).values(role=role)))


def list_users(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(select(users.c.username, users.c.role, users.c.active, users.c.created_at).order_by(users.c.username))
        return [dict(r._mapping) for r in rows]


def authenticate(engine: Engine, username: str, password: str) -> dict[str, Any] | None:
    """The user for a correct name and password, else None (in constant-ish time)."""
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == username, users.c.active.is_(True))).mappings().first()
    try:
        _hasher.verify(row["password_hash"] if row else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _hasher.check_needs_rehash(row["password_hash"]):
        transact(engine, lambda conn: conn.execute(update(users).where(users.c.id == row["id"]).values(password_hash=_hasher.hash(password))))
    return {"id": row["id"], "username": row["username"], "role": row["role"]}


# ------------------------------------------------------------ login rate limit


def login_blocked(engine: Engine, username: str, client: str) -> int:
    """Seconds until another login may be tried (0 = allowed now)."""
    since = time.time() - LOGIN_WINDOW_SECONDS
    with engine.connect() as conn:
        def failures(column, value):
            rows = conn.execute(select(login_attempts.c.at).where(column == value, login_attempts.c.ok.is_(False),
                                                                  login_attempts.c.at > since).order_by(login_attempts.c.at)).all()
            return [r.at for r in rows]
        by_user, by_client = failures(login_attempts.c.username, username.lower()), failures(login_attempts.c.client, client)
    waits = []
    if len(by_user) >= MAX_FAILURES_PER_USER:
        waits.append(by_user[-MAX_FAILURES_PER_USER] + LOGIN_WINDOW_SECONDS - time.time())
    if len(by_client) >= MAX_FAILURES_PER_CLIENT:
        waits.append(by_client[-MAX_FAILURES_PER_CLIENT] + LOGIN_WINDOW_SECONDS - time.time())
    return max(1, int(max(waits))) if waits else 0


def record_login_attempt(engine: Engine, username: str, client: str, ok: bool) -> None:
    def work(conn):
        conn.execute(insert(login_attempts).values(username=username.lower()[:64], client=client[:64], at=time.time(), ok=ok))
        conn.execute(delete(login_attempts).where(login_attempts.c.at < time.time() - 24 * 3600))
        if ok:  # a successful login clears the user's failure count
            conn.execute(delete(login_attempts).where(login_attempts.c.username == username.lower(), login_attempts.c.ok.is_(False)))

    transact(engine, work)


# ------------------------------------------------------------ sessions and tokens


def create_session(engine: Engine, user_id: int) -> tuple[str, str]:
    """A new session; returns (cookie value, CSRF token)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = now_iso()
    transact(engine, lambda conn: conn.execute(insert(sessions).values(
        token_hash=_token_hash(token), user_id=user_id, csrf_token=csrf, created_at=now, last_seen=now)))
    return token, csrf


def session_user(engine: Engine, token: str | None) -> dict[str, Any] | None:
    """The user and CSRF token of a live session, else None (expired sessions are removed)."""
    if not token or len(token) > 256:
        return None
    digest = _token_hash(token)
    with engine.connect() as conn:
        row = conn.execute(select(sessions, users.c.username, users.c.role, users.c.active)
                           .join(users, users.c.id == sessions.c.user_id)
                           .where(sessions.c.token_hash == digest)).mappings().first()
    if row is None:
        return None
    now = datetime.now(timezone.utc)
    created, seen = datetime.fromisoformat(row["created_at"]), datetime.fromisoformat(row["last_seen"])
    if not row["active"] or now - seen > SESSION_IDLE or now - created > SESSION_MAX:
        end_session(engine, token)
        return None
    if now - seen > timedelta(minutes=1):
        transact(engine, lambda conn: conn.execute(update(sessions).where(sessions.c.token_hash == digest).values(last_seen=now_iso())))
    return {"id": row["user_id"], "username": row["username"], "role": row["role"], "csrf": row["csrf_token"]}


def end_session(engine: Engine, token: str) -> None:
    transact(engine, lambda conn: conn.execute(delete(sessions).where(sessions.c.token_hash == _token_hash(token))))


def create_api_token(engine: Engine, username: str, label: str = "") -> str:
    """A new API token for ``username``; shown once, stored only as a hash."""
    token = "irt_" + secrets.token_urlsafe(32)

    def work(conn):
        conn.execute(insert(api_tokens).values(token_hash=_token_hash(token), user_id=_user_id(conn, username),
                                               label=label, created_at=now_iso()))

    transact(engine, work)
    return token


def revoke_api_tokens(engine: Engine, username: str) -> int:
    return transact(engine, lambda conn: conn.execute(delete(api_tokens).where(api_tokens.c.user_id == _user_id(conn, username))).rowcount)


def token_user(engine: Engine, token: str) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(select(users.c.id, users.c.username, users.c.role).join(api_tokens, api_tokens.c.user_id == users.c.id)
                           .where(api_tokens.c.token_hash == _token_hash(token), users.c.active.is_(True))).mappings().first()
    return {**dict(row), "csrf": None} if row else None
