"""Text normalisation that remembers where every character came from.

PDF extraction and typesetting write the same statistic in many ways
(unicode minus, full-width operators, ligatures, line breaks, hyphenation,
superscripts, Lancet's mid-dot decimal point).  The extractors match on one
plain form; :class:`NormalizedText` keeps a map back to the original text so
that every match can be reported with offsets into ``manuscript.text``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# Single characters replaced by a plain equivalent (same or different length).
_CHAR_MAP = {
    "\u2212": "-",  # minus sign
    "\u2013": "-",  # en dash (PDFs often use it as a minus)
    "\u2012": "-",  # figure dash
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\ufe63": "-",  # small hyphen-minus
    "\uff0d": "-",  # full-width hyphen-minus
    "\u207b": "-",  # superscript minus
    "\u208b": "-",  # subscript minus
    "\uff1c": "<",
    "\uff1e": ">",
    "\uff1d": "=",
    "\u2a7d": "\u2264",  # slanted <= -> <=
    "\u2a7e": "\u2265",
    "\u2266": "\u2264",
    "\u2267": "\u2265",
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\u00b2": "2",
    "\u00b3": "3",
    "\u00b9": "1",
    "\u2032": "'",
    "\u2019": "'",
    "\u03a7": "\u03c7",  # capital chi -> chi
}
for _i, _c in enumerate("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"):
    _CHAR_MAP[_c] = str(_i)
for _i, _c in enumerate("\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089"):
    _CHAR_MAP[_c] = str(_i)

_DROP = "\u00ad\u200b\u200c\u200d\ufeff"  # soft hyphen, zero-width characters
_SPACES = " \t\r\n\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

# One pass finds everything that changes: hyphenation at a line end (letters on
# both sides), runs of whitespace, the mid-dot decimal point, dropped and mapped
# characters.
_CHANGE_RE = re.compile(
    r"(?P<hyph>(?<=[A-Za-z])-[ \t]*\r?\n[ \t]*(?=[a-z]))"
    r"|(?P<space>(?:(?! )[" + re.escape(_SPACES) + r"]|  )[" + re.escape(_SPACES) + r"]*)"  # a lone " " needs no change
    r"|(?P<middot>(?<=[\d=<> (\-\u2212\u2013])[\u00b7\u2219\u22c5](?=\d))"
    r"|(?P<drop>[" + _DROP + r"]+)"
    r"|(?P<map>[" + re.escape("".join(_CHAR_MAP)) + r"])"
)


@dataclass
class NormalizedText:
    """``text`` (normalised) plus a map from its offsets to the original's."""

    text: str
    original: str
    # Segments (norm_start, norm_end, orig_start, orig_end, identity) sorted by norm_start.
    _segments: list[tuple[int, int, int, int, bool]] = field(default_factory=list, repr=False)
    _seg_starts: list[int] = field(default_factory=list, repr=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` for a normalised ``[start, end)``."""
        return self._map_start(start), self._map_end(end)

    def _segment(self, index: int) -> tuple[int, int, int, int, bool]:
        i = max(bisect.bisect_right(self._seg_starts, index) - 1, 0)
        return self._segments[i]

    def _map_start(self, index: int) -> int:
        if not self._segments or index >= len(self.text):
            return len(self.original)
        n0, n1, o0, o1, identity = self._segment(index)
        return o0 + (index - n0) if identity else o0

    def _map_end(self, index: int) -> int:
        if index <= 0 or not self._segments:
            return 0
        n0, n1, o0, o1, identity = self._segment(index - 1)
        return o0 + (index - n0) if identity else o1


def normalize(original: str) -> NormalizedText:
    """Normalise ``original`` for matching; see the module docstring."""
    parts: list[str] = []
    segments: list[tuple[int, int, int, int, bool]] = []
    n_pos = 0
    o_pos = 0

    def add(text: str, o_start: int, o_end: int, identity: bool) -> None:
        nonlocal n_pos
        if not text:
            return
        parts.append(text)
        segments.append((n_pos, n_pos + len(text), o_start, o_end, identity))
        n_pos += len(text)

    for m in _CHANGE_RE.finditer(original):
        if m.start() > o_pos:
            add(original[o_pos : m.start()], o_pos, m.start(), True)
        kind = m.lastgroup
        if kind == "space":
            add(" ", m.start(), m.end(), m.end() - m.start() == 1)
        elif kind == "middot":
            add(".", m.start(), m.end(), True)
        elif kind == "map":
            replacement = _CHAR_MAP[m.group()]
            add(replacement, m.start(), m.end(), len(replacement) == 1)
        # hyph and drop add nothing
        o_pos = m.end()
    if o_pos < len(original):
        add(original[o_pos:], o_pos, len(original), True)
    norm = NormalizedText("".join(parts), original, segments, [s[0] for s in segments])
    return norm
