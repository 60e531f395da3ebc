"""Text normalisation: words with their character offsets in the original text.

Every comparison runs on normalised word forms (NFKC so ligatures such as
"ﬁ" become "fi", case-folded, accents dropped, light inflectional stemming),
while each token keeps the offsets of its characters in the untouched text,
so a match can always be shown where it stands on the page. Words split by a
hyphen at a line end ("meth-\\nods") or a soft hyphen are joined again.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

_WORD_RE = re.compile(r"[^\W_]+")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each either few for from further had has have
    having he her here hers herself him himself his how however i if in into is it its itself just let may me
    might more most must my myself neither no nor not now of off on once only or other ought our ours ourselves
    out over own per same shall she should since so some such than that the their theirs them themselves then
    there thereby therefore these they this those though through thus to too under until up upon us very via
    was we were what when where whereas whether which while who whom whose why will with within without would
    yet you your yours yourself yourselves s t et al""".split()
)


@dataclass
class Tokens:
    """A text as normalised words.

    ``words[i]`` is the normalised form of the i-th word, which occupies
    ``text[starts[i]:ends[i]]``. ``content`` holds the indices of the words
    that carry meaning (not stopwords, numbers or single letters); fingerprints and
    alignment seeds are built on those. ``sentences[i]`` numbers the sentence
    of word i (increasing through the text); ``hashes[i]`` is the stable
    64-bit hash of ``words[i]`` (see :func:`word_hash`).
    """

    words: list[str]
    starts: np.ndarray
    ends: np.ndarray
    content: np.ndarray
    sentences: np.ndarray
    hashes: np.ndarray

    def __len__(self) -> int:
        return len(self.words)

    def content_words(self) -> list[str]:
        return [self.words[i] for i in self.content]

    @property
    def content_hashes(self) -> np.ndarray:
        return self.hashes[self.content]

    def index_at(self, char_offset: int) -> int:
        """Index of the first word ending after ``char_offset``."""
        return int(np.searchsorted(self.ends, char_offset, side="right"))


@lru_cache(maxsize=200_000)
def normalize_word(raw: str) -> str:
    """Case-, accent-, ligature- and inflection-insensitive form of one word."""
    word = unicodedata.normalize("NFKC", raw).casefold()
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return stem(word)


def stem(word: str) -> str:
    """A light inflectional stemmer: plural, -ing, -ed, -ies; nothing derivational.

    Enough to match "learning"/"learned"/"learns" and "forests"/"forest";
    deliberately conservative so that different words rarely collapse.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ys")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if not any(v in base for v in "aeiouy"):
                return word
            if base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # running -> run, stopped -> stop
            return base
    if word.endswith("e"):
        return word[:-1]  # so that "estimate", "estimated", "estimating" agree
    return word


# Stopwords as they look after stemming ("were" -> "wer").
STOP_STEMS = frozenset(STOPWORDS | {stem(w) for w in STOPWORDS})


def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Normalised words of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    spans = [m.span() for m in _WORD_RE.finditer(text, start, end)]
    breaks = {m.start() for m in _BROKEN_WORD_RE.finditer(text, start, end)}
    if breaks:
        spans = _join_broken_words(spans, breaks)
    cache = _WORD_CACHE
    words = []
    hashes = []
    for s, e in spans:
        raw = text[s:e]
        if breaks and not raw.isalnum():  # a joined broken word: drop the hyphen and line end
            raw = "".join(_WORD_RE.findall(raw))
        entry = cache.get(raw)
        if entry is None:
            word = normalize_word(raw)
            entry = (word, word_hash(word))
            if len(cache) < 500_000:  # bounded: a hostile text cannot grow it without end
                cache[raw] = entry
        words.append(entry[0])
        hashes.append(entry[1])
    # Numbers are left out of the content words: "p < 0.05" or "95% CI" would
    # otherwise seed matches between any two papers that report statistics.
    content = [i for i, w in enumerate(words) if len(w) > 1 and w not in STOP_STEMS and not w.isdigit()]
    offsets = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    starts = offsets[:, 0].copy()
    sentence_ends = np.array([m.end() for m in SENTENCE_END_RE.finditer(text, start, end)], dtype=np.int64)
    sentences = np.searchsorted(sentence_ends, starts, "right")
    return Tokens(words, starts, offsets[:, 1].copy(), np.asarray(content, dtype=np.int64), sentences,
                  np.array(hashes, dtype=np.uint64))


def word_hash(word: str) -> int:
    """A stable 64-bit hash of a normalised word (the same in every process and run)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


# The end of a sentence: closing punctuation before a capital, or a blank line.
SENTENCE_END_RE = re.compile(r"[.!?][\"”’)\]]*\s+(?=[A-Z“\"(])|\n[ \t\f]*\n")


_WORD_CACHE: dict[str, tuple[str, int]] = {}  # raw word -> (normalised word, its hash)
# A word broken across a line: hyphen at the line end and a lower-case
# continuation, or a soft hyphen anywhere. Matched at the end of the first piece.
_BROKEN_WORD_RE = re.compile(r"(?<=[^\W_])(?:[-\u00ad\u2010\u2011][ \t]*\r?\n[ \t\f]*(?=[a-z\u00df-\u00ff])|\u00ad(?=[^\W_]))")


def _join_broken_words(spans: list[tuple[int, int]], breaks: set[int]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    for s, e in spans:
        if joined and joined[-1][1] in breaks:
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined


def tokenize_ranges(text: str, ranges: list[tuple[int, int]]) -> Tokens:
    """Tokens of several character ranges of ``text``, concatenated in order."""
    parts = [tokenize(text, a, b) for a, b in sorted(ranges) if b > a]
    if not parts:
        return tokenize("")
    words: list[str] = []
    content: list[np.ndarray] = []
    sentences: list[np.ndarray] = []
    sentence_offset = 0
    for part in parts:
        content.append(part.content + len(words))
        sentences.append(part.sentences + sentence_offset)
        sentence_offset += int(part.sentences.max()) + 1 if len(part.sentences) else 0
        words.extend(part.words)
    return Tokens(
        words,
        np.concatenate([p.starts for p in parts]),
        np.concatenate([p.ends for p in parts]),
        np.concatenate(content),
        np.concatenate(sentences),
        np.concatenate([p.hashes for p in parts]),
    )


def title_key(title: str) -> str | None:
    """A title reduced to its normalised content words, for spotting versions of
    one paper; None when too short to identify a paper ("Abstract", "Untitled")."""
    tokens = tokenize(title or "")
    words = tokens.content_words()
    return " ".join(words) if len(words) >= 3 else None
