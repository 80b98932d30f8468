"""Pages of networks and memberships, their governance (bodies, terms, meetings), the network's charts, and the
member list export."""

import datetime

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.access import get_visible, permission_name, restrict, restricted_prefetch
from liaison.core.charts import ChartView
from liaison.core.exports import export_response
from liaison.core.parameters import parse_id
from liaison.core.views import (
    PAGE_OF_RECORDS,
    ModelViewMixin,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    RecordActionView,
)
from liaison.partners.models import Organisation

from . import charts, services, stats
from .choices import MembershipStatus as Status
from .filtersets import MembershipFilterSet, NetworkFilterSet, TermFilterSet
from .forms import BodyForm, BodyMeetingForm, MembershipForm, NetworkForm, StatusChangeForm, TermForm
from .models import Body, BodyMeeting, Membership, MembershipPeriod, Network, Term
from .tables import MemberExportTable, MembershipTable, NetworkTable, TermTable


def parse_day(text: str | None) -> tuple[datetime.date | None, str]:
    """(date, "") for YYYY-MM-DD, (None, a message in the user's language) otherwise, (None, "") for blank."""
    text = (text or "").strip()
    if not text:
        return None, ""
    try:
        return datetime.date.fromisoformat(text), ""
    except ValueError:
        return None, _("“{value}” is not a date: write it as YYYY-MM-DD, e.g. 2022-01-01.").format(value=text[:40])


def periods(user):
    """A membership's periods the user may see, in order (as `membership.periods.all()`)."""
    return restricted_prefetch("periods", MembershipPeriod.objects.order_by("start_date", "pk"), user)


def own_memberships(user):
    """Our own organisation's membership of each network, with its periods."""
    own = Membership.objects.filter(organisation__is_own=True).prefetch_related(periods(user))
    return restricted_prefetch("memberships", own, user, to_attr="own_memberships")


class NetworkViews:
    model = Network
    queryset = Network.objects.select_related("organisation", "secretariat")


class NetworkListView(NetworkViews, ObjectListView):
    table_class = NetworkTable
    filterset_class = NetworkFilterSet

    def get_queryset(self):
        today, user = timezone.localdate(), self.request.user
        members = restrict(Membership.objects.all(), user).filter(network=OuterRef("pk")).filter(Exists(
            MembershipPeriod.objects.filter(stats.covering(today), membership=OuterRef("pk"), status=Status.MEMBER)))
        # A count per network on the page (a correlated subquery), not a join of every period of every network.
        counted = members.order_by().values("network").annotate(count=Count("pk")).values("count")
        return super().get_queryset().annotate(members_now=Coalesce(Subquery(counted), 0)).prefetch_related(
            own_memberships(user))


class NetworkDetailView(NetworkViews, ObjectDetailView):
    queryset = Network.objects.select_related("organisation__jurisdiction", "founder", "secretariat")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, network = self.request.user, self.object
        today = timezone.localdate()
        on, on_error = parse_day(self.request.GET.get("on"))
        day = on or today
        on_day = stats.memberships_on(network, day, user)
        members = list(on_day.prefetch_related(periods(user)).order_by(
            "organisation__name_en", "organisation__name_zh_hant", "pk")[:PAGE_OF_RECORDS])
        for membership in members:
            membership.member_since = next(
                (p.start_date for p in membership.periods.all() if p.status == Status.MEMBER and p.covers(day)), None)
        observers = stats.memberships_on(network, day, user, Status.OBSERVER).prefetch_related(periods(user))
        applicants = stats.memberships_on(network, today, user, Status.APPLICANT).prefetch_related(periods(user))
        bodies = list(restrict(Body.objects.all(), user).filter(network=network).prefetch_related(
            restricted_prefetch("terms", Term.objects.select_related("holder", "holder_contact"), user),
            restricted_prefetch("meetings", BodyMeeting.objects.all(), user),
        ))
        query = f"?on={day.isoformat()}"
        growth_query = f"?until={on.isoformat()}" if on else ""
        context.update(
            today=today, on=on, on_error=on_error, day=day,
            counts_today=stats.counts_on(network, today, user),
            counts_on=stats.counts_on(network, on, user) if on else None,
            members=members, observers=list(observers), applicants=list(applicants),
            breakdown=stats.breakdown(on_day), member_total=on_day.count(),
            bodies=bodies,
            ours=self.our_participation(network, bodies),
            growth_url=reverse("networks:network_growth", args=[network.pk]) + growth_query,
            map_url=reverse("networks:network_map", args=[network.pk]) + query,
            members_list_url=reverse("networks:membership_list") + f"?network={network.pk}",
            export_url=reverse("networks:network_members_export", args=[network.pk]) + query,
            export_csv_url=reverse("networks:network_members_csv", args=[network.pk]) + query,
            can_add_membership=user.has_perm("networks.add_membership"),
        )
        return context

    def our_participation(self, network, bodies) -> dict:
        user = self.request.user
        own = restrict(Organisation.objects.filter(is_own=True), user).first()
        if own is None:
            return {"organisation": None}
        membership = restrict(Membership.objects.all(), user).filter(
            network=network, organisation=own).prefetch_related(periods(user)).first()
        roles = [term for body in bodies for term in body.terms.all() if term.holder_id == own.pk]
        return {"organisation": own, "membership": membership, "roles": roles,
                "secretariat": network.secretariat_id == own.pk}


