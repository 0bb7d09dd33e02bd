"""``eduenforce import-institutions FILE.xlsx [--dry-run]``: import the institution register.

Exit status 1 with one ``第<row>行 <column>: <reason>`` line per problem if any row is invalid
(nothing written); otherwise prints the numbers created, updated and unchanged.
"""

from eduenforce.registry.importing import import_institutions
from eduenforce.registry.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    help = "从 Excel 导入监管对象名录（按统一社会信用代码新增或更新）"
    importer = staticmethod(import_institutions)
