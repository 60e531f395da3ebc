"""Prefect flows: wiring of ingest -> detectors -> case files.

Deployment entrypoints: ``flows/check_paper.py:check_paper`` and
``flows/screen_batch.py:screen_batch``.
"""

from integrity.prefect_setup import configure_prefect

configure_prefect()  # before any flow module imports Prefect
