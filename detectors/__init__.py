"""The detector library: one module or subpackage per family.

Every detector follows :class:`detectors.base.Detector`. Detectors are pure:
they take a Manuscript (and, for cross-paper checks, a read-only corpus view)
and return findings. They never import Prefect, write files or read globals.
"""

from detectors.base import Detector

__all__ = ["Detector"]
