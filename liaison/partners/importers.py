"""Spreadsheet import of organisations and contacts (the columns are documented in docs/import.md)."""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.core import imports
from liaison.core.imports import Column, ImportView, Lookup, identity, parse_bool
from liaison.core.models import Jurisdiction, Tag
from liaison.core.search import normalise

from .choices import OrganisationKind
from .models import Contact, Organisation, Position

TAG_SEPARATORS = str.maketrans({"，": ",", "、": ","})


def _organisation_lookups(records) -> tuple[Lookup, Lookup]:
    """Organisations by full name, and by acronym (a name wins: acronyms such as ACC are shared)."""
    records = list(records)
    by_name = Lookup(records, lambda o: (o.name_en, o.name_zh_hant))
    by_acronym = Lookup(records, lambda o: (o.acronym_en, o.acronym_zh_hant))
    return by_name, by_acronym


def _find_organisation(lookups: tuple[Lookup, Lookup], text: str) -> Organisation | None:
    """The one organisation a cell names, or a clear refusal."""
    if not text:
        return None
    for lookup in lookups:
        found = lookup.matches(text)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ValidationError(
                _("Several organisations are called “{value}”; write the full name.").format(value=text)
            )
    raise ValidationError(
        _("No organisation is called “{value}”. Write the name or acronym of an organisation already in "
          "Liaison (import new ones first).").format(value=text)
    )


KIND_HELP = gettext_lazy("The kind of organisation: its code or its English or Chinese name.")


@imports.register
class OrganisationImporter(imports.Importer):
    """Organisations, one a row."""

    name = "organisations"
    model = Organisation
    same_code_reason = gettext_lazy("same acronym")
    same_scope_reason = gettext_lazy("same jurisdiction")
    columns = (
        Column("name_en", gettext_lazy("Name in English. Give the name in English or Chinese, or both."),
               required=True, example="Independent Commission Against Corruption"),
        Column("name_zh_hant", gettext_lazy("Name in Chinese."), required=True, example="廉政公署"),
        Column("acronym_en", gettext_lazy("Acronym in English (optional)."), example="ICAC"),
        Column("acronym_zh_hant", gettext_lazy("Acronym in Chinese (optional)."), example="廉署"),
        Column("kind", KIND_HELP, required=True, example="aca", parse="parse_kind", codes=OrganisationKind),
        Column("jurisdiction", gettext_lazy("ISO 3166-1 code (alpha-2 or alpha-3) or the English or Chinese name "
                                            "of the jurisdiction, as listed under Jurisdictions; blank if none."),
               example="HK", parse="parse_jurisdiction"),
        Column("parent", gettext_lazy("Name or acronym of the organisation this one belongs to; it must already "
                                      "be in Liaison. Blank if none."), parse="parse_parent"),
        Column("website", gettext_lazy("Web address; https:// is added when missing."),
               example="https://www.icac.org.hk", parse="parse_website"),
        Column("is_active", gettext_lazy("yes or no (also true/false, 1/0, 是/否); blank means yes."),
               example="yes", parse="parse_active"),
        Column("tags", gettext_lazy("Tag slugs separated by commas; each tag must already exist."),
               example="belt-and-road, greater-bay-area", parse="parse_tags"),
        Column("notes", gettext_lazy("Free text (optional)."), example=""),
    )

    def __init__(self, user):
        super().__init__(user)
        self.organisations = list(self.visible(Organisation))
        self.parents = _organisation_lookups(self.organisations)
        self.jurisdictions = Lookup(self.visible(Jurisdiction),
                                    lambda j: (j.code, j.alpha3, j.name_en, j.name_zh_hant))
        self.tags = Lookup(self.visible(Tag), lambda t: (t.slug,))
        self.kinds = self._kind_names()

    @staticmethod
    def _kind_names() -> dict[str, str]:
        """Each kind by its code and by its name in every language."""
        names = {normalise(value): value for value in OrganisationKind.values}
        for language in ("en", "zh-hant"):
            with translation.override(language):
                names.update({normalise(str(label)): value for value, label in OrganisationKind.choices})
        return names

    def parse_kind(self, text: str) -> str:
        if not text:
            return ""
        try:
            return self.kinds[normalise(text)]
        except KeyError:
            raise ValidationError(_("Unknown kind “{value}”. Use one of: {codes}.").format(
                value=text, codes=", ".join(OrganisationKind.values))) from None

    def parse_jurisdiction(self, text: str) -> Jurisdiction | None:
        if not text:
            return None
        found = self.jurisdictions.matches(text)
        if len(found) != 1:
            raise ValidationError(
                _("Unknown jurisdiction “{value}”. Write its ISO code (e.g. HK or HKG) or its name as listed "
                  "under Jurisdictions.").format(value=text)
            )
        return found[0]

    def parse_parent(self, text: str) -> Organisation | None:
        return _find_organisation(self.parents, text)

    def parse_website(self, text: str) -> str:
        return f"https://{text}" if text and "://" not in text else text

    def parse_active(self, text: str) -> bool:
        return parse_bool(text, default=True)

    def parse_tags(self, text: str) -> list[Tag]:
        slugs = [slug.strip() for slug in text.translate(TAG_SEPARATORS).split(",") if slug.strip()]
        unknown = [slug for slug in slugs if len(self.tags.matches(slug)) != 1]
        if unknown:
            raise ValidationError(_("Unknown tags: {tags}. Use the slugs of existing tags.").format(
                tags=", ".join(unknown)))
        return list({tag.pk: tag for slug in slugs for tag in self.tags.matches(slug)}.values())

    def existing(self):
        return self.organisations

    def row_identity(self, data: dict) -> imports.Identity:
        jurisdiction = data.get("jurisdiction")
        return identity((data.get("name_en"), data.get("name_zh_hant")),
                        (data.get("acronym_en"), data.get("acronym_zh_hant")),
                        jurisdiction.pk if jurisdiction else None)

    def record_identity(self, record: Organisation) -> imports.Identity:
        return identity((record.name_en, record.name_zh_hant), (record.acronym_en, record.acronym_zh_hant),
                        record.jurisdiction_id)


