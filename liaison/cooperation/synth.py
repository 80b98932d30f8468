"""A year's synthetic assistance requests for the bench: case teams of synthetic officers, each request with a
little correspondence, an attachment record and, now and then, a marking change waiting for approval."""

import datetime

from liaison.core.synth import Synth

from .choices import Channel, Direction, Marking, RequestStatus, RequestType
from .models import AssistanceRequest, Attachment, Compartment, Correspondence, MarkingChange

REQUESTS_PER_YEAR = 120
TEAMS = 6


def generate(synth: Synth) -> None:
    officers = synth.officers()
    teams = synth.bulk(Compartment, [Compartment(name_en=f"Synthetic case team {n + 1}",
                                                 name_zh_hant=f"合成專案組{n + 1}") for n in range(TEAMS)])
    synth.bulk(Compartment.members.through, [
        Compartment.members.through(compartment=team, user=officer)
        for n, team in enumerate(teams) for officer in officers[n::TEAMS]])
    requests = []
    for n in range(synth.count(REQUESTS_PER_YEAR)):
        day = synth.day(1)
        marking = synth.rng.choice(Marking.values)
        requests.append(AssistanceRequest(
            compartment=synth.rng.choice(teams), direction=synth.rng.choice(Direction.values),
            channel=synth.rng.choice(Channel.values), request_type=synth.rng.choice(RequestType.values),
            our_reference=f"SYN-{n + 1:05d}", subject_en=f"Synthetic request {n + 1}",
            status=synth.rng.choice([RequestStatus.ACKNOWLEDGED, RequestStatus.IN_PROGRESS, RequestStatus.CLOSED]),
            marking=marking, effective_marking=marking, sent_or_received_on=day,
            due_on=day + datetime.timedelta(days=synth.rng.randint(30, 180))))
    synth.bulk(AssistanceRequest, requests)
    synth.bulk(Correspondence, [Correspondence(request=request, date=request.sent_or_received_on,
                                               direction=request.direction, summary="Synthetic letter.",
                                               marking=request.marking) for request in requests])
    synth.bulk(Attachment, [Attachment(request=request, file=f"cooperation/{request.pk}/synthetic.pdf",
                                       original_name="synthetic.pdf", content_type="application/pdf", size=1,
                                       marking=request.marking) for request in requests[::3]])
    synth.bulk(MarkingChange, [MarkingChange(request=request, from_marking=Marking.RED, to_marking=Marking.AMBER,
                                             reason="Synthetic request to lower the marking.")
                               for request in requests if request.marking == Marking.RED])
