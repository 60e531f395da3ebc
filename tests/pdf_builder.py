"""Small, fully known PDFs for the tests, built with PyMuPDF."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pymupdf

# Where things are placed, so tests can compare with what ingestion reports.
RESULT_SENTENCE = "The treated group scored higher, t(28) = 2.20, p = .036."
RESULT_ORIGIN = (72, 200)  # page 2
FIGURE_RECT = pymupdf.Rect(72, 300, 372, 500)  # page 2, raster
CHART_RECT = pymupdf.Rect(100, 420, 300, 560)  # page 3, vector bars
TABLE_ORIGIN = (72, 150)  # page 3, 3 x 3 ruled table
TABLE_ROWS = [["Test", "t", "p"], ["Memory", "2.20", ".036"], ["Attention", "1.10", ".281"]]


def noise_image(width: int, height: int, seed: int = 0) -> pymupdf.Pixmap:
    arr = (np.random.default_rng(seed).random((height, width, 3)) * 255).astype("uint8")
    return pymupdf.Pixmap(pymupdf.csRGB, width, height, arr.tobytes(), False)


def build_paper(path: Path) -> Path:
    doc = pymupdf.open()
    doc.set_metadata({"title": "Effects of Practice on Recall", "author": "Ada Lovelace, Alan Turing"})
    p1 = doc.new_page()
    p1.insert_text((72, 72), "Effects of Practice on Recall", fontsize=18)
    p1.insert_text((72, 96), "Ada Lovelace, Alan Turing", fontsize=10)
    p1.insert_text((72, 110), "https://doi.org/10.5555/test.2026.001", fontsize=9)
    p1.insert_text((72, 140), "Abstract", fontsize=12, fontname="hebo")
    p1.insert_text((72, 158), "Practice improves recall in adults.", fontsize=10)
    p1.insert_text((72, 190), "Introduction", fontsize=12, fontname="hebo")
    p1.insert_text((72, 208), "Memory is studied widely; see Figure 1 and Table 1.", fontsize=10)
    p2 = doc.new_page()
    p2.insert_text((72, 72), "Results", fontsize=12, fontname="hebo")
    p2.insert_text(RESULT_ORIGIN, RESULT_SENTENCE, fontsize=10)
    p2.insert_image(FIGURE_RECT, pixmap=noise_image(300, 200))
    p2.insert_text((72, 520), "Figure 1. Random texture standing in for a micrograph.", fontsize=9)
    p3 = doc.new_page()
    x0, y0 = TABLE_ORIGIN
    p3.insert_text((72, 140), "Table 1. Test results.", fontsize=9)
    for i in range(len(TABLE_ROWS) + 1):
        p3.draw_line((x0, y0 + i * 20), (x0 + 300, y0 + i * 20))
    for j in range(4):
        p3.draw_line((x0 + j * 100, y0), (x0 + j * 100, y0 + 20 * len(TABLE_ROWS)))
    for i, row in enumerate(TABLE_ROWS):
        for j, cell in enumerate(row):
            p3.insert_text((x0 + j * 100 + 5, y0 + i * 20 + 14), cell, fontsize=10)
    for k in range(5):
        height = 20 + 20 * k
        p3.draw_rect(pymupdf.Rect(CHART_RECT.x0 + 10 + k * 36, CHART_RECT.y1 - height, CHART_RECT.x0 + 36 + k * 36, CHART_RECT.y1), fill=(0.2, 0.4, 0.8), color=None)
    p3.draw_line((CHART_RECT.x0, CHART_RECT.y1), (CHART_RECT.x1, CHART_RECT.y1))
    p3.draw_line((CHART_RECT.x0, CHART_RECT.y0), (CHART_RECT.x0, CHART_RECT.y1))
    p3.insert_text((72, 590), "Figure 2. Scores by session.", fontsize=9)
    p3.insert_text((72, 650), "References", fontsize=12, fontname="hebo")
    p3.insert_text((72, 668), "[1] Ebbinghaus H. Memory. 1885.", fontsize=10)
    doc.save(path)
    return path


def text_pdf(path: Path, pages: int = 1, text: str = "Plain page text.") -> Path:
    doc = pymupdf.open()
    for i in range(pages):
        doc.new_page().insert_text((72, 72), f"{text} Page {i + 1}.", fontsize=11)
    doc.save(path)
    return path
