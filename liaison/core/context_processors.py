"""Template context every page needs."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import areas


def navigation(request):
    """The languages, and the menu the apps declare (worked out only on pages that show it)."""
    return {
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        "menu": SimpleLazyObject(lambda: areas.menu_for(request.user)),
    }
