"""The delegations area's pages and API through every role, and what a user sees on them."""

import pytest

from liaison.core.testing import ApiMatrix, PageMatrix

from .factories import DelegationFactory, JointProjectFactory, MissionFactory


class TestDelegationPages(PageMatrix):
    url_prefix = "visits:delegation"
    factory = DelegationFactory

    def form_data(self):
        return {"title_en": "Study visit of the Anti-Corruption Bureau", "category": "government",
                "declared_size": 15, "start_date": "2024-06-03", "end_date": "2024-06-04"}


class TestMissionPages(PageMatrix):
    url_prefix = "visits:mission"
    factory = MissionFactory

    def form_data(self):
        from liaison.core.models import Jurisdiction

        return {"title_en": "Mission to Astana", "purpose": "conference", "capacity": "own", "status": "planned",
                "destinations": [Jurisdiction.objects.get(code="KZ").pk], "start_date": "2024-10-01",
                "end_date": "2024-10-03"}


class TestJointProjectPages(PageMatrix):
    url_prefix = "visits:jointproject"
    factory = JointProjectFactory

    def form_data(self):
        return {"title_en": "Greater Bay Area integrity guide", "status": "active"}


class TestDelegationApi(ApiMatrix):
    endpoint = "/api/visits/delegations/"
    factory = DelegationFactory

    def payload(self):
        return {"title_en": "Delegation from the API", "category": "academic", "declared_size": 20}


class TestMissionApi(ApiMatrix):
    endpoint = "/api/visits/missions/"
    factory = MissionFactory

    def payload(self):
        from liaison.core.models import Jurisdiction

        return {"title_en": "Mission from the API", "purpose": "study_visit", "start_date": "2024-08-01",
                "end_date": "2024-08-02", "destinations": [Jurisdiction.objects.get(code="CN").pk]}


@pytest.mark.django_db
def test_the_list_exports_xlsx(client_as):
    import io

    from openpyxl import load_workbook

    DelegationFactory(title_en="Visit of the Kazakh agency", declared_size=9)
    response = client_as("viewer").get("/visits/delegations/?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert any("Visit of the Kazakh agency" in row and 9 in row or "9" in row for row in rows[1:])
