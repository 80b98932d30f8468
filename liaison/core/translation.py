"""Content fields carried in English and Traditional Chinese."""

from modeltranslation.translator import TranslationOptions, register

from .models import Jurisdiction, Region, Tag


@register(Tag)
class TagTranslation(TranslationOptions):
    fields = ("name", "source")
    required_languages = {"en": ("name",)}


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Jurisdiction)
class JurisdictionTranslation(TranslationOptions):
    fields = ("name",)