class NetworkEditView(NetworkViews, ObjectEditView):
    form_class = NetworkForm
    create_service = services.create_network
    update_service = services.update_network


class NetworkDeleteView(NetworkViews, ObjectDeleteView):
    delete_service = services.delete_network


class NetworkHistoryView(NetworkViews, ObjectHistoryView):
    pass


class NetworkChartView(NetworkViews, ModelViewMixin, ChartView):
    """An SVG image of a network; the figure itself is built in `charts` so reports reuse it."""


class NetworkGrowthView(NetworkChartView):
    def svg(self) -> str:
        until, _error = parse_day(self.request.GET.get("until"))
        return charts.growth_svg(self.get_object(), self.request.user, until)


class NetworkMapView(NetworkChartView):
    def svg(self) -> str:
        on, _error = parse_day(self.request.GET.get("on"))
        return charts.map_svg(self.get_object(), self.request.user, on)


class NetworkMembersExportView(NetworkViews, ObjectDetailView):
    """The member list on a date, in the columns the membership import reads, through the lists' export: a CSV
    streams, a large XLSX is built by a background job."""

    file_format = "xlsx"

    def get(self, request, *args, **kwargs):
        self.build_table()
        return export_response(self, self.file_format)

    def build_table(self) -> None:
        self.network = network = self.get_object()
        on, _error = parse_day(self.request.GET.get("on"))
        self.day = on or timezone.localdate()
        user = self.request.user
        covering_day = restrict(MembershipPeriod.objects.all(), user).filter(
            stats.covering(self.day), membership=OuterRef("pk")).order_by("start_date", "pk")
        memberships = restrict(Membership.objects.all(), user).filter(network=network).annotate(
            period_status=Subquery(covering_day.values("status")[:1]),
            period_start=Subquery(covering_day.values("start_date")[:1]),
        ).filter(period_status__isnull=False).select_related(
            "network__organisation", "organisation__jurisdiction", "category",
        ).order_by("period_status", "organisation__name_en", "organisation__name_zh_hant", "pk")
        self.table = MemberExportTable(memberships)

    def export_basename(self) -> str:
        organisation = self.network.organisation
        return f"members-{organisation.acronym_en or organisation.name_en}-{self.day.isoformat()}"


class MembershipViews:
    model = Membership
    queryset = Membership.objects.select_related(
        "network__organisation", "organisation__jurisdiction__region", "category", "representative"
    )

    def base_queryset(self):
        return super().base_queryset().prefetch_related(periods(self.request.user))


class MembershipListView(MembershipViews, ObjectListView):
    table_class = MembershipTable
    filterset_class = MembershipFilterSet
    import_url_name = "networks:membership_import"


class MembershipDetailView(MembershipViews, ObjectDetailView):
    post_action = "change"  # a decision on the membership, from the form on its page
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        membership = self.object
        periods = membership.ordered_periods()
        context.update(periods=periods, current=membership.current_period(), status_form=self.status_form())
        return context

    def status_form(self):
        if not self.request.user.has_perm("networks.change_membership"):
            return None
        return StatusChangeForm(current=self.object.status,
                                initial={"start_date": timezone.localdate(), "version": self.object.version})


