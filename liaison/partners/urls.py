from django.urls import path

from liaison.core.urls_helpers import object_urls

from . import importers, views

app_name = "partners"

urlpatterns = [
    *object_urls("organisation", "organisations", views, "Organisation"),
    path("organisations/import/", importers.OrganisationImportView.as_view(), name="organisation_import"),
    *object_urls("contact", "contacts", views, "Contact"),
    path("contacts/import/", importers.ContactImportView.as_view(), name="contact_import"),
    path("contacts/<int:pk>/positions/add/", views.PositionAddView.as_view(), name="position_add"),
    path("positions/<int:pk>/delete/", views.PositionDeleteView.as_view(), name="position_delete"),
]
