"""Background jobs (django-tasks). ``eduenforce run-deadlines`` runs the same sweep from cron."""

from django_tasks import task


@task()
def run_deadlines() -> dict:
    """Create the re-inspection task of every rectification order whose deadline has come."""
    from eduenforce.inspections.actions import sweep_deadlines

    result = sweep_deadlines()
    return {
        "created": [t.number for t in result.created],
        "blocked": [[o.number, message] for o, message in result.blocked],
    }
