"""The review workbench: queue, evidence, decisions, suppressions and an audit trail.

Importing this package does not import the web framework; the pipeline hooks
are plain functions over a SQLAlchemy engine:

- :func:`import_case_folder` — bring a written case folder into the store;
- :func:`apply_suppressions` — hide findings dismissed as false positives;
- :func:`verify_audit_chain` — check the hash chain of the audit trail;
- :func:`finding_key` / :func:`content_key` — stable finding identities.

``integrity.review.app.create_app`` builds the web application.
"""

from integrity.review.audit import verify_audit_chain
from integrity.review.importer import import_case_folder, import_cases
from integrity.review.keys import content_key, finding_key
from integrity.review.store import review_engine
from integrity.review.suppressions import apply_suppressions

__all__ = ["apply_suppressions", "content_key", "finding_key", "import_case_folder", "import_cases", "review_engine", "verify_audit_chain"]
