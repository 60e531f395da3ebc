"""Small built documents shared by the text-overlap tests (builders only, no tests here)."""

from __future__ import annotations

from integrity.corpus import Corpus
from integrity.ingest import ingest_bytes
from integrity.models import Manuscript

# Deliberately distinct paragraphs so that only planted text is shared.
FILLER = [
    "Rainfall over the upland catchment was logged every ten minutes by a tipping bucket gauge mounted beside the weir.",
    "Marketing budgets in the retail sector rose sharply after the pandemic, although consumer sentiment stayed fragile.",
    "The choir rehearsed Bach cantatas twice weekly in a converted chapel with unusually generous acoustics.",
    "Volcanic ash layers in the lake sediment provided tie points for the radiocarbon chronology of the core.",
    "Commuters in the northern suburbs reported longer journeys once the orbital motorway works began in spring.",
    "Basalt columns along the coast formed when thick lava flows cooled slowly and contracted into polygons.",
    "Librarians catalogued the donated manuscripts by provenance before any digitisation of fragile folios started.",
    "The ferry timetable changed in winter, leaving island residents with a single crossing on most weekdays.",
    "Orchard growers thinned the apple blossom by hand to protect fruit size in a year of heavy flowering.",
    "Glaciers in the eastern range retreated faster after warm summers, exposing moraines colonised by lichens.",
]
COPIED = (
    "Hippocampal slices were cut at a thickness of three hundred micrometres on a vibrating microtome and "
    "recovered for one hour in oxygenated artificial cerebrospinal fluid before recording. Whole-cell patch "
    "clamp recordings were obtained from visually identified pyramidal neurons using borosilicate pipettes "
    "filled with a potassium gluconate internal solution. Series resistance was monitored throughout and "
    "cells in which it changed by more than twenty percent were discarded from further analysis."
)
OTHER_COPIED = (
    "Soil cores were collected along three transects at each meadow, dried at sixty degrees for two days and "
    "sieved before nitrogen and carbon content were measured by dry combustion in an elemental analyser, "
    "with every tenth sample analysed twice to estimate the analytical error of the procedure."
)


def paper(title: str, paragraphs: list[str], doi: str | None = None, extra_sections: str = "", references: list[str] | None = None) -> str:
    """Plain text with headings the ingester recognises."""
    number = sum(map(ord, title))
    head = f"{title}\nAuthor {number}\n" + (f"DOI: {doi}\n" if doi else "") + "\n"
    abstract = "Abstract\n" + " ".join(f"topic{(number * (i + 7)) % 99991}" for i in range(8)) + ".\n\n"
    body = "Introduction\n" + "\n\n".join(paragraphs) + "\n\n"
    refs = "References\n" + "\n".join(references or [f"1. Reference {number}. {title}. 2001."]) + "\n"
    return head + abstract + body + extra_sections + refs


def manuscript(text: str, name: str) -> Manuscript:
    return ingest_bytes(text.encode("utf-8"), name)


def corpus_with(tmp_path, *manuscripts: Manuscript, name: str = "corpus.db") -> Corpus:
    corpus = Corpus(f"sqlite:///{tmp_path / name}")
    for m in manuscripts:
        corpus.add(m)
    return corpus


def sources(result) -> list[dict]:
    return result.data["text_similarity"]["sources"]


def counted_passages(result) -> list[dict]:
    return [p for s in sources(result) for p in s["passages"] if p["excluded"] is None]
