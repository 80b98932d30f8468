"""Reference data of the operational-liaison area: a handful of clearly fictional requests in two compartments.

Nothing here comes from the chapter, which reports no operational case: every name, reference and date is
invented (the subjects say so), so that the demo shows what a member of a compartment sees and what others do not.
The two members, alpha-officer and bravo-officer, are officers without a password (set one with
`liaison changepassword`); they enrol an authenticator app on their first visit to the area.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from liaison.core.changelog import change_context
from liaison.core.choices import ChangeSource
from liaison.core.roles import OFFICER

from . import services
from .choices import Channel, Direction, Marking, Priority, RequestStatus, RequestType
from .models import Compartment

TEAMS = {
    "alpha-officer": (("Case team Alpha (fictional)", "甲組（虛構）"), [
        ("outgoing", Channel.CENTRAL_AUTHORITY, RequestType.EVIDENCE, "FICT-A-001",
         ("Fictional request: bank records of a shell company", "虛構請求：空殼公司的銀行紀錄"),
         Marking.AMBER, RequestStatus.SENT, datetime.date(2024, 3, 4), datetime.date(2024, 6, 30)),
        ("incoming", Channel.GLOBE, RequestType.WITNESS, "FICT-A-002",
         ("Fictional request: interview of a witness in Hong Kong", "虛構請求：在香港會見證人"),
         Marking.GREEN, RequestStatus.RECEIVED, datetime.date(2024, 5, 20), datetime.date(2024, 8, 31)),
        ("outgoing", Channel.EGMONT, RequestType.TRACING, "FICT-A-003",
         ("Fictional request: tracing of transfers abroad", "虛構請求：追查境外匯款"),
         Marking.RED, RequestStatus.DRAFT, None, None),
    ]),
    "bravo-officer": (("Case team Bravo (fictional)", "乙組（虛構）"), [
        ("incoming", Channel.INTERPOL, RequestType.FUGITIVE, "FICT-B-001",
         ("Fictional request: location of a fugitive", "虛構請求：追查逃犯下落"),
         Marking.AMBER_STRICT, RequestStatus.RECEIVED, datetime.date(2024, 7, 2), datetime.date(2024, 9, 30)),
        ("outgoing", Channel.MOU, RequestType.FREEZING, "FICT-B-002",
         ("Fictional request: freezing of a property", "虛構請求：凍結物業"),
         Marking.AMBER, RequestStatus.SENT, datetime.date(2024, 10, 8), datetime.date(2025, 1, 31)),
    ]),
}
MOVES = {RequestStatus.SENT: [RequestStatus.SENT], RequestStatus.RECEIVED: [RequestStatus.RECEIVED],
         RequestStatus.DRAFT: []}


def _member(username: str):
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=OFFICER))
    return user


@transaction.atomic
def load(acting_user) -> int:
    """The two compartments and their requests, once (run again, it adds nothing)."""
    created = 0
    with change_context(ChangeSource.IMPORT):
        for username, ((name_en, name_zh), requests) in TEAMS.items():
            if Compartment.objects.filter(name_en=name_en).exists():
                continue
            member = _member(username)
            compartment = services.create_compartment(acting_user, {"name_en": name_en, "name_zh_hant": name_zh,
                                                                    "members": [member]})
            for direction, channel, kind, reference, subject, marking, status, on, due in requests:
                request = services.create_request(member, {
                    "compartment": compartment, "direction": direction, "channel": channel, "request_type": kind,
                    "our_reference": reference, "subject_en": subject[0], "subject_zh_hant": subject[1],
                    "marking": marking, "priority": Priority.ROUTINE, "due_on": due,
                    "legal_basis": "UNCAC article 46" if direction == Direction.OUTGOING else "",
                })
                for move in MOVES[status]:
                    services.move(member, request, move, on=on)
                created += 1
    return created
