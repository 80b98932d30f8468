"""Content fields carried in English and Traditional Chinese."""

from modeltranslation.translator import TranslationOptions, register

from .models import Agreement, AgreementParty, FollowUpAction


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "summary", "signing_place", "occasion", "witness")


@register(AgreementParty)
class AgreementPartyTranslation(TranslationOptions):
    fields = ("signatory_title",)


@register(FollowUpAction)
class FollowUpActionTranslation(TranslationOptions):
    fields = ("title",)
