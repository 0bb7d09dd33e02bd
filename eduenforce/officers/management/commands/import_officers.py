"""``eduenforce import-officers FILE.xlsx [--dry-run]``: import officers and their certificates.

Exit status 1 with one ``第<row>行 <column>: <reason>`` line per problem if any row is invalid
(nothing written); otherwise prints the numbers created, updated and unchanged.
"""

from eduenforce.officers.importing import import_officers
from eduenforce.registry.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    help = "从 Excel 导入执法人员及行政执法证（按执法证号新增或更新）"
    importer = staticmethod(import_officers)
