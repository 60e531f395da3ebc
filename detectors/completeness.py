"""Completeness checks: the parts a reviewer expects a manuscript to have.

Cheap, text-only checks that run on every input: missing abstract,
reference list or data-availability statement, and figures or tables that
the text cites but the manuscript does not contain.
"""

from __future__ import annotations

import re

from detectors.base import Detector
from detectors.evidence import excerpt_block
from integrity.models import DetectorResult, Finding, Manuscript, Severity

_CITED_RE = re.compile(r"\b(Fig(?:ure)?s?\.?|Tables?)\s*(\d{1,2})\b")
_CAPTION_RE = re.compile(r"^\s*(Fig(?:ure)?\.?|Table)\s*(\d{1,2})\s*[.:|]", re.MULTILINE)
_DATA_AVAILABILITY_RE = re.compile(r"data (?:availability|sharing|access)|availability of data", re.IGNORECASE)


class CompletenessDetector(Detector):
    """Flags missing standard parts and citations of absent figures/tables.

    Parameters
    ----------
    require_data_availability : bool, default True
        Report a manuscript with no data-availability statement.
    min_characters : int, default 2000
        Shorter texts (an abstract, a pasted results section) are not
        expected to be complete, so only the citation check runs on them.
    """

    name = "completeness"
    family = "metadata"
    description = "Missing abstract, references or data-availability statement; cited figures or tables that are absent."

    def __init__(self, require_data_availability: bool = True, min_characters: int = 2000):
        self.require_data_availability = require_data_availability
        self.min_characters = min_characters

    def detect(self, manuscript: Manuscript, corpus=None) -> DetectorResult:
        findings = self._absent_figures_and_tables(manuscript)
        if len(manuscript.text) >= self.min_characters:
            findings += self._missing_parts(manuscript)
        return DetectorResult(findings)

    def _missing_parts(self, m: Manuscript) -> list[Finding]:
        kinds = {s.kind for s in m.sections}
        missing = []
        if "abstract" not in kinds:
            missing.append(("missing_abstract", "No abstract found", "No heading 'Abstract' or 'Summary' was found."))
        if "references" not in kinds:
            missing.append(
                ("missing_references", "No reference list found", "No 'References' or 'Bibliography' heading was found, so reference text could not be excluded from overlap checks.")
            )
        if self.require_data_availability and not _DATA_AVAILABILITY_RE.search(m.text):
            missing.append(("missing_data_availability", "No data-availability statement", "The text never states where the data can be obtained."))
        return [
            Finding(self.name, kind, Severity.INFO, 0.9, title, explanation + " This is a note for the editor, not a judgement about the authors.")
            for kind, title, explanation in missing
        ]

    def _absent_figures_and_tables(self, m: Manuscript) -> list[Finding]:
        present = {"figure": set(), "table": set()}
        for match in _CAPTION_RE.finditer(m.text):
            present[_family(match.group(1))].add(int(match.group(2)))
        findings = []
        reported: set[tuple[str, int]] = set()
        for match in _CITED_RE.finditer(m.text):
            family, number = _family(match.group(1)), int(match.group(2))
            section = m.section_at(match.start())
            if section is not None and section.kind == "references":
                continue
            # Only judge when captions were read at all: a text without any
            # caption lines (a pasted section) says nothing about absence.
            if not present[family] or number in present[family] or (family, number) in reported:
                continue
            reported.add((family, number))
            have = ", ".join(str(n) for n in sorted(present[family]))
            loc = m.locate(match.start(), match.end())
            findings.append(
                Finding(
                    self.name,
                    f"absent_{family}",
                    Severity.LOW,
                    0.7,
                    f"{family.capitalize()} {number} is cited but not in the manuscript",
                    f"The text cites {family} {number}, but the manuscript only has captions for {family}s {have}. "
                    "A figure or table may be missing, or the citation may point to another paper's figure.",
                    [loc],
                    {"display": [excerpt_block(m, match.start(), match.end())], "cited": number, "present": sorted(present[family])},
                )
            )
        return findings


def _family(word: str) -> str:
    return "table" if word.lower().startswith("table") else "figure"

