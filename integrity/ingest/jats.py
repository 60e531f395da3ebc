"""JATS XML ingestion (the article format PubMed Central distributes).

The manuscript text is built from the XML: title, authors, abstract, each
section heading and paragraph, then the reference list, so that the section
offsets are exact. XML is parsed with defusedxml: the input is untrusted.
"""

from __future__ import annotations

from defusedxml import ElementTree

from integrity.models import Manuscript, Problem, Section, Table, TextSpan


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Builder:
    """Appends lines to the text while recording spans and section starts."""

    def __init__(self, manuscript: Manuscript):
        self.m = manuscript
        self.parts: list[str] = []
        self.offset = 0
        self.sections: list[Section] = []

    def line(self, text: str) -> tuple[int, int]:
        start = self.offset
        self.parts.append(text + "\n")
        self.offset += len(text) + 1
        if text:
            self.m.spans.append(TextSpan(start, start + len(text), 1, None))
        return start, start + len(text)

    def start_section(self, title: str, kind: str) -> None:
        self.end_section()
        self.sections.append(Section(title=title, kind=kind, char_start=self.offset, char_end=self.offset))

    def end_section(self) -> None:
        if self.sections:
            self.sections[-1].char_end = self.offset

    def blank(self) -> None:
        self.line("")


def read_jats(data: bytes, manuscript: Manuscript) -> None:
    try:
        root = ElementTree.fromstring(data)
    except Exception as exc:  # ParseError or a defusedxml refusal (entities, DTD tricks)
        manuscript.errors.append(Problem("invalid_xml", f"The XML could not be parsed safely: {exc}."))
        return
    # Work namespace-free: JATS files come with and without namespaces.
    for el in root.iter():
        el.tag = _local(el.tag)
    meta = root.find(".//front/article-meta")
    b = _Builder(manuscript)
    b.start_section("", "front")
    manuscript.title = _text(meta.find(".//article-title")) if meta is not None else ""
    b.line(manuscript.title)
    if meta is not None:
        for contrib in meta.iter("contrib"):
            name = contrib.find(".//name")
            if name is not None:
                given, surname = _text(name.find("given-names")), _text(name.find("surname"))
                manuscript.authors.append(f"{given} {surname}".strip())
        doi = meta.find(".//article-id[@pub-id-type='doi']")
        manuscript.doi = _text(doi) or None
    if manuscript.authors:
        b.line(", ".join(manuscript.authors))
    if manuscript.doi:
        b.line(f"https://doi.org/{manuscript.doi}")
    b.blank()
    abstract = meta.find("abstract") if meta is not None else None
    if abstract is not None:
        b.start_section("Abstract", "abstract")
        b.line("Abstract")
        for p in abstract.iter("p"):
            b.line(_text(p))
        b.blank()
    body = root.find("body")
    if body is not None:
        _read_body(body, b, manuscript)
    refs = root.find(".//back/ref-list")
    if refs is not None:
        b.start_section("References", "references")
        b.line("References")
        for ref in refs.iter("ref"):
            b.line(_text(ref))
    b.end_section()
    manuscript.text = "".join(b.parts)
    manuscript.sections = [s for s in b.sections if s.char_end > s.char_start]
    manuscript.pages = 1
    if root.find(".//graphic") is not None:
        manuscript.warnings.append(
            Problem("figures_not_included", "The XML refers to figure files that are not part of it; image checks were skipped.")
        )


def _read_body(body, b: _Builder, manuscript: Manuscript) -> None:
    for sec in body.iter("sec"):
        title = _text(sec.find("title"))
        b.start_section(title, "body")
        if title:
            b.line(title)
        for child in sec:
            if child.tag == "p":
                b.line(_text(child))
            elif child.tag == "table-wrap":
                _read_table(child, b, manuscript)
        b.blank()


def _read_table(wrap, b: _Builder, manuscript: Manuscript) -> None:
    caption = _text(wrap.find("caption"))
    if caption:
        b.line(caption)
    rows = [[_text(c) or None for c in tr if c.tag in ("td", "th")] for tr in wrap.iter("tr")]
    if not rows:
        return
    start = b.offset
    for row in rows:
        b.line("\t".join(c or "" for c in row))
    manuscript.tables.append(
        Table(id=f"t{len(manuscript.tables) + 1}", page=1, bbox=None, rows=rows, char_start=start, char_end=b.offset)
    )
