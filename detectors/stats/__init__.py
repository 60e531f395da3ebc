"""Statistical-anomaly detector: recomputed p values (t, F, r, χ², z, Q, H),
decision errors, GRIM/GRIMMER/DEBIT checks of means, SDs and percentages,
reporting-convention problems and paper-level signals.

Modules: ``normalize`` (text with an offset map), ``numbers`` (printed
numbers and their rounding), ``extract`` (results in text), ``tables``
(results and means in tables), ``recompute`` (p values and consistency),
``context`` (cues, alpha, N), ``checks`` (one result's verdict), ``means`` and
``grim`` (GRIM family), ``conventions``, ``signals``, ``findings`` and
``detector`` (:class:`StatsDetector`).
"""

from detectors.stats.detector import StatsDetector

__all__ = ["StatsDetector"]
