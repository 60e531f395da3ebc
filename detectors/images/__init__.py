"""Duplicated-image detector: panels, transform-invariant hashes, keypoint
verification and cloned regions.

Modules: ``panels`` (split figures into photo-like panels), ``hashing``
(dihedral-equivariant pHash of panels and keypoint patches), ``search``
(multi-index Hamming search), ``verify`` (SIFT + RANSAC pair verification),
``copy_move`` (clones inside a panel), ``render`` (evidence pictures) and
``detector`` (the Detector).
"""

from detectors.images.detector import ImageDuplicationDetector
from detectors.images.panels import manuscript_panels, split_figure

__all__ = ["ImageDuplicationDetector", "manuscript_panels", "split_figure"]
