"""A completed draw as rows for the staff and public pages: institution, team, task."""

from dataclasses import dataclass


@dataclass
class Member:
    name: str
    certificate_number: str
    department: str


@dataclass
class Row:
    position: int
    stratum: str
    institution: object
    members: list[Member]
    task: object


def draw_rows(draw) -> list[Row]:
    from eduenforce.officers.models import Certificate

    assignments = list(draw.assignments.select_related("institution__street", "task").order_by("position"))
    numbers = {c for a in assignments for c in a.certificates}
    certificates = {
        c.number: c
        for c in Certificate.objects.filter(number__in=numbers).select_related("officer__department")
    }

    def member(number: str) -> Member:
        c = certificates.get(number)
        if c is None:
            return Member("", number, "")
        return Member(c.officer.name, number, c.officer.department.name)

    return [
        Row(a.position, a.stratum_label, a.institution, [member(n) for n in a.certificates], a.task)
        for a in assignments
    ]
