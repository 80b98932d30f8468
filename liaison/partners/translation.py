"""Content fields carried in English and Traditional Chinese."""

from modeltranslation.translator import TranslationOptions, register

from .models import Contact, Organisation, Position


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "acronym")


@register(Contact)
class ContactTranslation(TranslationOptions):
    fields = ("name", "honorific")


@register(Position)
class PositionTranslation(TranslationOptions):
    fields = ("title",)
