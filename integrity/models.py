"""The data that moves through the pipeline: Manuscript -> Finding -> Case.

Everything here is a plain dataclass that pickles (Prefect tasks pass them
between processes) and turns into JSON through ``to_dict``.  Nothing here
imports PyMuPDF or Prefect.
"""

from __future__ import annotations

import bisect
import io
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

BBox = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF points, origin top-left


class Severity(str, Enum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return SEVERITY_ORDER.index(self)


SEVERITY_ORDER = [Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH]


@dataclass
class Location:
    """Where a finding points: 1-based page, PDF-point bbox, character offsets.

    Any field may be None when the input has no such notion (a .txt file has
    no bbox; an image has no character offsets).
    """

    page: int | None = None
    bbox: BBox | None = None
    char_start: int | None = None
    char_end: int | None = None
    figure: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if self.bbox is not None:
            d["bbox"] = [round(v, 2) for v in self.bbox]
        return d


@dataclass
class TextSpan:
    """A run of the manuscript text (one line) and where it sits on the page."""

    char_start: int
    char_end: int
    page: int
    bbox: BBox | None = None


@dataclass
class Section:
    """A labelled stretch of the text. kind: front, abstract, body, references, other."""

    title: str
    kind: str
    char_start: int
    char_end: int


@dataclass
class Panel:
    """One sub-image of a figure, in the figure's pixel grid and in PDF points."""

    figure_id: str
    index: int
    bbox: BBox  # PDF points
    pixel_box: tuple[int, int, int, int]  # left, top, right, bottom in figure pixels


@dataclass
class Figure:
    """A figure as pixels: an embedded raster image or a rendered vector area.

    ``png`` holds the encoded pixels (PNG, or the JPEG as stored in the PDF)
    so the object pickles and needs no open document.
    """

    id: str  # "p3-f1": page 3, first figure on that page
    page: int
    bbox: BBox
    width: int
    height: int
    png: bytes = field(repr=False, default=b"")
    source: str = "raster"  # raster | vector
    caption: str = ""
    panels: list[Panel] = field(default_factory=list)

    def image(self):
        """The figure as a PIL image (RGB)."""
        from PIL import Image

        return Image.open(io.BytesIO(self.png)).convert("RGB")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "page": self.page,
            "bbox": [round(v, 2) for v in self.bbox],
            "width": self.width,
            "height": self.height,
            "source": self.source,
            "caption": self.caption,
            "panels": [asdict(p) for p in self.panels],
        }


@dataclass
class Table:
    """A table as a grid of cell strings (None for an empty or merged cell)."""

    id: str
    page: int
    bbox: BBox | None
    rows: list[list[str | None]]
    char_start: int | None = None
    char_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if self.bbox is not None:
            d["bbox"] = [round(v, 2) for v in self.bbox]
        return d


