"""A labelled PAN-style corpus for the text-overlap benchmark (bench only).

Documents are generated academic-looking text (sections, boilerplate
statements, quotations with citations, reference lists). Suspicious
documents carry passages taken from source documents under one obfuscation
each: verbatim, light edits, reordered sentences, synonym substitution,
tortured phrases, mosaic. Clean documents share only boilerplate,
quotations and references with the rest. Every planted passage is a case
with exact character spans in both documents.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from bench.text_vocabulary import (
    ADJECTIVE_GROUPS, ADVERB_GROUPS, BOILERPLATE_SENTENCES, FUNCTION_WORDS, NOUN_GROUPS, TOPIC_ADJECTIVES, TOPIC_NOUNS,
    TORTURABLE_TERMS, VERB_GROUPS,
)
from detectors.text_overlap.tortured import load_phrases

OBFUSCATIONS = ["verbatim", "light_edits", "reordered", "synonyms", "synonyms_heavy", "tortured", "mosaic"]

TEMPLATES = [
    "The {A} {N} of {Ta} {T} was {Vd} in {num} {Ns}.",
    "We {Vd} the {N} between {T} {N} and {Ta} {T} in a {A} {N}.",
    "{Ns_cap} of {T} {V} a {A} {N} in {Ta} {Ns}.",
    "These {Ns} {V} that {T} {Ns} are {R} {Vd} by {Ta} {N}.",
    "In contrast to {A} {Ns}, the {Ta} {T} {N} {R} {Vd} the {N} of {T}.",
    "A {A} {N} in {T} {N} was {Vd} after {num} {Ns} of {Ta} {N}.",
    "To {V} the {N} of {X}, we {Vd} {A} {Ns} from {num} {T} {Ns}.",
    "Our {Ns} {V} the {N} that {X} {R} {Vd} {Ta} {N} through a {A} {N}.",
    "The {N} of {X} on {T} {N} remains {A}, and further {Ns} are {Vd}.",
    "{T_cap} {Ns} were {R} {Vd} with {A} {Ta} {N} and {A} {N}.",
    "Because {Ta} {T} {Vd} the {N}, the {A} {N} of {X} was {Vd} in each {N}.",
    "Several {A} {Ns} have {Vd} how {Ta} {Ns} {V} the {N} of {T}.",
    "The {A} {N} {Vd} by {X} was {A} across {num} {Ta} {Ns}.",
    "When {T} {N} was {Vd}, the {N} of {Ta} {T} {R} {Vd}.",
    "This {N} {V} a {A} {N} for {X} in {Ta} {T} {Ns}.",
    "Compared with {A} {Ta} {Ns}, {T} {Ns} {Vd} a {A} {N} in {N}.",
    "We therefore {Vd} whether {X} {V} the {A} {N} of {T} {Ns}.",
    "{A_cap} {Ns} of {Ta} {T} were {Vd} using {X} and a {A} {N}.",
    "The {N} between {T} and {Ta} {N} was {R} {A} in {num} of {num} {Ns}.",
    "Taken together, the {Ns} {V} that {Ta} {T} {V} {A} {N} in {T} {Ns}.",
    "Neither {A} {N} nor {Ta} {N} {Vd} the {N} of {X}.",
    "{X_cap} {R} {Vd} the {A} {N} of {T} {Ns} in our {N}.",
    "The {Ta} {N} of each {T} was {Vd} twice by {num} independent {Ns}.",
    "Future {Ns} should {V} the {A} {N} of {Ta} {T} on {X}.",
]


def plural(word: str) -> str:
    if word.endswith(("s", "x", "sh", "ch")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def past(word: str) -> str:
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ied"
    return word + "ed"


def _groups(lines: list[str]) -> list[list[str]]:
    return [line.split() for line in lines]


NOUNS, VERBS, ADJS, ADVS = (_groups(g) for g in (NOUN_GROUPS, VERB_GROUPS, ADJECTIVE_GROUPS, ADVERB_GROUPS))
# word form -> the other members of its synonym group (with inflected forms)
SYNONYMS: dict[str, list[str]] = {}
for _group in NOUNS:
    for _form in (lambda w: w, plural):
        forms = [_form(w) for w in _group]
        for f in forms:
            SYNONYMS[f] = [g for g in forms if g != f]
for _group in VERBS:
    for _form in (lambda w: w, past):
        forms = [_form(w) for w in _group]
        for f in forms:
            SYNONYMS[f] = [g for g in forms if g != f]
for _group in ADJS + ADVS:
    for f in _group:
        SYNONYMS[f] = [g for g in _group if g != f]

_TORTURED: dict[str, list[str]] = {}
for _p in load_phrases():
    _TORTURED.setdefault(_p.expected.lower(), []).append(_p.tortured)


@dataclass
class Document:
    name: str
    kind: str  # source | suspicious | clean
    blocks: list[tuple[str, object]]  # ("title"|"authors"|"heading"|"para"|"refs", payload)
    text: str = ""
    sentence_spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, section) of body sentences
    marked_spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # marker -> span after rendering


@dataclass
class Case:
    """One planted passage: manuscript span, source document and span."""

    suspicious: str
    source: str
    start: int
    end: int
    source_start: int
    source_end: int
    obfuscation: str
    tortured_phrases: int = 0


class Generator:
    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)
        self.references = [self._reference(i) for i in range(400)]

    # -------------------------------------------------------------- text

    def _reference(self, i: int) -> str:
        r = self.rng
        authors = ", ".join(f"{r.choice('ABCDEFGHJKLMNPRSTW')}{''.join(r.choice('aeiourlnst') for _ in range(r.randint(3, 7)))} {r.choice('ABCDEFGHJKLMNPRSTW')}." for _ in range(r.randint(1, 4)))
        title = " ".join(r.choice(g) for g in r.sample(ADJS, 2)) + " " + " ".join(r.sample(TOPIC_NOUNS, 3))
        return f"{authors} ({r.randint(1985, 2024)}). {title.capitalize()}. J {r.choice(TOPIC_ADJECTIVES).capitalize()} Res {r.randint(1, 80)}:{r.randint(1, 900)}."

    def topic(self) -> dict[str, list[str]]:
        r = self.rng
        technical = r.random() < 0.5
        return {
            "T": r.sample(TOPIC_NOUNS, 12),
            "Ta": r.sample(TOPIC_ADJECTIVES, 8),
            "X": r.sample(TORTURABLE_TERMS, 6) if technical else [],
        }

    def sentence(self, topic: dict[str, list[str]]) -> str:
        r = self.rng
        template = r.choice(TEMPLATES)

        def fill(m: re.Match) -> str:
            key = m.group(1)
            cap = key.endswith("_cap")
            key = key[:-4] if cap else key
            if key == "N":
                w = r.choice(r.choice(NOUNS))
            elif key == "Ns":
                w = plural(r.choice(r.choice(NOUNS)))
            elif key == "V":
                w = r.choice(r.choice(VERBS))
            elif key == "Vd":
                w = past(r.choice(r.choice(VERBS)))
            elif key == "A":
                w = r.choice(r.choice(ADJS))
            elif key == "R":
                w = r.choice(r.choice(ADVS))
            elif key == "T":
                w = r.choice(topic["T"])
            elif key == "Ta":
                w = r.choice(topic["Ta"])
            elif key == "X":
                w = r.choice(topic["X"]) if topic["X"] and r.random() < 0.7 else r.choice(topic["T"])
            else:  # num
                w = str(r.randint(2, 480))
            return w[0].upper() + w[1:] if cap else w

        return re.sub(r"\{(\w+)\}", fill, template)

    def paragraph(self, topic, n_min=4, n_max=8) -> list[str]:
        return [self.sentence(topic) for _ in range(self.rng.randint(n_min, n_max))]

    def document(self, name: str, kind: str) -> tuple[Document, dict]:
        r = self.rng
        topic = self.topic()
        title = self.sentence(topic).rstrip(".")
        blocks: list[tuple[str, object]] = [("title", title), ("authors", "A. Author, B. Author"), ("heading", "Abstract"), ("para", self.paragraph(topic, 3, 5))]
        for heading, paragraphs in (("1. Introduction", 3), ("2. Methods", 3), ("3. Results", 4), ("4. Discussion", 3)):
            blocks.append(("heading", heading))
            for _ in range(paragraphs):
                para = self.paragraph(topic)
                if heading == "2. Methods" and r.random() < 0.6:  # a standard methods sentence, no heading to give it away
                    para.insert(r.randint(0, len(para)), r.choice(BOILERPLATE_SENTENCES[7:12]))
                blocks.append(("para", para))
        blocks += [
            ("heading", "Ethics statement"), ("para", [r.choice(BOILERPLATE_SENTENCES[:3])]),
            ("heading", "Data availability"), ("para", [r.choice(BOILERPLATE_SENTENCES[3:5])]),
            ("heading", "Conflicts of interest"), ("para", [r.choice(BOILERPLATE_SENTENCES[5:7])]),
            ("heading", "References"), ("refs", r.sample(self.references, r.randint(10, 25))),
        ]
        return Document(name, kind, blocks), topic


def render(doc: Document, width: int = 92) -> None:
    """Lay the blocks out as text; record sentence spans and marked paragraph spans.

    Lines are wrapped by turning spaces into newlines, so wrapping never moves an offset.
    """
    parts: list[str] = []
    pos = 0
    section = ""
    spans: list[tuple[int, int, str]] = []
    for kind, payload in doc.blocks:
        marker = None
        if kind == "para" and isinstance(payload, tuple):  # (marker, sentences)
            marker, payload = payload
        if kind in ("title", "authors", "heading"):
            text = str(payload)
            section = text if kind == "heading" else section
        elif kind == "refs":
            text = "\n".join(f"{i + 1}. {ref}" for i, ref in enumerate(payload))
        else:
            sentences = list(payload)
            offsets = []
            text = ""
            for s in sentences:
                if text:
                    text += " "
                offsets.append((pos + len(text), pos + len(text) + len(s)))
                text += s
            if section.split(". ")[-1] in ("Introduction", "Methods", "Results", "Discussion"):
                # Standard sentences are marked so that no planted case starts in one or spans one.
                spans += [(a, b, "boilerplate" if s in BOILERPLATE_SENTENCES else section) for (a, b), s in zip(offsets, sentences)]
            if marker:
                doc.marked_spans[marker] = (pos, pos + len(text))
            text = _wrap(text, width)
        parts.append(text + "\n\n")
        pos += len(text) + 2
    doc.text = "".join(parts)
    doc.sentence_spans = spans


def _wrap(text: str, width: int) -> str:
    chars = list(text)
    line_start = 0
    last_space = -1
    for i, c in enumerate(chars):
        if c == " ":
            last_space = i
        if i - line_start >= width and last_space > line_start:
            chars[last_space] = "\n"
            line_start = last_space + 1
    return "".join(chars)


# ------------------------------------------------------------------ obfuscation

def light_edits(sentences: list[str], rng: random.Random, rate: float = 1.0) -> list[str]:
    out = []
    for s in sentences:
        words = s.split()
        edited: list[str] = []
        for w in words:
            roll = rng.random()
            if roll < 0.06 * rate:
                continue  # dropped word
            if roll < 0.12 * rate:
                edited.append(rng.choice(FUNCTION_WORDS + TOPIC_NOUNS))  # inserted word
                edited.append(w)
            elif roll < 0.17 * rate:
                edited.append(rng.choice(TOPIC_NOUNS + TOPIC_ADJECTIVES))  # changed word
            else:
                edited.append(w)
        if len(edited) > 3 and rng.random() < 0.3 * rate:
            i = rng.randrange(len(edited) - 1)
            edited[i], edited[i + 1] = edited[i + 1], edited[i]
        out.append(" ".join(edited) if edited else s)
    return out


def reorder(sentences: list[str], rng: random.Random) -> list[str]:
    if len(sentences) < 2:
        return sentences
    order = list(range(len(sentences)))
    while order == sorted(order):
        rng.shuffle(order)
    return [sentences[i] for i in order]


def substitute_synonyms(sentences: list[str], rng: random.Random, p: float = 0.75) -> tuple[list[str], float]:
    """Swap words for synonyms; returns the sentences and the share of words changed."""
    out, changed, total = [], 0, 0
    for s in sentences:
        words = []
        for token in s.split(" "):
            core = token.rstrip(".,;:")
            tail = token[len(core):]
            total += 1
            options = SYNONYMS.get(core.lower())
            if options and rng.random() < p:
                new = rng.choice(options)
                new = new[0].upper() + new[1:] if core[:1].isupper() else new
                words.append(new + tail)
                changed += 1
            else:
                words.append(token)
        out.append(" ".join(words))
    return out, changed / max(total, 1)


def torture(sentences: list[str], rng: random.Random) -> tuple[list[str], int]:
    """Replace established terms by their tortured phrases (plus some synonyms)."""
    sentences, _ = substitute_synonyms(sentences, rng, p=0.2)
    count = 0
    out = []
    for s in sentences:
        for term in sorted(_TORTURED, key=len, reverse=True):
            pattern = re.compile(r"\b" + re.escape(term) + r"\b", re.IGNORECASE)
            if pattern.search(s):
                s, n = pattern.subn(lambda m: rng.choice(_TORTURED[term]), s)
                count += n
        out.append(s)
    return out, count
