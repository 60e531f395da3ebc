"""The one interface every detector follows (scikit-learn style).

Parameters are plain keyword arguments of ``__init__`` with documented
defaults; ``get_params`` reads them back from the signature, so the CLI can
list them and the case can record the values used.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from typing import Any, ClassVar

from integrity.models import DetectorResult, Manuscript


class Detector(ABC):
    """Base class. Subclasses set ``name`` and ``family`` and implement ``detect``.

    ``family`` groups detectors for reviewers: metadata, stats, text, images.
    ``uses_figures`` / ``uses_text`` let the pipeline skip a detector whose
    input is missing (an image-only PDF has no text layer) with a reason.
    """

    name: ClassVar[str] = ""
    family: ClassVar[str] = ""
    description: ClassVar[str] = ""
    uses_text: ClassVar[bool] = True
    uses_figures: ClassVar[bool] = False

    @classmethod
    def param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return [
            p.name
            for p in sig.parameters.values()
            if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]

    @classmethod
    def default_params(cls) -> dict[str, Any]:
        sig = inspect.signature(cls.__init__)
        return {name: sig.parameters[name].default for name in cls.param_names()}

    def get_params(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.param_names()}

    @abstractmethod
    def detect(self, manuscript: Manuscript, corpus: Any = None) -> DetectorResult:
        """Examine one manuscript; return findings (and optional case-level data).

        ``corpus`` is a read-only view of the corpus index for cross-paper
        checks, or None when screening a paper on its own.
        """

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"
