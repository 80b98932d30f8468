"""Template context every page needs."""

from django.conf import settings


def navigation(request):
    return {"LANGUAGE_CHOICES": settings.LANGUAGES}
