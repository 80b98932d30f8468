"""Spreadsheet import of an event's participant list: one registration a row, all of them or none.

The import belongs to one event, so it is not among the command line's importers (`liaison import`), which import
records of the whole registry; it uses the same columns, checks and template (core.imports).
"""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.core import imports
from liaison.core.imports import Column, Lookup, identity, parse_bool
from liaison.core.models import Jurisdiction
from liaison.core.search import normalise
from liaison.partners.importers import _find_organisation, _organisation_lookups
from liaison.partners.models import Organisation

from .choices import Language, ParticipantRole, RegistrationStatus
from .models import Registration


def _by_name(choices) -> dict[str, str]:
    """Each choice by its code and by its label in every language."""
    names = {normalise(value): value for value, _label in choices.choices}
    for language in ("en", "zh-hant"):
        with translation.override(language):
            names.update({normalise(str(label)): value for value, label in choices.choices})
    return names


class ParticipantImporter(imports.Importer):
    """The participants of one event, one a row; the same person twice (in the file or already registered) is
    refused, and organisations are those of the registry the importing user may see."""

    name = "participants"
    model = Registration
    same_code_reason = gettext_lazy("same e-mail address")
    same_scope_reason = gettext_lazy("same organisation")
    columns = (
        Column("name_en", gettext_lazy("Name in English letters. Give the name in English or Chinese, or both."),
               required=True, example="Chan Tai-man", title=gettext_lazy("Name (English)")),
        Column("name_zh_hant", gettext_lazy("Name in Chinese characters."), required=True, example="陳大文",
               title=gettext_lazy("Name (Chinese)")),
        Column("organisation", gettext_lazy("Name or acronym of the organisation, as in the registry; blank if "
                                            "none."), example="ICAC", parse="parse_organisation",
               title=gettext_lazy("Organisation")),
        Column("jurisdiction", gettext_lazy("ISO 3166-1 code or name of the jurisdiction; blank if none."),
               example="HK", parse="parse_jurisdiction", title=gettext_lazy("Jurisdiction")),
        Column("position_en", gettext_lazy("Position in English (optional)."), example="Director",
               title=gettext_lazy("Position (English)")),
        Column("position_zh_hant", gettext_lazy("Position in Chinese (optional)."), example="處長",
               title=gettext_lazy("Position (Chinese)")),
        Column("role", gettext_lazy("The participant's role: its code or its English or Chinese name; blank means "
                                    "delegate."), example="delegate", parse="parse_role", codes=ParticipantRole,
               title=gettext_lazy("Role")),
        Column("email", gettext_lazy("E-mail address (optional); one registration per address."),
               example="tai-man.chan@example.org", title=gettext_lazy("E-mail")),
        Column("language", gettext_lazy("The language of the participant's e-mails, by its code or name; blank "
                                        "means English."), example="en", parse="parse_language", codes=Language,
               title=gettext_lazy("Language")),
        Column("diet", gettext_lazy("Dietary needs (optional)."), title=gettext_lazy("Dietary needs")),
        Column("access_needs", gettext_lazy("Access needs (optional)."), title=gettext_lazy("Access needs")),
        Column("visa_letter", gettext_lazy("yes or no (also true/false, 1/0, 是/否); blank means no."),
               example="no", parse="parse_visa_letter", title=gettext_lazy("Needs a visa letter")),
    )

    @classmethod
    def permissions(cls) -> list[str]:
        """A list of one event's participants is registered as a delegation is, by whoever may register
        participants; the registry-wide import right is not needed."""
        return ["events.add_registration"]

    def __init__(self, user, event):
        super().__init__(user)
        self.event = event
        self.organisations = _organisation_lookups(self.visible(Organisation))
        self.jurisdictions = Lookup(self.visible(Jurisdiction), lambda j: (j.code, j.alpha3, j.name_en,
                                                                           j.name_zh_hant))
        self.roles, self.languages = _by_name(ParticipantRole), _by_name(Language)
        registered = Registration.objects.filter(event=event).exclude(
            status__in=(RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED))
        self.emails = {email.lower() for email in registered.exclude(email="").values_list("email", flat=True)}
        self.names = {(name.casefold(), organisation) for name, organisation in
                      registered.exclude(name_en="").values_list("name_en", "organisation_id")}

    def parse_organisation(self, text: str) -> Organisation | None:
        return _find_organisation(self.organisations, text)

    def parse_jurisdiction(self, text: str) -> Jurisdiction | None:
        if not text:
            return None
        found = self.jurisdictions.matches(text)
        if len(found) != 1:
            raise ValidationError(_("Unknown jurisdiction “{value}”. Write its ISO code (e.g. HK or HKG) or its name "
                                    "as listed under Jurisdictions.").format(value=text))
        return found[0]

    def _choice(self, names: dict, text: str, default: str, choices) -> str:
        if not text:
            return default
        try:
            return names[normalise(text)]
        except KeyError:
            raise ValidationError(_("Unknown value “{value}”. Use one of: {codes}.").format(
                value=text, codes=", ".join(choices.values))) from None

    def parse_role(self, text: str) -> str:
        return self._choice(self.roles, text, ParticipantRole.DELEGATE, ParticipantRole)

    def parse_language(self, text: str) -> str:
        return self._choice(self.languages, text, Language.ENGLISH, Language)

    def parse_visa_letter(self, text: str) -> bool:
        return parse_bool(text, default=False)

    def finish(self, data: dict, row: imports.ImportRow) -> None:
        """The same person once per event: by e-mail address, or by name at the same organisation."""
        email = (data.get("email") or "").strip().lower()
        data["email"] = email
        organisation = data.get("organisation")
        name = ((data.get("name_en") or "").strip().casefold(), getattr(organisation, "pk", None))
        if email and email in self.emails:
            row.add_problem("email", _("This person is already registered for this event, or appears twice in the "
                                       "file."))
        elif name[0] and name in self.names:
            row.add_problem("name_en", _("This person is already registered for this event, or appears twice in "
                                         "the file."))
        if email:
            self.emails.add(email)
        if name[0]:
            self.names.add(name)

    def instances(self, data: dict) -> list:
        return [(imports.build(self.model, {**data, "event": self.event}), set())]

    def existing(self):
        return self.visible(Registration).filter(event=self.event)

    def row_identity(self, data: dict) -> imports.Identity:
        organisation = data.get("organisation")
        return identity((data.get("name_en"), data.get("name_zh_hant")), (data.get("email"),),
                        getattr(organisation, "pk", None))

    def record_identity(self, record) -> imports.Identity:
        return identity((record.name_en, record.name_zh_hant), (record.email,), record.organisation_id)
