"""Text overlap: passages shared with earlier manuscripts, and tortured phrases.

Modules: ``normalize`` (words with offsets), ``fingerprint`` (winnowed
k-grams for the corpus index), ``align`` (seed-and-extend passage pairs),
``exclusions`` (quotations, references, boilerplate, earlier versions),
``compare`` (one manuscript against its candidates), ``tortured`` (the
curated phrase list), ``report`` (evidence blocks), ``detector``.
"""

from detectors.text_overlap.detector import TextOverlapDetector

__all__ = ["TextOverlapDetector"]
