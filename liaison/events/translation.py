"""Content fields carried in English and Traditional Chinese."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, EventSeries, MeetingRequest, Registration, Session


@register(EventSeries)
class EventSeriesTranslation(TranslationOptions):
    fields = ("name",)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "theme", "description", "venue", "city")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "room")


@register(Registration)
class RegistrationTranslation(TranslationOptions):
    fields = ("name", "position")


@register(MeetingRequest)
class MeetingRequestTranslation(TranslationOptions):
    fields = ("topic",)
