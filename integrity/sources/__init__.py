"""Where manuscripts come from: a folder inbox, a list of files, HTTP(S) URLs,
or object storage (S3 and anything else fsspec reads).

A source lists :class:`Item` s; each item is fetched to a local file before it
is read, and identified by the SHA-256 of its bytes, so the same manuscript
arriving twice (or by two routes) is screened once. ``item.mark`` is a cheap
change marker (size and modification time, an ETag) that lets the folder
inbox hand out only files that are new since the last run without reading
every old file again.

    source = open_source("inbox/")                    # FolderSource
    source = open_source("https://example.org/a.pdf") # HttpSource
    source = open_source("s3://bucket/incoming/")     # FsspecSource (extra: s3)
    source = open_source(["a.pdf", "b.pdf"])          # FileListSource
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from integrity.config import data_home
from integrity.ingest import MANUSCRIPT_SUFFIXES, list_manuscripts

T = TypeVar("T")


class PermanentFetchError(Exception):
    """A fetch that no retry will fix (404, access denied, not a file)."""


@dataclass
class Item:
    """One manuscript a source offers; ``fetch`` returns a local file holding its bytes."""

    name: str
    uri: str
    mark: str | None = None
    fetcher: Callable[[], Path] | None = None

    def fetch(self) -> Path:
        return self.fetcher() if self.fetcher else Path(self.uri)


class Source(Protocol):
    key: str  # stable identity of the source (its folder, bucket prefix, ...)

    def items(self) -> Iterator[Item]: ...


def staging_path(uri: str, name: str) -> Path:
    """A local place for a remote item's bytes, one folder per URI (names stay readable)."""
    folder = data_home() / "staging" / hashlib.sha256(uri.encode()).hexdigest()[:24]
    folder.mkdir(parents=True, exist_ok=True)
    return folder / (Path(name).name or "manuscript")


def with_retries(action: Callable[[], T], attempts: int = 4, base_delay: float = 0.5, transient: tuple[type[BaseException], ...] = (OSError,)) -> T:
    """Run ``action``; on a transient error wait base·2^n (with jitter) and try again."""
    for attempt in range(attempts):
        try:
            return action()
        except PermanentFetchError:
            raise
        except transient:
            if attempt == attempts - 1:
                raise
            time.sleep(base_delay * 2**attempt * (0.75 + random.random() / 2))
    raise RuntimeError("unreachable")


class FolderSource:
    """Every manuscript file (.pdf, .txt, .xml) directly in ``folder``.

    ``settle_seconds``: files changed more recently than this are left for the
    next run (they may still be being copied into an inbox).
    """

    def __init__(self, folder: str | Path, settle_seconds: float = 0.0):
        self.folder = Path(folder)
        self.settle_seconds = settle_seconds
        self.key = f"folder:{self.folder.resolve()}"

    def items(self) -> Iterator[Item]:
        for path in list_manuscripts(self.folder):
            try:
                stat = path.stat()
                mark = f"{stat.st_size}:{stat.st_mtime_ns}"
            except OSError:
                stat, mark = None, None
            if stat and self.settle_seconds and time.time() - stat.st_mtime < self.settle_seconds:
                continue
            yield Item(path.name, str(path), mark)


class FileListSource:
    """An explicit list of local files (and URLs, handed to :class:`HttpSource`)."""

    def __init__(self, entries: list[str]):
        self.entries = list(entries)
        self.key = "files:" + hashlib.sha256("\n".join(self.entries).encode()).hexdigest()[:16]

    def items(self) -> Iterator[Item]:
        for entry in self.entries:
            if _is_url(entry):
                yield from open_source(entry).items()
            else:
                yield Item(Path(entry).name, entry)


class HttpSource:
    """Manuscripts at HTTP(S) URLs, downloaded with retries (5xx and network errors)."""

    def __init__(self, urls: list[str], timeout: float = 60.0):
        self.urls, self.timeout = list(urls), timeout
        self.key = "http:" + hashlib.sha256("\n".join(self.urls).encode()).hexdigest()[:16]

    def items(self) -> Iterator[Item]:
        for url in self.urls:
            name = Path(url.split("?", 1)[0].rstrip("/")).name or "download"
            yield Item(name, url, None, lambda url=url, name=name: self._download(url, name))

    def _download(self, url: str, name: str) -> Path:
        import httpx

        def attempt() -> Path:
            response = httpx.get(url, timeout=self.timeout, follow_redirects=True)
            if 400 <= response.status_code < 500:
                raise PermanentFetchError(f"HTTP {response.status_code} for {url}")
            response.raise_for_status()
            target = staging_path(url, name)
            target.write_bytes(response.content)
            return target

        return with_retries(attempt, transient=(httpx.TransportError, httpx.HTTPStatusError, OSError))


class FsspecSource:
    """Manuscripts under an fsspec URL (``s3://bucket/prefix/``, ``gcs://``, ...).

    ``storage_options`` go to the filesystem (e.g. ``{"endpoint_url": ...}``
    for an S3-compatible server); fsspec also reads them from the environment
    (``FSSPEC_S3_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID``, ...).
    """

    def __init__(self, url: str, storage_options: dict[str, Any] | None = None):
        import fsspec

        self.url = url
        self.fs, self.root = fsspec.core.url_to_fs(url, **(storage_options or {}))
        self.protocol = url.split("://", 1)[0]
        self.key = f"fsspec:{url}"

    def items(self) -> Iterator[Item]:
        def listing() -> dict[str, dict]:
            self.fs.invalidate_cache()
            return self.fs.find(self.root, detail=True)

        for path, info in sorted(with_retries(listing).items()):
            if Path(path).suffix.lower() not in MANUSCRIPT_SUFFIXES or info.get("type") == "directory":
                continue
            mark = str(info.get("ETag") or info.get("etag") or f"{info.get('size')}:{info.get('LastModified') or info.get('mtime')}")
            uri = f"{self.protocol}://{path}"
            yield Item(Path(path).name, uri, mark, lambda path=path, uri=uri: self._download(path, uri))

    def _download(self, path: str, uri: str) -> Path:
        target = staging_path(uri, Path(path).name)
        with_retries(lambda: self.fs.get_file(path, str(target)))
        return target


def _is_url(text: str) -> bool:
    return "://" in text


def open_source(spec: str | list[str], storage_options: dict[str, Any] | None = None, settle_seconds: float = 0.0) -> Source:
    """The source a command-line argument names: folder, file, URL, fsspec URL or list."""
    if isinstance(spec, (list, tuple)):
        return FileListSource([str(s) for s in spec])
    if spec.startswith(("http://", "https://")):
        return HttpSource([spec])
    if _is_url(spec):
        return FsspecSource(spec, storage_options)
    if Path(spec).is_dir():
        return FolderSource(spec, settle_seconds)
    return FileListSource([spec])
