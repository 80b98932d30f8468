"""Content fields carried in English and Traditional Chinese."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Delegation,
    JointProject,
    Milestone,
    Mission,
    MissionAction,
    ProgrammeItem,
    ProjectOutput,
    ProjectPartner,
    Visitor,
)


@register(Delegation)
class DelegationTranslation(TranslationOptions):
    fields = ("title", "visiting_organisation", "head", "purpose")


@register(ProgrammeItem)
class ProgrammeItemTranslation(TranslationOptions):
    fields = ("title", "place")


@register(Visitor)
class VisitorTranslation(TranslationOptions):
    fields = ("name", "position", "organisation")


@register(Mission)
class MissionTranslation(TranslationOptions):
    fields = ("title", "city", "event_name", "leader", "speeches", "outcomes")


@register(MissionAction)
class MissionActionTranslation(TranslationOptions):
    fields = ("title",)


@register(JointProject)
class JointProjectTranslation(TranslationOptions):
    fields = ("title", "description", "meetings")


@register(ProjectPartner)
class ProjectPartnerTranslation(TranslationOptions):
    fields = ("role",)


@register(Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title",)


@register(ProjectOutput)
class ProjectOutputTranslation(TranslationOptions):
    fields = ("title",)
