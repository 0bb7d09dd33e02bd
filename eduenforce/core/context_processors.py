from django.conf import settings

from eduenforce.core import nav


def site(request):
    user = getattr(request, "user", None)
    menu = nav.menu_for(user) if user is not None and user.is_authenticated else []
    return {
        "SITE_TITLE": settings.SITE_TITLE,
        "BUREAU_NAME": settings.BUREAU_NAME,
        "nav_menu": menu,
    }
