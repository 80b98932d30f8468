"""Content fields carried in English and Traditional Chinese."""

from modeltranslation.translator import TranslationOptions, register

from .models import Body, BodyMeeting, Membership, MembershipCategory, Network, Term


@register(Network)
class NetworkTranslation(TranslationOptions):
    fields = ("purpose",)


@register(MembershipCategory)
class MembershipCategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Membership)
class MembershipTranslation(TranslationOptions):
    fields = ("capacity",)


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name",)


@register(Term)
class TermTranslation(TranslationOptions):
    fields = ("role_title",)


@register(BodyMeeting)
class BodyMeetingTranslation(TranslationOptions):
    fields = ("title", "place")