CONTACT_FIELDS = ("name_en", "name_zh_hant", "honorific_en", "honorific_zh_hant", "emails", "phones", "languages",
                  "notes")
POSITION_FIELDS = ("organisation", "title_en", "title_zh_hant", "start_date")


@imports.register
class ContactImporter(imports.Importer):
    """Contacts, one a row, each with an optional current position at an existing organisation."""

    name = "contacts"
    model = Contact
    extra_permissions = ("partners.add_position",)
    same_code_reason = gettext_lazy("same e-mail")
    columns = (
        Column("name_en", gettext_lazy("Name in English. Give the name in English or Chinese, or both."),
               required=True, example="CHAN Tai-man"),
        Column("name_zh_hant", gettext_lazy("Name in Chinese."), required=True, example="陳大文"),
        Column("honorific_en", gettext_lazy("Honorific in English (optional)."), example="Mr"),
        Column("honorific_zh_hant", gettext_lazy("Honorific in Chinese (optional)."), example="先生"),
        Column("emails", gettext_lazy("E-mail addresses separated by ; or line breaks."),
               example="tm.chan@example.org; chan@example.net", parse="parse_list"),
        Column("phones", gettext_lazy("Phone numbers separated by ; or line breaks."),
               example="+852 2826 3111", parse="parse_list"),
        Column("languages", gettext_lazy("Languages separated by ; or line breaks."),
               example="English; Cantonese", parse="parse_list"),
        Column("notes", gettext_lazy("Free text (optional)."), example=""),
        Column("organisation", gettext_lazy("Name or acronym of the organisation where the contact holds a post; "
                                            "it must already be in Liaison. Blank if none."),
               example="ICAC", parse="parse_organisation"),
        Column("title_en", gettext_lazy("Title of the post in English (needs an organisation)."),
               example="Assistant Director"),
        Column("title_zh_hant", gettext_lazy("Title of the post in Chinese (needs an organisation)."),
               example="助理處長"),
        Column("start_date", gettext_lazy("Date the post began, as YYYY-MM-DD (needs an organisation)."),
               example="2024-03-01", parse="parse_date"),
    )

    def __init__(self, user):
        super().__init__(user)
        self.organisations = _organisation_lookups(self.visible(Organisation))

    def parse_organisation(self, text: str) -> Organisation | None:
        return _find_organisation(self.organisations, text)

    def finish(self, data: dict, row: imports.ImportRow) -> None:
        post_given = data.get("title_en") or data.get("title_zh_hant") or data.get("start_date")
        if post_given and not data.get("organisation") and not row.failed("organisation"):
            row.add_problem("organisation", _("Give the organisation where this post is held."))

    def instances(self, data: dict) -> list:
        checks = [(Contact(**{k: data[k] for k in CONTACT_FIELDS if k in data}), set())]
        if any(data.get(k) for k in POSITION_FIELDS):
            checks.append((Position(**{k: data[k] for k in POSITION_FIELDS if k in data}), {"contact"}))
        return checks

    def row_identity(self, data: dict) -> imports.Identity:
        return identity((data.get("name_en"), data.get("name_zh_hant")), data.get("emails") or ())

    def record_identity(self, record: Contact) -> imports.Identity:
        return identity((record.name_en, record.name_zh_hant), record.emails or ())


class OrganisationImportView(ImportView):
    importer_class = OrganisationImporter


class ContactImportView(ImportView):
    importer_class = ContactImporter
