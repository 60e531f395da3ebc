"""Ingestion on PDFs, plain text and JATS XML built by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrity.ingest import ingest_bytes, ingest_file, list_manuscripts
from tests import pdf_builder as pb


def test_pdf_text_offsets_map_to_page_and_bbox(paper_pdf: Path):
    m = ingest_file(paper_pdf)
    assert m.errors == [] and m.format == "pdf" and m.pages == 3
    start = m.text.index("t(28) = 2.20")
    loc = m.locate(start, start + len("t(28) = 2.20"))
    assert loc.page == 2
    x0, y0, x1, y1 = loc.bbox
    # The line was written with its baseline at RESULT_ORIGIN.
    assert abs(x0 - pb.RESULT_ORIGIN[0]) < 1
    assert y0 < pb.RESULT_ORIGIN[1] < y1
    assert m.text[start : start + 12] == "t(28) = 2.20"


def test_pdf_metadata_and_sections(paper_pdf: Path):
    m = ingest_file(paper_pdf)
    assert m.title == "Effects of Practice on Recall"
    assert m.authors == ["Ada Lovelace", "Alan Turing"]
    assert m.doi == "10.5555/test.2026.001"
    kinds = [s.kind for s in m.sections]
    assert kinds[0] == "front" and "abstract" in kinds and kinds[-1] == "references"
    refs = m.sections[-1]
    assert "Ebbinghaus" in m.text[refs.char_start : refs.char_end]
    assert m.section_at(m.text.index("Ebbinghaus")).kind == "references"
    assert m.section_at(m.text.index("t(28)")).kind == "body"
    assert [(s, e) for s, e in m.body_ranges() if s <= m.text.index("Ebbinghaus") < e] == []


def test_pdf_figures_raster_and_vector_with_bboxes(paper_pdf: Path):
    m = ingest_file(paper_pdf)
    raster = [f for f in m.figures if f.source == "raster"]
    vector = [f for f in m.figures if f.source == "vector"]
    assert len(raster) == 1 and raster[0].page == 2
    assert raster[0].bbox == pytest.approx(tuple(pb.FIGURE_RECT), abs=0.5)
    assert (raster[0].width, raster[0].height) == (300, 200)
    assert raster[0].image().size == (300, 200)
    assert raster[0].caption.startswith("Figure 1.")
    assert len(vector) == 1 and vector[0].page == 3
    vx0, vy0, vx1, vy1 = vector[0].bbox
    assert vx0 <= pb.CHART_RECT.x0 + 1 and vx1 >= pb.CHART_RECT.x1 - 1 and vy1 >= pb.CHART_RECT.y1 - 1
    assert vector[0].image().size[0] > 300  # rendered at 150 dpi, wider than the 200 pt area
    assert len({f.id for f in m.figures}) == len(m.figures)


def test_pdf_tables_read_as_cell_grids(paper_pdf: Path):
    m = ingest_file(paper_pdf)
    assert len(m.tables) == 1
    table = m.tables[0]
    assert table.page == 3
    assert table.rows == pb.TABLE_ROWS
    assert table.char_start is not None and "Memory" in m.text[table.char_start : table.char_end]


def test_plain_text_offsets_index_the_file(tmp_path: Path):
    raw = "Title of a pasted paper\nJane Doe, John Roe\n\nAbstract\nShort abstract.\n\nResults\nWe found t(12) = 3.1, p = .009.\n\fReferences\n[1] A ref.\n"
    path = tmp_path / "paper.txt"
    path.write_text(raw, encoding="utf-8")
    m = ingest_file(path)
    assert m.format == "txt" and m.text == raw
    start = raw.index("t(12)")
    assert m.locate(start, start + 5).page == 1
    assert m.locate(raw.index("[1]"), raw.index("[1]") + 3).page == 2
    assert m.title == "Title of a pasted paper" and m.authors == ["Jane Doe", "John Roe"]
    assert [s.kind for s in m.sections] == ["front", "abstract", "body", "references"]


JATS = b"""<?xml version="1.0" encoding="UTF-8"?>
<article xmlns:xlink="http://www.w3.org/1999/xlink"><front><article-meta>
<article-id pub-id-type="doi">10.5555/jats.1</article-id>
<title-group><article-title>A JATS <italic>Article</italic></article-title></title-group>
<contrib-group><contrib><name><surname>Curie</surname><given-names>Marie</given-names></name></contrib></contrib-group>
<abstract><p>We studied things.</p></abstract></article-meta></front>
<body><sec><title>Results</title><p>Scores rose, t(20) = 2.5, p = .021.</p>
<table-wrap><caption><p>Table 1. Scores.</p></caption><table><tr><th>Group</th><th>M</th></tr><tr><td>A</td><td>3.5</td></tr></table></table-wrap>
</sec></body><back><ref-list><ref>Doe J. An old paper. 1999.</ref></ref-list></back></article>"""


def test_jats_xml(tmp_path: Path):
    path = tmp_path / "article.xml"
    path.write_bytes(JATS)
    m = ingest_file(path)
    assert m.errors == [] and m.format == "jats"
    assert m.title == "A JATS Article" and m.authors == ["Marie Curie"] and m.doi == "10.5555/jats.1"
    refs = [s for s in m.sections if s.kind == "references"][0]
    assert m.text[refs.char_start : refs.char_end].startswith("References\nDoe J.")
    result = m.text.index("t(20) = 2.5")
    assert m.section_at(result).title == "Results"
    assert m.tables[0].rows == [["Group", "M"], ["A", "3.5"]]


def test_jats_entity_expansion_is_refused(tmp_path: Path):
    bomb = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]><article>&y;</article>'
    m = ingest_bytes(bomb, "bomb.xml")
    assert [e.code for e in m.errors] == ["invalid_xml"]


def test_manuscript_id_is_sha256_of_bytes(paper_pdf: Path):
    import hashlib

    assert ingest_file(paper_pdf).id == hashlib.sha256(paper_pdf.read_bytes()).hexdigest()


def test_list_manuscripts_keeps_only_manuscript_files(tmp_path: Path):
    for name in ["b.pdf", "a.txt", "c.xml", "notes.md", "script.py", ".hidden.pdf", "truth.json"]:
        (tmp_path / name).write_text("x")
    assert [p.name for p in list_manuscripts(tmp_path)] == ["a.txt", "b.pdf", "c.xml"]
