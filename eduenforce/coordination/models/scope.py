"""Department scope: what a liaison officer of a partner department may see."""

from eduenforce.core.roles import Role


def liaison_department_id(user):
    """The department a liaison officer is confined to; None for bureau staff.

    A liaison account without a department sees nothing (``-1`` matches no row).
    """
    if getattr(user, "role", "") != Role.LIAISON:
        return None
    return user.department_id or -1
