"""Spreadsheet import of a member list: applicants, members or observers from a date, through the services."""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.core import imports
from liaison.core.imports import Column, ImportView, Lookup, identity
from liaison.core.search import normalise
from liaison.partners.importers import _find_organisation, _organisation_lookups
from liaison.partners.models import Organisation

from . import services
from .choices import MembershipStatus as Status
from .models import Membership, MembershipCategory, MembershipPeriod, Network

STARTING = services.allowed_moves(None)
MEMBERSHIP_FIELDS = ("network", "organisation", "category", "capacity_en", "capacity_zh_hant", "notes")


@imports.register
class MembershipImporter(imports.Importer):
    """Memberships, one a row; the organisation must already be in Liaison."""

    name = "memberships"
    model = Membership
    extra_permissions = ("networks.add_membershipperiod",)
    same_scope_reason = gettext_lazy("same network")
    columns = (
        Column("network", gettext_lazy("Acronym or name of the network, as recorded under Networks."),
               required=True, example="IAACA", parse="parse_network", title=gettext_lazy("Network")),
        Column("organisation", gettext_lazy("Name or acronym of the member organisation; it must already be in "
                                            "Liaison (import new organisations first)."),
               required=True, example="Malaysian Anti-Corruption Commission", parse="parse_organisation",
               title=gettext_lazy("Organisation")),
        Column("jurisdiction", gettext_lazy("For reference only (the organisation's own jurisdiction is kept); "
                                            "may be left out."), example="MY", parse="parse_ignored",
               title=gettext_lazy("Jurisdiction")),
        Column("status", gettext_lazy("The status: its code or its name; blank means applicant."),
               example="member", parse="parse_status", codes=Status, title=gettext_lazy("Status")),
        Column("start_date", gettext_lazy("The day the application was received or the status began, as "
                                          "YYYY-MM-DD."), required=True, example="2023-06-01", parse="parse_date",
               title=gettext_lazy("Start date")),
        Column("reason", gettext_lazy("Decision or reference (optional)."), example=""),
        Column("category", gettext_lazy("Membership category, for networks that have them (optional)."),
               parse="parse_category", title=gettext_lazy("Category")),
        Column("capacity_en", gettext_lazy("Capacity in English, e.g. representing Hong Kong, China (optional)."),
               example="", title=gettext_lazy("Capacity (English)")),
        Column("capacity_zh_hant", gettext_lazy("Capacity in Chinese (optional)."), example="",
               title=gettext_lazy("Capacity (Chinese)")),
        Column("notes", gettext_lazy("Free text (optional)."), example="", title=gettext_lazy("Notes")),
    )

    def __init__(self, user):
        super().__init__(user)
        networks = list(self.visible(Network).select_related("organisation"))
        self.networks = Lookup(networks, lambda n: (n.organisation.acronym_en, n.organisation.acronym_zh_hant,
                                                    n.organisation.name_en, n.organisation.name_zh_hant))
        self.organisations = _organisation_lookups(self.visible(Organisation))
        self.categories = list(self.visible(MembershipCategory))
        self.statuses = {normalise(value): value for value in STARTING}
        for language in ("en", "zh-hant"):
            with translation.override(language):
                self.statuses.update({normalise(str(Status(value).label)): value for value in STARTING})
        self.seen = {}

    def parse_network(self, text: str) -> Network | None:
        if not text:
            return None
        found = self.networks.matches(text)
        if len(found) != 1:
            raise ValidationError(_("No network is called “{value}”. Write the acronym or name of a network "
                                    "recorded under Networks.").format(value=text))
        return found[0]

    def parse_organisation(self, text: str) -> Organisation | None:
        return _find_organisation(self.organisations, text)

    def parse_ignored(self, text: str) -> str:
        return text

    def parse_status(self, text: str) -> str:
        if not text:
            return Status.APPLICANT
        try:
            return self.statuses[normalise(text)]
        except KeyError:
            raise ValidationError(_("A membership can be imported as: {codes}; not “{value}”.").format(
                codes=", ".join(STARTING), value=text)) from None

    def parse_category(self, text: str) -> MembershipCategory | None:
        if not text:
            return None
        found = [c for c in self.categories if normalise(text) in (normalise(c.name_en), normalise(c.name_zh_hant))]
        if not found:
            raise ValidationError(_("No membership category is called “{value}”.").format(value=text))
        return found[0]

    def finish(self, data: dict, row: imports.ImportRow) -> None:
        network, organisation = data.get("network"), data.get("organisation")
        if network and organisation:
            earlier = self.seen.setdefault((network.pk, organisation.pk), row.number)
            if earlier != row.number:
                row.add_problem("organisation", _("Row {row} already lists this organisation for this network.")
                                .format(row=earlier))
        category = data.get("category")
        if category and network and category.network_id != network.pk:
            row.add_problem("category", _("Choose a category of this network."))

    def instances(self, data: dict) -> list:
        membership = Membership(**{k: data[k] for k in MEMBERSHIP_FIELDS if k in data})
        period = MembershipPeriod(status=data.get("status") or Status.APPLICANT, start_date=data.get("start_date"),
                                  reason=data.get("reason", ""))
        return [(membership, set()), (period, {"membership"})]

    def related(self, record: Membership) -> Organisation:
        return record.organisation

    def existing(self):
        return self.visible(Membership).select_related("organisation", "network")

    def row_identity(self, data: dict) -> imports.Identity:
        organisation, network = data.get("organisation"), data.get("network")
        names = (organisation.name_en, organisation.name_zh_hant) if organisation else ()
        return identity(names, (), network.pk if network else None)

    def record_identity(self, record: Membership) -> imports.Identity:
        return identity((record.organisation.name_en, record.organisation.name_zh_hant), (), record.network_id)

    def column_for_field(self, name: str) -> str | None:
        if name in ("network", "organisation", "__all__"):
            return "organisation" if name != "network" else "network"
        return super().column_for_field(name)


class MembershipImportView(ImportView):
    importer_class = MembershipImporter
