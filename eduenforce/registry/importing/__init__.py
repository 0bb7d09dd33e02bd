"""Excel imports of the registries: validate every row first, then write all in one transaction.

``import_institutions`` lives here; ``officers.importing.import_officers`` uses the same
machinery (``common``).
"""

from eduenforce.registry.importing.common import ImportRejected, ImportResult, RowError
from eduenforce.registry.importing.institutions import HEADERS as INSTITUTION_HEADERS
from eduenforce.registry.importing.institutions import import_institutions

__all__ = ["INSTITUTION_HEADERS", "ImportRejected", "ImportResult", "RowError", "import_institutions"]
