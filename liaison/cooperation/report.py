"""The operational-liaison area's indicators on the dashboards: requests for assistance by status, shown only to
those allowed to view requests, and counting only the requests of the reader's own compartments (an outsider's
figures are 0 and reveal nothing)."""

from django.utils.translation import gettext_lazy

from liaison.core import reporting

from .choices import OPEN_STATUSES, RequestStatus
from .filtersets import AssistanceRequestFilterSet

LIST = "cooperation:assistancerequest_list"
PERMISSION = "cooperation.view_assistancerequest"
DONE = (RequestStatus.EXECUTED, RequestStatus.CLOSED)
NOT_DONE = (RequestStatus.REFUSED, RequestStatus.WITHDRAWN)


def _requests(user, year: int, statuses) -> reporting.Count:
    return reporting.listed(AssistanceRequestFilterSet, user, LIST, {"year": year, "status": list(statuses)})


@reporting.indicator("cooperation.in_progress", gettext_lazy("Requests for assistance in progress"),
                     gettext_lazy("Requests of your compartments sent or received in the year and still open."),
                     strategy=1, order=800, permission=PERMISSION)
def in_progress(user, year: int) -> reporting.Count:
    return _requests(user, year, OPEN_STATUSES)


@reporting.indicator("cooperation.executed", gettext_lazy("Requests for assistance executed"),
                     gettext_lazy("Requests of your compartments sent or received in the year and executed or "
                                  "closed."), strategy=1, order=810, permission=PERMISSION)
def executed(user, year: int) -> reporting.Count:
    return _requests(user, year, DONE)


@reporting.indicator("cooperation.refused", gettext_lazy("Requests for assistance refused or withdrawn"),
                     gettext_lazy("Requests of your compartments sent or received in the year and refused or "
                                  "withdrawn."), strategy=1, order=820, permission=PERMISSION)
def refused(user, year: int) -> reporting.Count:
    return _requests(user, year, NOT_DONE)
