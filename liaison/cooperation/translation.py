"""Content fields carried in English and Traditional Chinese."""

from modeltranslation.translator import TranslationOptions, register

from .models import AssistanceRequest, Compartment


@register(Compartment)
class CompartmentTranslation(TranslationOptions):
    fields = ("name", "description")


@register(AssistanceRequest)
class AssistanceRequestTranslation(TranslationOptions):
    fields = ("subject", "summary")
