from django.core.management.base import BaseCommand
from django.utils import timezone

from eduenforce.records.evidence import record_check, verify_file
from eduenforce.records.journal import append
from eduenforce.records.models import EvidenceFile


class Command(BaseCommand):
    help = "Re-hash every stored evidence file (SHA-256 and SM3) and report mismatches (exit 1 if any)."

    def handle(self, *args, **options):
        checked, problems = 0, []
        for evidence in EvidenceFile.objects.order_by("id").iterator(chunk_size=500):
            check = verify_file(evidence)
            checked += 1
            # A mismatch is written at once (custody + journal); a pass only refreshes the date.
            if not check.ok or not evidence.integrity_ok:
                record_check(check)
            else:
                EvidenceFile.objects.filter(pk=evidence.pk).update(last_verified_at=timezone.now())
            if not check.ok:
                problems.append(check)
                self.stderr.write(f"MISMATCH {evidence.uid} {evidence.original_name}: {check.problem}")
        append(
            actor=None,
            action="evidence.verified_all",
            changes={"checked": checked, "mismatches": [str(c.evidence.uid) for c in problems]},
        )
        if problems:
            self.stderr.write(
                f"{len(problems)} of {checked} evidence files do not match their recorded hashes"
            )
            raise SystemExit(1)
        self.stdout.write(f"OK {checked} evidence files")
