"""Evidence for text-overlap findings: passage records and side-by-side display.

Both excerpts of a pair highlight the *shared* words (words in a word pair
that the other passage also contains), so what is left unmarked is what was
edited, substituted or added.
"""

from __future__ import annotations

from typing import Any

from detectors.evidence import excerpt_block, note_block, side_by_side, table_block
from detectors.text_overlap.align import Passage, shared_word_spans
from detectors.text_overlap.exclusions import REASONS
from detectors.text_overlap.normalize import Tokens
from integrity.models import Manuscript

CONTEXT = 60  # characters shown around a passage


def source_label(source: Any) -> str:
    title = source.title.strip() or "untitled"
    return f"“{title}” ({source.filename})"


def source_record(source: Any) -> dict[str, Any]:
    return {"id": source.id, "filename": source.filename, "title": source.title, "doi": source.doi, "role": source.role}


def passage_record(m: Manuscript, source: Any, p: Passage, reason: str | None = None) -> dict[str, Any]:
    return {
        "span": {"char_start": p.start, "char_end": p.end, "page": m.locate(p.start, p.end).page},
        "source_span": {"char_start": p.source_start, "char_end": p.source_end, "page": source.page_at(p.source_start)},
        "words": p.words,
        "counted_words": p.counted_words,
        "source_words": p.source_words,
        "seed_coverage": p.seed_coverage,
        "excluded": reason,
    }


def passage_display(m: Manuscript, tokens: Tokens, source: Any, source_tokens: Tokens, p: Passage, number: int | None = None) -> dict[str, Any]:
    """Manuscript and source passages side by side, shared words highlighted."""
    marks = shared_word_spans(tokens, p.first_word, p.last_word, source_tokens, p.source_first_word, p.source_last_word)
    source_marks = shared_word_spans(source_tokens, p.source_first_word, p.source_last_word, tokens, p.first_word, p.last_word)
    prefix = f"Passage {number}: " if number else ""
    left = excerpt_block(
        m, p.start, p.end, context=CONTEXT, highlights=marks,
        label=f"{prefix}manuscript, {p.words} words (words shared with the source highlighted)",
    )
    a, b = max(0, p.source_start - CONTEXT), min(len(source.text), p.source_end + CONTEXT)
    right = {
        "type": "excerpt",
        "label": f"Source: {source_label(source)}, {p.source_words} words (words shared with the manuscript highlighted)",
        "text": source.text[a:b],
        "offset": a,
        "highlights": [[s - a, e - a] for s, e in source_marks],
        "page": source.page_at(p.source_start),
    }
    return side_by_side(left, right)


def exclusion_note(counts: dict[str, dict[str, int]]) -> dict[str, Any] | None:
    """One note naming each exclusion that applied, e.g. "excluded: quotation (1 passage, 23 words)"."""
    parts = [
        f"{REASONS[reason]} ({c['passages']} passage{'s' if c['passages'] != 1 else ''}, {c['words']} words)"
        for reason, c in counts.items()
        if c["passages"]
    ]
    return note_block("Excluded from the similarity figure: " + "; ".join(parts) + ".") if parts else None


def excluded_table(rows: list[list[Any]]) -> dict[str, Any]:
    return table_block(
        ["excluded because", "words", "page", "manuscript chars", "shared with (documents)"], rows,
        caption="Shared passages that do not count as overlap",
    )
