"""Case files: ``case.json`` (the record), ``index.html`` (rendered from it),
``evidence/`` images and ``text.txt`` per manuscript; a ranked dashboard per run."""

from integrity.casefiles.case_json import SCHEMA_VERSION, case_to_dict, validate_case
from integrity.casefiles.writer import case_folder_name, write_case, write_dashboard

__all__ = ["SCHEMA_VERSION", "case_to_dict", "validate_case", "case_folder_name", "write_case", "write_dashboard"]
