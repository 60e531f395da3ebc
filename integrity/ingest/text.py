"""Plain-text ingestion: the manuscript text is the file's text, unchanged,
so every character offset indexes the file itself. Form feeds mark pages.
"""

from __future__ import annotations

from integrity.ingest import find_doi
from integrity.ingest.sections import heading_kind, sections_from_headings
from integrity.models import Manuscript, Problem, TextSpan


def read_text(data: bytes, manuscript: Manuscript) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Latin-1 maps every byte to one character, so offsets still index the file's bytes.
        text = data.decode("latin-1")
        manuscript.warnings.append(Problem("not_utf8", "The file is not valid UTF-8; it was read as Latin-1."))
    manuscript.text = text
    page = 1
    headings: list[tuple[int, str]] = []
    offset = 0
    for raw_line in text.splitlines(keepends=True):
        line = raw_line.rstrip("\r\n")
        page += line.count("\f")
        stripped = line.strip("\f ")
        if stripped:
            start = offset + line.index(stripped[0])
            manuscript.spans.append(TextSpan(start, start + len(stripped), page, None))
            if heading_kind(stripped):
                headings.append((start, stripped))
        offset += len(raw_line)
    manuscript.pages = page
    manuscript.sections = sections_from_headings(len(text), headings)
    front = text[: manuscript.sections[0].char_end] if manuscript.sections else text[:2000]
    lines = [ln.strip() for ln in front.splitlines() if ln.strip()]
    manuscript.title = lines[0] if lines else ""
    if len(lines) > 1 and not find_doi(lines[1]) and len(lines[1]) < 300:
        manuscript.authors = [a.strip() for a in lines[1].replace(" and ", ",").split(",") if a.strip()]
    manuscript.doi = find_doi(text[:5000])
    if not text.strip():
        manuscript.warnings.append(Problem("no_text", "The file holds no text; text and statistics checks were skipped."))
