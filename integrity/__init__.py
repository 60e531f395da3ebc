"""Research-integrity screening: ingest manuscripts, run detectors, write case files."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("research-integrity")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"
