"""Tables of the events area."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from liaison.core.tables import BilingualNameColumn, LiaisonTable, YesNoColumn, export_only

from .models import Event, MeetingRequest, Registration, Session


class EventTable(LiaisonTable):
    title = BilingualNameColumn("title", verbose_name=_("title"))
    title_en = export_only(_("Title (English)"))
    title_zh_hant = export_only(_("Title (Chinese)"))
    kind = tables.Column(verbose_name=_("kind"))
    our_role = tables.Column(verbose_name=_("our role"))
    start_date = tables.DateColumn(verbose_name=_("starts on"), format="Y-m-d")
    end_date = tables.DateColumn(verbose_name=_("ends on"), format="Y-m-d")
    city = tables.Column(verbose_name=_("city"), order_by=("city_en",))
    jurisdiction = tables.Column(verbose_name=_("jurisdiction"), order_by=("jurisdiction__name_en",))

    class Meta(LiaisonTable.Meta):
        model = Event
        fields = ("title", "title_en", "title_zh_hant", "kind", "our_role", "start_date", "end_date", "city",
                  "jurisdiction")

    def value_start_date(self, value):
        return value.isoformat()

    def value_end_date(self, value):
        return value.isoformat()


class SessionTable(LiaisonTable):
    title = BilingualNameColumn("title", verbose_name=_("title"))
    event = tables.Column(verbose_name=_("event"), linkify=True, order_by=("event__title_en",))
    start = tables.DateTimeColumn(verbose_name=_("starts at"), format="Y-m-d H:i")
    end = tables.DateTimeColumn(verbose_name=_("ends at"), format="H:i")
    room = tables.Column(verbose_name=_("room"))

    class Meta(LiaisonTable.Meta):
        model = Session
        fields = ("title", "event", "start", "end", "room")


class RegistrationTable(LiaisonTable):
    name = BilingualNameColumn("name", verbose_name=_("name"))
    name_en = export_only(_("Name (English)"))
    name_zh_hant = export_only(_("Name (Chinese)"))
    event = tables.Column(verbose_name=_("event"), linkify=True, order_by=("event__title_en",))
    organisation = tables.Column(verbose_name=_("organisation"), order_by=("organisation__name_en",))
    role = tables.Column(verbose_name=_("role"))
    status = tables.Column(verbose_name=_("status"))
    is_synthetic = tables.BooleanColumn(verbose_name=_("synthetic"))

    class Meta(LiaisonTable.Meta):
        model = Registration
        fields = ("name", "name_en", "name_zh_hant", "event", "organisation", "role", "status", "is_synthetic")


class MeetingRequestTable(LiaisonTable):
    id = tables.Column(verbose_name="#", linkify=True)
    event = tables.Column(verbose_name=_("event"), order_by=("event__title_en",))
    requester = tables.Column(verbose_name=_("requested by"), order_by=("requester__name_en",))
    counterpart = tables.Column(verbose_name=_("to meet"), order_by=("counterpart__name_en",), default="—")
    priority = tables.Column(verbose_name=_("priority"))
    status = tables.Column(verbose_name=_("status"))
    slot = tables.Column(verbose_name=_("slot"), default="—", order_by=("slot__date", "slot__start"))
    room = tables.Column(verbose_name=_("room"), default="—", order_by=("room__name",))

    class Meta(LiaisonTable.Meta):
        model = MeetingRequest
        fields = ("id", "event", "requester", "counterpart", "priority", "status", "slot", "room")


class ParticipantTable(LiaisonTable):
    """An event's participant list as staff download it: every detail, titled in the reader's language (the titles
    an import of a participant list also reads)."""

    name_en = tables.Column(verbose_name=_("Name (English)"))
    name_zh_hant = tables.Column(verbose_name=_("Name (Chinese)"))
    organisation = tables.Column(verbose_name=_("Organisation"))
    proposed_organisation = tables.Column(verbose_name=_("organisation (proposed)"))
    jurisdiction = tables.Column(verbose_name=_("Jurisdiction"))
    position_en = tables.Column(verbose_name=_("Position (English)"))
    position_zh_hant = tables.Column(verbose_name=_("Position (Chinese)"))
    role = tables.Column(verbose_name=_("Role"))
    status = tables.Column(verbose_name=_("Status"))
    email = tables.Column(verbose_name=_("E-mail"))
    language = tables.Column(verbose_name=_("Language"))
    diet = tables.Column(verbose_name=_("Dietary needs"))
    access_needs = tables.Column(verbose_name=_("Access needs"))
    visa_letter = YesNoColumn(verbose_name=_("Needs a visa letter"))

    class Meta(LiaisonTable.Meta):
        model = Registration
        fields = ("name_en", "name_zh_hant", "organisation", "proposed_organisation", "jurisdiction", "position_en",
                  "position_zh_hant", "role", "status", "email", "language", "diet", "access_needs", "visa_letter")
