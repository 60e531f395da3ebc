"""Section boundaries from heading lines, shared by every input format.

References must be found reliably so that later checks can leave them out;
the rest only needs a coarse label (front matter, abstract, body).
"""

from __future__ import annotations

import re

from integrity.models import Section

_NUMBERING = r"(?:[0-9IVX]+(?:\.[0-9]+)*\.?\s+)?"
_HEADING_WORDS = {
    "abstract": "abstract",
    "summary": "abstract",
    "references": "references",
    "reference list": "references",
    "bibliography": "references",
    "literature cited": "references",
    "works cited": "references",
    "cited literature": "references",
}
_BODY_HEADINGS = (
    "introduction|background|methods|materials and methods|methods and materials|"
    "material and methods|methodology|experimental|experimental procedures|results|"
    "results and discussion|discussion|conclusion|conclusions|limitations|"
    "acknowledgements|acknowledgments|funding|data availability|data availability statement|"
    "ethics statement|ethics|ethical approval|author contributions|conflicts? of interest|"
    "competing interests|supplementary material|appendix|statistical analysis"
)
HEADING_RE = re.compile(
    rf"^\s*{_NUMBERING}(abstract|summary|references|reference list|bibliography|literature cited|"
    rf"works cited|cited literature|{_BODY_HEADINGS})\s*[:.]?\s*$",
    re.IGNORECASE,
)


def heading_kind(line: str) -> str | None:
    """The section kind a heading line starts, or None if it is not a heading."""
    m = HEADING_RE.match(line)
    if not m:
        return None
    return _HEADING_WORDS.get(m.group(1).lower(), "body")


def sections_from_headings(text_length: int, headings: list[tuple[int, str]]) -> list[Section]:
    """Turn (offset, heading line) pairs into contiguous sections covering the text.

    Text before the first heading is ``front``. An abstract runs to the next
    heading; references run to the next heading of any kind (an appendix may
    follow them) or the end.
    """
    headings = sorted(headings)
    sections: list[Section] = []
    first = headings[0][0] if headings else text_length
    if first > 0:
        sections.append(Section(title="", kind="front", char_start=0, char_end=first))
    for i, (start, line) in enumerate(headings):
        end = headings[i + 1][0] if i + 1 < len(headings) else text_length
        kind = heading_kind(line) or "body"
        sections.append(Section(title=line.strip(), kind=kind, char_start=start, char_end=end))
    return sections
