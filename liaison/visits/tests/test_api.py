"""Missions' follow-up actions (page and API), the API of joint projects' partners, milestones and outputs, and
the admin pages of the delegations area."""

import pytest

from liaison.core.testing import ApiMatrix, api_client, changes_of, hide, if_match, make_user
from liaison.partners.tests.factories import OrganisationFactory
from liaison.visits.models import MissionAction, ProjectPartner

from .factories import (
    DelegationFactory,
    JointProjectFactory,
    MilestoneFactory,
    MissionActionFactory,
    MissionFactory,
    ProgrammeItemFactory,
    ProjectOutputFactory,
    ProjectPartnerFactory,
    VisitorFactory,
)


class TestMissionActionApi(ApiMatrix):
    endpoint = "/api/visits/mission-actions/"
    factory = MissionActionFactory

    def payload(self):
        return {"mission": MissionFactory().pk, "title_en": "Send the conference papers", "due_date": "2024-12-20"}


class TestMilestoneApi(ApiMatrix):
    endpoint = "/api/visits/milestones/"
    factory = MilestoneFactory

    def payload(self):
        return {"project": JointProjectFactory().pk, "title_en": "Guide launched", "date": "2024-11-30",
                "reached": True}


class TestProjectOutputApi(ApiMatrix):
    endpoint = "/api/visits/project-outputs/"
    factory = ProjectOutputFactory

    def payload(self):
        return {"project": JointProjectFactory().pk, "kind": "publication", "title_en": "Integrity guide",
                "title_zh_hant": "廉潔營商指南"}


pytestmark = pytest.mark.django_db


def test_a_mission_action_under_a_hidden_mission_is_404_and_not_listed(monkeypatch):
    hidden, shown = MissionActionFactory(), MissionActionFactory()
    hide(monkeypatch, hidden.mission)
    client = api_client("manager")
    assert client.get(f"/api/visits/mission-actions/{hidden.pk}/").status_code == 404
    assert client.patch(f"/api/visits/mission-actions/{hidden.pk}/", {"status": "done"}, format="json",
                        **if_match(hidden)).status_code == 404
    assert [row["id"] for row in client.get("/api/visits/mission-actions/").json()["results"]] == [shown.pk]
    refused = client.post("/api/visits/mission-actions/", {"mission": hidden.mission.pk, "title_en": "Sneak in"},
                          format="json")
    assert refused.status_code == 400 and not MissionAction.objects.filter(title_en="Sneak in").exists()


def test_a_status_set_through_the_api_is_said_in_the_missions_history():
    action = MissionActionFactory(title_en="Share the speech")
    response = api_client("officer").patch(f"/api/visits/mission-actions/{action.pk}/", {"status": "done"},
                                           format="json", **if_match(action))
    assert response.status_code == 200 and response.json()["status"] == "done"
    assert changes_of(action, "update").get().said() == "Follow-up action: Open → Done"


def test_partners_are_added_and_removed_through_the_api_but_one_organisation_only_once():
    project, organisation = JointProjectFactory(partners=[]), OrganisationFactory()
    client = api_client("officer")
    payload = {"project": project.pk, "organisation": organisation.pk, "role_en": "Co-author"}
    added = client.post("/api/visits/project-partners/", payload, format="json")
    assert added.status_code == 201 and added.json()["role_en"] == "Co-author"
    again = client.post("/api/visits/project-partners/", payload, format="json")
    assert again.status_code == 400 and "partner already" in str(again.json())
    partner = ProjectPartner.objects.get()
    assert client.patch(f"/api/visits/project-partners/{partner.pk}/", {"role_en": "Lead"},
                        format="json").status_code == 405
    assert client.delete(f"/api/visits/project-partners/{partner.pk}/").status_code == 403  # officers do not delete
    assert api_client("manager").delete(f"/api/visits/project-partners/{partner.pk}/").status_code == 204
    assert not ProjectPartner.objects.exists()


def test_partners_of_a_project_the_reader_may_not_see_are_404(monkeypatch):
    partner = ProjectPartnerFactory()
    assert api_client("viewer").get(f"/api/visits/project-partners/{partner.pk}/").status_code == 200
    assert api_client("none").get(f"/api/visits/project-partners/{partner.pk}/").status_code == 404
    hide(monkeypatch, partner.project)
    assert api_client("viewer").get(f"/api/visits/project-partners/{partner.pk}/").status_code == 404


@pytest.mark.parametrize("factory", [DelegationFactory, ProgrammeItemFactory, VisitorFactory, MissionFactory,
                                     MissionActionFactory, JointProjectFactory, MilestoneFactory,
                                     ProjectOutputFactory])
def test_admin_pages_of_the_delegations_area_load(client, factory):
    record = factory()
    admin = make_user("administrator")
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    meta = record._meta
    assert client.get(f"/admin/{meta.app_label}/{meta.model_name}/").status_code == 200
    page = client.get(f"/admin/{meta.app_label}/{meta.model_name}/{record.pk}/change/")
    assert page.status_code == 200 and str(record) in page.content.decode()


def test_a_missions_page_adds_an_action_and_marks_it_done_in_one_click(client_as):
    mission = MissionFactory()
    officer = client_as("officer")
    added = officer.post(f"/visits/missions/{mission.pk}/actions/add/",
                         {"title_en": "Send the speech", "due_date": "2020-01-31", "status": "open"})
    assert added.status_code == 302
    action = MissionAction.objects.get(mission=mission)
    page = officer.get(mission.get_absolute_url()).content.decode()
    assert "Send the speech" in page and 'class="overdue"' in page  # due in the past and still open
    stale = officer.post(f"/visits/actions/{action.pk}/status/", {"status": "done", "version": action.version + 1})
    assert stale.status_code == 302
    action.refresh_from_db()
    assert action.status == "open"
    officer.post(f"/visits/actions/{action.pk}/status/", {"status": "done", "version": action.version})
    action.refresh_from_db()
    assert action.status == "done"
    assert "Follow-up action: Open → Done" in officer.get(f"{mission.get_absolute_url()}history/").content.decode()
    assert client_as("viewer").post(f"/visits/missions/{mission.pk}/actions/add/",
                                     {"title_en": "Not mine to add"}).status_code == 403
