"""Why a shared passage does not count as overlap.

Each rule returns a reason (a short stable word) for one passage, or None.
The detector applies them in the order of ``REASONS`` and reports every
excluded passage with its reason, so the reviewer sees what was left out.
"""

from __future__ import annotations

import re

from integrity.models import Manuscript

# Stable reason codes, in the order they are tried, with the words the case shows.
REASONS = {
    "earlier_version": "earlier version of this manuscript (same DOI or title)",
    "references": "reference list",
    "quotation": "quotation with a citation",
    "front_matter": "front matter (title, authors, affiliations, dates)",
    "standard_section": "standard statement (ethics, funding, data availability, ...)",
    "boilerplate": "boilerplate shared by many corpus documents",
    "short": "match shorter than the minimum length",
}

# Sections every paper has in near-identical wording.
STANDARD_SECTION_RE = re.compile(
    r"ethic|data (availability|sharing|access)|availability of data|acknowledg|funding|financial support|"
    r"conflicts? of interest|competing interests?|declaration|author contributions?|consent for publication|"
    r"informed consent|disclosure",
    re.IGNORECASE,
)

# A quotation: typographic or straight double quotes, guillemets; one paragraph at most.
_QUOTE_RE = re.compile(
    r"“(?:[^”\n]|\n(?!\s*\n)){8,1500}?”"
    r"|\"(?:[^\"\n]|\n(?!\s*\n)){8,1500}?\""
    r"|«(?:[^»\n]|\n(?!\s*\n)){8,1500}?»"
    r"|„(?:[^“”\n]|\n(?!\s*\n)){8,1500}?[“”]"
)
# A citation right after a quotation: (Author, 2019), (Author et al. 2019, p. 4), [12], [3-5], ^12.
_CITATION_AFTER_RE = re.compile(
    r"\s*[,.;:]?\s*(?:\([^()]{0,120}?\b(?:1[6-9]|20)\d{2}[a-z]?\b[^()]{0,40}\)|\[\s*\d+(?:\s*[-–,]\s*\d+)*\s*\]|\(\s*\d+(?:\s*[-–,]\s*\d+)*\s*\))"
)
# ... or just before it: "as Smith (2019) put it, “...”", "[12] wrote that “...”".
_CITATION_BEFORE_RE = re.compile(
    r"(?:\(\s*(?:1[6-9]|20)\d{2}[a-z]?\s*\)|\([^()]{0,120}?\b(?:1[6-9]|20)\d{2}[a-z]?\)|\[\s*\d+(?:\s*[-–,]\s*\d+)*\s*\])[^.!?“\"]{0,80}$"
)


def quotation_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of quotations (quote marks included) that come with a citation."""
    ranges = []
    for m in _QUOTE_RE.finditer(text):
        after = text[m.end() : m.end() + 160]
        before = text[max(0, m.start() - 200) : m.start()]
        if _CITATION_AFTER_RE.match(after) or _CITATION_BEFORE_RE.search(before):
            ranges.append(m.span())
    return ranges


def reference_ranges(manuscript: Manuscript) -> list[tuple[int, int]]:
    return [(s.char_start, s.char_end) for s in manuscript.sections if s.kind == "references"]


def standard_section_ranges(manuscript: Manuscript) -> list[tuple[int, int]]:
    return [
        (s.char_start, s.char_end)
        for s in manuscript.sections
        if s.kind not in ("references", "abstract") and s.title and STANDARD_SECTION_RE.search(s.title)
    ]


def front_matter_ranges(manuscript: Manuscript, max_characters: int = 3000) -> list[tuple[int, int]]:
    """The text before the first heading, when headings follow and it is short
    (a text without recognised headings is all "front" and stays in)."""
    sections = manuscript.sections
    if len(sections) < 2 or sections[0].kind != "front":
        return []
    front = sections[0]
    return [(front.char_start, front.char_end)] if front.char_end - front.char_start <= max_characters else []


def share_inside(start: int, end: int, ranges: list[tuple[int, int]]) -> float:
    """Share of the characters ``[start, end)`` that lie inside ``ranges``."""
    if end <= start:
        return 0.0
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in ranges)
    return min(inside / (end - start), 1.0)


def same_manuscript(doi_a: str | None, title_key_a: str | None, doi_b: str | None, title_key_b: str | None) -> bool:
    """Two documents are versions of one manuscript: same DOI, or same normalised title."""
    if doi_a and doi_b and doi_a.strip().lower() == doi_b.strip().lower():
        return True
    return bool(title_key_a and title_key_b and title_key_a == title_key_b)
