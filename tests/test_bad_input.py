"""Each kind of bad input gives a structured error or warning, never an exception."""

from __future__ import annotations

import io
from pathlib import Path

import pymupdf
import pytest
from PIL import Image

from integrity.ingest import IngestOptions, ingest_bytes, ingest_file
from tests.pdf_builder import noise_image, text_pdf


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def test_zero_byte_file(tmp_path: Path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    m = ingest_file(path)
    assert codes(m.errors) == ["empty_file"] and not m.readable
    assert m.id == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@pytest.mark.parametrize(
    "payload, described",
    [
        (b"<!DOCTYPE html><html><body>Not a paper</body></html>", "HTML"),
        (None, "PNG"),
        (b"just some words in a file named pdf", "no %PDF- header"),
    ],
)
def test_not_a_pdf_is_named_for_what_it_is(payload, described):
    if payload is None:
        buf = io.BytesIO()
        Image.new("RGB", (8, 8)).save(buf, "PNG")
        payload = buf.getvalue()
    m = ingest_bytes(payload, "paper.pdf")
    assert codes(m.errors) == ["unsupported_format"]
    assert described in m.errors[0].message


def test_truncated_pdf(tmp_path: Path):
    data = text_pdf(tmp_path / "ok.pdf", pages=3).read_bytes()
    m = ingest_bytes(data[: len(data) // 3], "truncated.pdf")
    assert codes(m.errors) == ["corrupt_pdf"]
    assert "truncated" in m.errors[0].message or "could not be opened" in m.errors[0].message


def _encrypted(tmp_path: Path, user_pw: str) -> bytes:
    doc = pymupdf.open(text_pdf(tmp_path / "plain.pdf"))
    out = tmp_path / "enc.pdf"
    doc.save(out, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=user_pw, owner_pw="owner-secret")
    return out.read_bytes()


def test_encrypted_pdf_with_password(tmp_path: Path):
    m = ingest_bytes(_encrypted(tmp_path, "reader-secret"), "locked.pdf")
    assert codes(m.errors) == ["encrypted"]
    assert "password" in m.errors[0].message


def test_encrypted_pdf_with_empty_password_is_read(tmp_path: Path):
    m = ingest_bytes(_encrypted(tmp_path, ""), "owner-only.pdf")
    assert m.errors == [] and "Plain page text" in m.text


def test_image_only_pdf_has_no_text_layer_warning(tmp_path: Path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_image(page.rect, pixmap=noise_image(200, 280))
    m = ingest_bytes(doc.tobytes(), "scan.pdf")
    assert m.errors == [] and m.text.strip() == ""
    assert codes(m.warnings) == ["no_text_layer"]
    assert "text checks" in m.warnings[0].message.lower() or "text and statistics" in m.warnings[0].message.lower()
    assert len(m.figures) == 1 and m.figures[0].source == "page-scan"


def test_decompression_bomb_image_is_skipped_with_warning(tmp_path: Path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "A page with a large image.")
    page.insert_image(pymupdf.Rect(72, 100, 400, 400), pixmap=noise_image(400, 300))
    m = ingest_bytes(doc.tobytes(), "bomb.pdf", IngestOptions(max_image_pixels=100_000))
    assert m.errors == [] and m.figures == []
    assert codes(m.warnings) == ["image_too_large"]
    assert "400x300" in m.warnings[0].message


def test_page_limit_on_very_long_document(tmp_path: Path):
    path = text_pdf(tmp_path / "long.pdf", pages=5)
    m = ingest_file(path, IngestOptions(max_pages=2))
    assert m.pages == 5 and "Page 2." in m.text and "Page 3." not in m.text
    assert codes(m.warnings) == ["too_long"]


def test_time_limit_stops_reading(tmp_path: Path):
    path = text_pdf(tmp_path / "slow.pdf", pages=3)
    m = ingest_file(path, IngestOptions(max_seconds=-1))
    assert "time_limit" in codes(m.warnings)
    assert "Page 1." not in m.text


def test_mupdf_warnings_do_not_leak_between_files(tmp_path: Path):
    data = text_pdf(tmp_path / "ok.pdf", pages=3).read_bytes()
    broken = data[: int(len(data) * 0.9)]  # truncated but repairable
    first = ingest_bytes(broken, "repaired.pdf")
    second = ingest_bytes(data, "ok.pdf")
    assert second.warnings == [] and second.errors == []
    assert first.errors or "repaired_pdf" in codes(first.warnings)
