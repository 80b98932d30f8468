"""Content fields carried in English and Traditional Chinese."""

from modeltranslation.translator import TranslationOptions, register

from .models import ReportYear


@register(ReportYear)
class ReportYearTranslation(TranslationOptions):
    fields = ("title", "strategies", "introduction")
