"""Case files on a local disk or in object storage (``--out s3://bucket/cases``).

Case folders are written to a local staging copy first (the case writer and
its atomic renames work on a real file system), then copied up with fsspec,
so workers on several machines share one case store. fsspec takes the
storage options from the environment (``FSSPEC_S3_ENDPOINT_URL``,
``AWS_ACCESS_KEY_ID``, ...) or from :data:`STORAGE_OPTIONS`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from integrity.config import data_home

STORAGE_OPTIONS: dict[str, Any] = {}


def is_remote(out_dir: str | Path) -> bool:
    return "://" in str(out_dir)


def local_copy(out_dir: str | Path) -> Path:
    """Where case files are written before upload (``out_dir`` itself when it is local)."""
    if not is_remote(out_dir):
        return Path(out_dir)
    folder = data_home() / "outbox" / hashlib.sha256(str(out_dir).encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _fs(out_dir: str):
    import fsspec

    return fsspec.core.url_to_fs(str(out_dir), **STORAGE_OPTIONS)


def upload(local: Path, out_dir: str | Path, name: str | None = None) -> None:
    """Copy ``local`` (a case folder or a file) to ``out_dir``/``name``; no-op for a local ``out_dir``."""
    if not is_remote(out_dir):
        return
    from integrity.sources import with_retries

    fs, root = _fs(str(out_dir))
    target = f"{root.rstrip('/')}/{name or local.name}"
    if local.is_dir():
        files = [p for p in local.rglob("*") if p.is_file() and not p.name.startswith(".")]
        for path in files:
            with_retries(lambda path=path: fs.put_file(str(path), f"{target}/{path.relative_to(local).as_posix()}"))
    else:
        with_retries(lambda: fs.put_file(str(local), target))


def read_text(out_dir: str | Path, relative: str) -> str:
    """A file of the case store, local or remote; raises OSError when it is not there."""
    if not is_remote(out_dir):
        return (Path(out_dir) / relative).read_text(encoding="utf-8")
    fs, root = _fs(str(out_dir))
    try:
        with fs.open(f"{root.rstrip('/')}/{relative}", "rb") as fh:
            return fh.read().decode("utf-8")
    except FileNotFoundError:
        raise
    except Exception as exc:  # botocore and friends: a missing or unreadable object
        raise OSError(str(exc)) from exc
