"""Pages of the partner registry."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import timeline
from liaison.core.access import restrict, restricted_prefetch
from liaison.core.models import Tag
from liaison.core.views import (
    PAGE_OF_RECORDS,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectMergeView,
    RecordActionView,
)

from . import services
from .filtersets import ContactFilterSet, OrganisationFilterSet
from .forms import ContactForm, OrganisationForm, PersonForm, PositionForm
from .models import Contact, Organisation, Position
from .tables import ContactTable, OrganisationTable


def current_positions(user):
    """The positions a contact holds today that the user may see, as `contact.current_positions`."""
    today = timezone.localdate()
    current = Position.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    return restricted_prefetch("positions", current.select_related("organisation"), user, to_attr="current_positions")


class OrganisationViews:
    model = Organisation
    queryset = Organisation.objects.select_related("jurisdiction")

    def base_queryset(self):
        return super().base_queryset().prefetch_related(
            restricted_prefetch("tags", Tag.objects.all(), self.request.user))


class OrganisationListView(OrganisationViews, ObjectListView):
    table_class = OrganisationTable
    filterset_class = OrganisationFilterSet
    import_url_name = "partners:organisation_import"


class OrganisationDetailView(OrganisationViews, ObjectDetailView):
    queryset = Organisation.objects.select_related("jurisdiction", "parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, organisation = self.request.user, self.object
        positions = restrict(Position.objects.all(), user).filter(organisation=organisation)
        children = restrict(organisation.children.all(), user).select_related("jurisdiction")
        context.update(
            tags=restrict(organisation.tags.all(), user),
            children=children[:PAGE_OF_RECORDS],
            more_children=max(children.count() - PAGE_OF_RECORDS, 0),
            people=positions.select_related("contact").order_by("end_date", "contact__name_en")[:PAGE_OF_RECORDS],
            people_count=positions.count(),
            people_url=reverse("partners:contact_list") + f"?organisation={organisation.pk}",
            timeline=timeline.entries(organisation, user),
        )
        return context


class OrganisationEditView(OrganisationViews, ObjectEditView):
    form_class = OrganisationForm
    create_service = services.create_organisation
    update_service = services.update_organisation


class OrganisationDeleteView(OrganisationViews, ObjectDeleteView):
    delete_service = services.delete_organisation


class OrganisationHistoryView(OrganisationViews, ObjectHistoryView):
    pass


class OrganisationMergeView(OrganisationViews, ObjectMergeView):
    merge_service = services.merge_organisations


class ContactViews:
    model = Contact

    def base_queryset(self):
        return super().base_queryset().prefetch_related(current_positions(self.request.user))


class ContactListView(ContactViews, ObjectListView):
    table_class = ContactTable
    filterset_class = ContactFilterSet
    import_url_name = "partners:contact_import"


class ContactDetailView(ContactViews, ObjectDetailView):
    post_action = "add"  # a position, from the form on the contact's page
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["positions"] = restrict(self.object.positions.all(), user).select_related("organisation")
        context["position_form"] = PositionForm(user=user) if user.has_perm("partners.add_position") else None
        return context


class ContactEditView(ContactViews, ObjectEditView):
    """Editing a person; adding one takes their post too (organisation pre-filled from an organisation's page)."""

    form_class = ContactForm
    create_service = services.create_contact
    update_service = services.update_contact

    def get_form_class(self):
        adds_post = self.object is None and self.request.user.has_perm("partners.add_position")
        return PersonForm if adds_post else ContactForm

    def get_initial(self):
        initial = super().get_initial()
        if "organisation" in self.request.GET:
            initial["organisation"] = self.request.GET["organisation"]
        return initial


class ContactDeleteView(ContactViews, ObjectDeleteView):
    delete_service = services.delete_contact


class ContactHistoryView(ContactViews, ObjectHistoryView):
    pass


class ContactMergeView(ContactViews, ObjectMergeView):
    merge_service = services.merge_contacts


class PositionAddView(RecordActionView):
    """A position of the contact (the form on the contact's page)."""

    model = Contact
    action = "view"
    permission = "partners.add_position"
    form_class = PositionForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form) -> str:
        position = services.add_position(self.request.user, self.object, form.changes())
        return _("Added the position “{position}”.").format(position=position)


class PositionDeleteView(ObjectDeleteView):
    """Removes a position; back to the contact's page."""

    model = Position
    delete_service = services.remove_position

    def perform(self, form) -> str:
        super().perform(form)
        return _("Removed the position “{position}”.").format(position=self.object)

    def success_url(self) -> str:
        return self.back_url()