class MembershipStatusView(RecordActionView):
    """A decision on the membership (the form on its page): a new status from a date, with a reason."""

    model = Membership
    form_class = StatusChangeForm

    def get_form_kwargs(self):
        return {"current": self.object.status}

    def perform(self, form) -> str:
        data = form.cleaned_data
        services.change_status(self.request.user, self.object, data["status"], data["start_date"], data["reason"],
                               expected_version=data["version"])
        return _("“{membership}” is now “{status}” from {date}.").format(
            membership=self.object, status=Status(data["status"]).label, date=data["start_date"].isoformat())


class MembershipEditView(MembershipViews, ObjectEditView):
    form_class = MembershipForm
    create_service = services.create_membership
    update_service = services.update_membership

    def get_initial(self):
        initial = super().get_initial()
        for name in ("network", "organisation"):
            chosen = parse_id(self.request.GET.get(name))
            if chosen is not None:
                initial[name] = chosen
        initial.setdefault("start_date", timezone.localdate())
        return initial


class MembershipDeleteView(MembershipViews, ObjectDeleteView):
    delete_service = services.delete_membership


class MembershipHistoryView(MembershipViews, ObjectHistoryView):
    pass


# --- Governance: add, edit and delete pages; each record is shown on its network's page ----------------------------


class GovernanceEditView(ObjectEditView):
    """Add or edit a body, term or meeting; a new one takes its parent from `?<parent>=<pk>`.

    The parent passes the access chokepoint: a hidden or unknown one is a 404, never a blank form.
    """

    parent_param = ""
    parent_model = None

    def dispatch(self, request, *args, **kwargs):
        self.parent = None
        value = request.GET.get(self.parent_param)
        if "pk" not in kwargs and value is not None and request.user.has_perm(permission_name(self.model, "add")):
            chosen = parse_id(value)
            if chosen is None:
                raise Http404
            self.parent = get_visible(self.parent_model.objects.all(), request.user, "view", pk=chosen)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        if self.parent is not None:
            initial[self.parent_param] = self.parent.pk
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs[self.parent_param] = self.parent
        return kwargs

    def network_of(self, obj):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        source = self.object or self.parent
        context["cancel_url"] = (self.network_of(source).get_absolute_url() if source is not None
                                 else reverse("networks:network_list"))
        return context


class GovernanceDeleteView(ObjectDeleteView):
    """Confirm, then delete through the service; back to the network page."""

    def success_url(self) -> str:
        return self.back_url()


class BodyViews:
    model = Body
    queryset = Body.objects.select_related("network__organisation")


class BodyEditView(BodyViews, GovernanceEditView):
    form_class = BodyForm
    create_service = services.create_body
    update_service = services.update_body
    parent_param, parent_model = "network", Network

    def network_of(self, obj):
        return obj if isinstance(obj, Network) else obj.network


class BodyDeleteView(BodyViews, GovernanceDeleteView):
    delete_service = services.delete_body


class TermViews:
    model = Term
    queryset = Term.objects.select_related("body__network__organisation", "holder")


class BodyChildEditView(GovernanceEditView):
    parent_param, parent_model = "body", Body

    def network_of(self, obj):
        return obj.network if isinstance(obj, Body) else obj.body.network


class TermListView(TermViews, ObjectListView):
    # By the body's id, not the body's own order (a join): the first page is read from the index term_body_start.
    queryset = TermViews.queryset.order_by("body_id", "-start_date", "pk")
    table_class = TermTable
    filterset_class = TermFilterSet
    export_formats = ()


class TermEditView(TermViews, BodyChildEditView):
    form_class = TermForm
    create_service = services.create_term
    update_service = services.update_term


class TermDeleteView(TermViews, GovernanceDeleteView):
    delete_service = services.delete_term


class BodyMeetingViews:
    model = BodyMeeting
    queryset = BodyMeeting.objects.select_related("body__network__organisation")


class BodyMeetingEditView(BodyMeetingViews, BodyChildEditView):
    form_class = BodyMeetingForm
    create_service = services.create_meeting
    update_service = services.update_meeting


class BodyMeetingDeleteView(BodyMeetingViews, GovernanceDeleteView):
    delete_service = services.delete_meeting
