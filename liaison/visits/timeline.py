"""What the delegations area adds to an organisation's timeline: its visits to us, our missions to it, projects."""

from django.utils.translation import gettext as _

from liaison.core.access import restrict
from liaison.core.timeline import Entry, provider
from liaison.partners.models import Organisation

from .models import Delegation, JointProject, Mission


@provider(Organisation)
def delegations(organisation, user):
    visible = restrict(Delegation.objects.all(), user).filter(organisations=organisation,
                                                              start_date__isnull=False).distinct()
    for delegation in visible:
        yield Entry(delegation.start_date, _("Delegation visited us: “{title}” ({status})").format(
            title=delegation, status=delegation.get_status_display()), delegation.get_absolute_url())


@provider(Organisation)
def missions(organisation, user):
    for mission in restrict(Mission.objects.all(), user).filter(organisations=organisation).distinct():
        yield Entry(mission.start_date, _("Our mission: “{title}”").format(title=mission), mission.get_absolute_url())


@provider(Organisation)
def joint_projects(organisation, user):
    visible = restrict(JointProject.objects.all(), user).filter(partners=organisation,
                                                                start_date__isnull=False).distinct()
    for project in visible:
        yield Entry(project.start_date, _("Joint project started: “{title}”").format(title=project),
                    project.get_absolute_url())
