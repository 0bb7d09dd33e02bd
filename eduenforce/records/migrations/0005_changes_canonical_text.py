# The encoder only changes how Python writes the column, not the column: state only, so SQLite does not
# rebuild the table (a rebuild would drop the append-only triggers).

import eduenforce.records.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0004_evidence_files"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="journalentry",
                    name="changes",
                    field=models.JSONField(
                        default=dict,
                        encoder=eduenforce.records.models.CanonicalJSONEncoder,
                        verbose_name="变更内容",
                    ),
                ),
            ]
        )
    ]
