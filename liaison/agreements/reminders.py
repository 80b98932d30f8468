"""What needs attention on a given day: agreements nearing expiry, follow-up actions overdue.

Every function takes `today` so that the scheduler, the pages and the tests agree on the day.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from liaison.core.choices import ActionStatus

from . import history, services
from .choices import IN_FORCE
from .choices import AgreementStatus as S
from .models import Agreement, add_months

WINDOWS = (7, 30, 90)  # days before expiry at which reminders are sent


@dataclass(frozen=True)
class Expiry:
    agreement: Agreement
    days_left: int

    @property
    def window(self) -> int:
        """The smallest reminder window the expiry falls in (7, 30 or 90 days)."""
        return next(w for w in WINDOWS if self.days_left <= w)


def expiring(agreements, today: datetime.date, within: int = max(WINDOWS)) -> list[Expiry]:
    """Agreements in force that expire between today and `within` days from today (both included)."""
    found = agreements.filter(status__in=IN_FORCE, expiry_date__gte=today,
                              expiry_date__lte=today + datetime.timedelta(days=within))
    return [Expiry(a, (a.expiry_date - today).days) for a in found.order_by("expiry_date", "pk")]


def overdue_actions(actions, today: datetime.date):
    """Open follow-up actions whose due date has passed."""
    return actions.filter(status=ActionStatus.OPEN, due_date__lt=today).order_by("due_date", "pk")


@dataclass
class StatusMoves:
    expiring: list
    expired: list
    extended: list


def due_moves(today: datetime.date) -> StatusMoves:
    """Agreements whose status the calendar has overtaken: into the notice period, past expiry."""
    in_force = Agreement.objects.filter(status__in=IN_FORCE, expiry_date__isnull=False).order_by("expiry_date", "pk")
    moves = StatusMoves([], [], [])
    for agreement in in_force:
        if agreement.expiry_date < today:
            if agreement.auto_renew and agreement.term_months:
                moves.extended.append(agreement)
            else:
                moves.expired.append(agreement)
        elif (agreement.status == S.SIGNED
              and (agreement.expiry_date - today).days <= agreement.notice_period and not agreement.auto_renew):
            moves.expiring.append(agreement)
    return moves


@transaction.atomic
def apply_moves(acting_user, moves: StatusMoves, today: datetime.date) -> None:
    """Makes the moves (each logged like any other); an automatic renewal extends the expiry by the term."""
    for agreement in moves.expiring:
        services.move(acting_user, agreement, S.EXPIRING,
                      facts=[history.NOTICE_PERIOD(days=agreement.notice_period)])
    for agreement in moves.expired:
        services.move(acting_user, agreement, S.EXPIRED, facts=[history.PAST_EXPIRY()])
    for agreement in moves.extended:
        expiry = agreement.expiry_date
        while expiry < today:
            expiry = add_months(expiry, agreement.term_months)
        services.update_agreement(acting_user, agreement, {"expiry_date": expiry})
