"""The home page and the API's index of apps."""

from django.urls import reverse
from django.views.generic import TemplateView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from liaison.agreements.models import Agreement
from liaison.core.access import restrict
from liaison.core.models import Jurisdiction
from liaison.networks.models import Network
from liaison.partners.models import Contact, Organisation


class HomeView(TemplateView):
    """Counts of what the user may see, each linking to its list."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["areas"] = [
            (model._meta.verbose_name_plural, restrict(model.objects.all(), user).count(), reverse(url))
            for model, url in (
                (Organisation, "partners:organisation_list"),
                (Contact, "partners:contact_list"),
                (Network, "networks:network_list"),
                (Agreement, "agreements:agreement_list"),
                (Jurisdiction, "core:jurisdiction_list"),
            )
        ]
        return context


class ApiRootView(APIView):
    """Each app's API, with the schema and the documentation (for signed-in users, like every page)."""

    permission_classes = [IsAuthenticated]

    def get(self, request):
        build = request.build_absolute_uri
        return Response({
            "core": build(reverse("core-api:api-root")),
            "partners": build(reverse("partners-api:api-root")),
            "networks": build(reverse("networks-api:api-root")),
            "agreements": build(reverse("agreements-api:api-root")),
            "schema": build(reverse("schema")),
            "docs": build(reverse("api-docs")),
        })