@dataclass
class Problem:
    """An error or warning about the input itself (not a finding about its content).

    code is a stable machine-readable word (``encrypted``, ``no_text_layer``);
    message says in plain words what happened and what was skipped.
    """

    code: str
    message: str
    stage: str = "ingest"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Manuscript:
    """One ingested manuscript.

    ``text`` is the text every offset indexes: the file's own text for .txt
    input, the extracted text (stored with the case) for PDF and JATS.
    """

    id: str  # SHA-256 of the file's bytes
    filename: str
    format: str  # pdf | txt | jats
    text: str = ""
    title: str = ""
    authors: list[str] = field(default_factory=list)
    doi: str | None = None
    pages: int = 0
    spans: list[TextSpan] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    path: str | None = None
    size_bytes: int = 0

    @property
    def short_id(self) -> str:
        return self.id[:12]

    @property
    def readable(self) -> bool:
        """False when ingestion failed outright (no detector can run)."""
        return not self.errors

    def section_at(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.char_start <= offset < section.char_end:
                return section
        return None

    def body_ranges(self) -> list[tuple[int, int]]:
        """Character ranges that are not the reference list (all text if no sections)."""
        if not self.sections:
            return [(0, len(self.text))]
        return [(s.char_start, s.char_end) for s in self.sections if s.kind != "references"]

    def locate(self, char_start: int, char_end: int) -> Location:
        """Page and bounding box of a character range (union of the lines it touches)."""
        if not self.spans:
            return Location(page=1 if self.pages else None, char_start=char_start, char_end=char_end)
        starts = [s.char_start for s in self.spans]
        i = max(bisect.bisect_right(starts, char_start) - 1, 0)
        touched = []
        while i < len(self.spans) and self.spans[i].char_start < max(char_end, char_start + 1):
            if self.spans[i].char_end > char_start:
                touched.append(self.spans[i])
            i += 1
        if not touched:  # offset falls between lines (a separator): use the next line
            touched = [self.spans[min(i, len(self.spans) - 1)]]
        page = touched[0].page
        boxes = [s.bbox for s in touched if s.page == page and s.bbox is not None]
        bbox = None
        if boxes:
            bbox = (
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            )
        return Location(page=page, bbox=bbox, char_start=char_start, char_end=char_end)

    def summary(self) -> dict[str, Any]:
        """The manuscript part of case.json (no full text; that goes in text.txt)."""
        return {
            "id": self.id,
            "short_id": self.short_id,
            "filename": self.filename,
            "format": self.format,
            "title": self.title,
            "authors": list(self.authors),
            "doi": self.doi,
            "pages": self.pages,
            "size_bytes": self.size_bytes,
            "characters": len(self.text),
            "sections": [asdict(s) for s in self.sections],
            "figures": [f.to_dict() for f in self.figures],
            "tables": [t.to_dict() for t in self.tables],
        }


@dataclass
class EvidenceImage:
    """An image a detector hands over as evidence; the case writer saves it.

    Detectors never write files, so they pass the PNG bytes; the writer puts
    them in ``evidence/`` and refers to them by ``name`` in the JSON.
    """

    name: str  # file-name-safe, chosen by the detector, e.g. "pair-1-a.png"
    png: bytes = field(repr=False)
    caption: str = ""


@dataclass
class Finding:
    """A reason to look, with the evidence to confirm or dismiss it.

    ``evidence`` is detector-specific structured data (JSON-able) plus an
    optional ``display`` list of blocks the HTML knows how to draw:
    ``{"type": "excerpt", "text", "highlights": [[s, e]], "page", "label"}``,
    ``{"type": "table", "columns", "rows"}``,
    ``{"type": "image", "image": <EvidenceImage name>, "caption"}``,
    ``{"type": "side_by_side", "items": [block, block]}``,
    ``{"type": "note", "text"}``.
    """

    detector: str
    kind: str
    severity: Severity
    confidence: float
    title: str
    explanation: str
    locations: list[Location] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)
    images: list[EvidenceImage] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.severity = Severity(self.severity)
        self.confidence = float(min(max(self.confidence, 0.0), 1.0))

    def to_dict(self) -> dict[str, Any]:
        return {
            "detector": self.detector,
            "kind": self.kind,
            "severity": self.severity.value,
            "confidence": round(self.confidence, 3),
            "title": self.title,
            "explanation": self.explanation,
            "locations": [loc.to_dict() for loc in self.locations],
            "evidence": self.evidence,
            "images": [{"name": im.name, "caption": im.caption} for im in self.images],
        }


# How much one finding of each severity adds to a case's score.
SEVERITY_WEIGHT = {Severity.INFO: 0.0, Severity.LOW: 0.15, Severity.MEDIUM: 0.45, Severity.HIGH: 0.85}


# The most that all findings of one severity together can add: many low
# findings (often one detector's near-misses) must not outrank a single
# medium one, nor many mediums a confident high.
SEVERITY_CAP = {Severity.INFO: 0.0, Severity.LOW: 0.3, Severity.MEDIUM: 0.7, Severity.HIGH: 1.0}


def case_score(findings: list[Finding]) -> float:
    """0-100: findings combine as 1 - prod(1 - weight*confidence), capped per severity.

    Several independent medium findings rank above one; one high finding
    ranks above any number of low ones.
    """
    remaining = 1.0
    for severity in SEVERITY_ORDER:
        untouched = 1.0
        for f in findings:
            if f.severity == severity:
                untouched *= 1.0 - SEVERITY_WEIGHT[severity] * f.confidence
        remaining *= 1.0 - min(1.0 - untouched, SEVERITY_CAP[severity])
    return round(100.0 * (1.0 - remaining), 1)


@dataclass
class DetectorResult:
    """What one detector returns for one manuscript.

    ``data`` holds case-level tables the detector wants in case.json beside
    the findings (for example every extracted statistic, flagged or not);
    its keys become top-level keys of case.json.
    """

    findings: list[Finding] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Case:
    """Everything known about one screened manuscript; rendered to case files."""

    manuscript: Manuscript
    findings: list[Finding] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict)
    tool_version: str = ""
    created_at: str = ""

    @property
    def score(self) -> float:
        return case_score(self.findings)

    @property
    def top_severity(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (-f.severity.rank, -f.confidence, f.title))
