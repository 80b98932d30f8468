"""What the agreements register adds to an organisation's timeline."""

from django.utils.translation import gettext as _

from liaison.core.access import restrict
from liaison.core.timeline import Entry, newest, provider
from liaison.partners.models import Organisation

from .choices import AgreementStatus
from .models import Agreement


@provider(Organisation)
def agreements(organisation, user):
    visible = restrict(Agreement.objects.all(), user).filter(
        pk__in=Agreement.parties.through.objects.filter(organisation=organisation).values("agreement_id"))
    for agreement in newest(visible, "signed_date"):
        yield Entry(agreement.signed_date, _("Signed the {kind} “{title}”").format(
            kind=agreement.get_kind_display(), title=agreement), agreement.get_absolute_url())
    for agreement in newest(visible.filter(status=AgreementStatus.EXPIRED), "expiry_date"):
        yield Entry(agreement.expiry_date, _("The {kind} “{title}” expired").format(
            kind=agreement.get_kind_display(), title=agreement), agreement.get_absolute_url())
    for agreement in newest(visible.filter(status=AgreementStatus.TERMINATED), "terminated_on"):
        yield Entry(agreement.terminated_on, _("The {kind} “{title}” was terminated").format(
            kind=agreement.get_kind_display(), title=agreement), agreement.get_absolute_url())
