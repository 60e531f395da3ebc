"""Find detectors through the ``integrity.detectors`` entry-point group.

Another installed package adds a detector by declaring, in its own
pyproject.toml::

    [project.entry-points."integrity.detectors"]
    my_check = "my_package.module:MyDetector"
"""

from __future__ import annotations

from importlib.metadata import entry_points

from detectors.base import Detector
from integrity.config import Settings

ENTRY_POINT_GROUP = "integrity.detectors"


def detector_classes() -> dict[str, type[Detector]]:
    """Registered detector classes by name, in name order."""
    found: dict[str, type[Detector]] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        cls = ep.load()
        if not (isinstance(cls, type) and issubclass(cls, Detector)):
            raise TypeError(f"entry point {ep.name!r} -> {ep.value} is not a Detector subclass")
        found[cls.name or ep.name] = cls
    return dict(sorted(found.items()))


def build_detectors(settings: Settings) -> list[Detector]:
    """Instantiate the enabled detectors with the parameters from the settings."""
    classes = detector_classes()
    names = settings.enabled_detectors if settings.enabled_detectors is not None else list(classes)
    unknown = [n for n in names if n not in classes] + [n for n in settings.detector_params if n not in classes]
    if unknown:
        raise ValueError(f"unknown detector(s) {sorted(set(unknown))}; registered: {sorted(classes)}")
    detectors = []
    for name in names:
        cls = classes[name]
        params = settings.detector_params.get(name, {})
        bad = set(params) - set(cls.param_names())
        if bad:
            raise ValueError(f"detector {name!r} has no parameter(s) {sorted(bad)}; it takes {cls.param_names()}")
        detectors.append(cls(**params))
    return detectors
