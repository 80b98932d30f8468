"""Synthetic networks with members over time and their governance: a year is one network and 67 memberships.

Network sizes are skewed (the largest holds about a fifth of all memberships at 100×), every membership has a
history of periods (applicant, member, observer, suspended, withdrawn…), and our own organisation belongs to most.
"""

import datetime

from liaison.core.synth import Synth
from liaison.partners.choices import OrganisationKind
from liaison.partners.models import Contact, Organisation

from .choices import BodyKind
from .choices import MembershipStatus as Status
from .models import Body, BodyMeeting, Membership, MembershipCategory, MembershipPeriod, Network, Term

NETWORKS_PER_YEAR = 1
MEMBERSHIPS_PER_YEAR = 67
REGIONS = [("Asia-Pacific", "亞太區"), ("Greater Bay Area", "大灣區"), ("Eurasian", "歐亞"), ("African", "非洲"),
           ("Global", "全球"), ("Belt and Road", "一帶一路")]
NETWORK_NAMES = [("Network of Anti-Corruption Authorities", "反貪機構網絡"),
                 ("Association of Integrity Agencies", "廉政機構聯會"),
                 ("Forum of Law Enforcement Authorities", "執法機構論壇"),
                 ("Alliance of Prosecution Services", "檢控機構聯盟")]
TOPICS = [("", ""), ("Asset Recovery", "追討資產"), ("Training", "培訓"), ("Prevention", "預防"),
          ("Investigation", "調查")]
CATEGORIES = [("Organisational member", "機構會員"), ("Individual member", "個人會員"), ("Honorary member", "名譽會員")]
# (share, the statuses one after the other; the last stays open)
HISTORIES = [
    (60, [Status.APPLICANT, Status.MEMBER]), (10, [Status.MEMBER]), (8, [Status.OBSERVER, Status.MEMBER]),
    (4, [Status.APPLICANT, Status.MEMBER, Status.SUSPENDED]),
    (3, [Status.APPLICANT, Status.MEMBER, Status.SUSPENDED, Status.MEMBER]),
    (7, [Status.APPLICANT, Status.MEMBER, Status.WITHDRAWN]), (5, [Status.APPLICANT]),
    (3, [Status.APPLICANT, Status.REJECTED]),
]
REASONS = {Status.SUSPENDED: "Membership fees unpaid for two years. 連續兩年未繳會費。",
           Status.REJECTED: "Not a public anti-corruption body. 並非公營反貪機構。"}
BODIES = [BodyKind.PRESIDENT, BodyKind.SECRETARIAT, BodyKind.PLENARY]  # beside the Executive Committee
MEETING_TITLES = {BodyKind.EXECUTIVE_COMMITTEE: ("Executive Committee meeting", "執行委員會會議"),
                  BodyKind.PLENARY: ("General Assembly", "全體會議")}


def generate(synth: Synth) -> None:
    organisations = list(Organisation.objects.filter(is_active=True).select_related("jurisdiction").order_by("pk"))
    own = next(o for o in organisations if o.is_own)
    networks = _networks(synth, organisations, own)
    contacts = list(Contact.objects.order_by("pk").values_list("pk", flat=True))
    members = _memberships(synth, networks, organisations, own, contacts)
    _governance(synth, networks, members, contacts)


def _networks(synth: Synth, organisations, own) -> list[Network]:
    rng, named, profiles = synth.rng, [], []
    for n in range(synth.count(NETWORKS_PER_YEAR)):
        (region_en, region_zh), (name_en, name_zh), (topic_en, topic_zh) = (
            REGIONS[n % len(REGIONS)], NETWORK_NAMES[n // len(REGIONS) % len(NETWORK_NAMES)],
            TOPICS[n // (len(REGIONS) * len(NETWORK_NAMES)) % len(TOPICS)])
        round_ = n // (len(REGIONS) * len(NETWORK_NAMES) * len(TOPICS))
        suffix_en = f" Working Group on {topic_en}" if topic_en else ""
        suffix_zh = f"{topic_zh}工作組" if topic_zh else ""
        if round_:
            suffix_en, suffix_zh = f"{suffix_en} ({round_ + 1})", f"{suffix_zh}（{round_ + 1}）"
        named.append(Organisation(
            kind=OrganisationKind.NETWORK, name_en=f"{region_en} {name_en}{suffix_en}",
            name_zh_hant=f"{region_zh}{name_zh}{suffix_zh}",
            acronym_en="".join(w[0] for w in f"{region_en} {name_en}".split() if w[0].isupper()) + str(n + 1),
        ))
    synth.bulk(Organisation, named)
    for n, organisation in enumerate(named):
        founded = rng.randint(1985, synth.today.year - 2)
        profiles.append(Network(
            organisation=organisation, founded_year=founded, founder=rng.choice(organisations),
            secretariat=own if n == 0 else rng.choice([None, rng.choice(organisations)]),
            secretariat_since=datetime.date(max(founded, synth.today.year - 4), 1, 1) if n == 0 else None,
            has_categories=n == 0 or rng.random() < 0.3,
            purpose_en=f"Cooperation among its members on {organisation.name_en.lower()} matters.",
            purpose_zh_hant="促進會員之間的合作。",
        ))
    return synth.bulk(Network, profiles)


def _sizes(synth: Synth, count: int) -> list[int]:
    """Members per network: the n-th network about 1/n of the first (at least two each)."""
    total = synth.count(MEMBERSHIPS_PER_YEAR)
    weights = [1 / (n + 1) for n in range(count)]
    return [max(2, round(total * w / sum(weights))) for w in weights]


def _memberships(synth: Synth, networks, organisations, own, contacts) -> dict[int, list[Membership]]:
    rng = synth.rng
    histories, weights = [h for _w, h in HISTORIES], [w for w, _h in HISTORIES]
    memberships, periods_of, categories = [], {}, []
    for network in networks:
        if network.has_categories:
            categories += [MembershipCategory(network=network, name_en=en, name_zh_hant=zh) for en, zh in CATEGORIES]
    synth.bulk(MembershipCategory, categories)
    by_network = {}
    for category in categories:
        by_network.setdefault(category.network_id, []).append(category)
    for network, size in zip(networks, _sizes(synth, len(networks)), strict=True):
        candidates = [o for o in organisations if o.pk != network.organisation_id and o.pk != own.pk]
        chosen = rng.sample(candidates, min(size, len(candidates)))
        if rng.random() < 0.8:
            chosen[0] = own
        founded = datetime.date(network.founded_year, 1, 1)
        for organisation in chosen:
            membership = Membership(
                network=network, organisation=organisation,
                category=rng.choice(by_network[network.pk]) if network.pk in by_network else None,
                representative_id=rng.choice(contacts) if contacts and rng.random() < 0.4 else None,
                capacity_en="representing Hong Kong, China" if organisation.is_own else "",
                capacity_zh_hant="以「中國香港」身分" if organisation.is_own else "",
            )
            memberships.append(membership)
            periods_of[id(membership)] = _history(synth, rng.choices(histories, weights)[0], founded)
    synth.bulk(Membership, memberships)
    periods = []
    for membership in memberships:
        for period in periods_of[id(membership)]:
            period.membership = membership
            periods.append(period)
    synth.bulk(MembershipPeriod, periods)
    members = {}
    for membership in memberships:
        members.setdefault(membership.network_id, []).append(membership)
    return members


def _history(synth: Synth, statuses, founded: datetime.date) -> list[MembershipPeriod]:
    """Contiguous periods from a day after the network's founding; the last one open."""
    rng = synth.rng
    start = founded + datetime.timedelta(days=rng.randint(0, max(1, (synth.today - founded).days - 30)))
    periods = []
    for n, status in enumerate(statuses):
        last = n == len(statuses) - 1
        room = (synth.today - start).days
        end = None if last or room < 2 else start + datetime.timedelta(days=rng.randint(1, max(1, room // 2)))
        periods.append(MembershipPeriod(status=status, start_date=start, end_date=end,
                                        reason=REASONS.get(status, "")))
        if end is None:
            break
        start = end
    return periods


def _governance(synth: Synth, networks, members, contacts) -> None:
    """An Executive Committee and one or two other bodies per network, with terms held by members and meetings."""
    rng = synth.rng
    bodies = [Body(network=network, kind=kind, order=n) for network in networks
              for n, kind in enumerate([BodyKind.EXECUTIVE_COMMITTEE, *rng.sample(BODIES, rng.randint(1, 2))])]
    synth.bulk(Body, bodies)
    terms, meetings = [], []
    for body in bodies:
        holders = members.get(body.network_id) or []
        start = synth.today.replace(month=1, day=1) - datetime.timedelta(days=365 * rng.randint(4, 10))
        while holders and start < synth.today:
            end = start + datetime.timedelta(days=730)
            terms.append(Term(
                body=body, holder_id=rng.choice(holders).organisation_id,
                holder_contact_id=rng.choice(contacts) if contacts and rng.random() < 0.5 else None,
                role_title_en=str(body.get_kind_display()), start_date=start,
                end_date=end if end < synth.today else None,
            ))
            start = end
        title_en, title_zh = MEETING_TITLES.get(body.kind, (None, None))
        for _n in range(rng.randint(2, 6) if title_en else 0):
            day = synth.day(8)
            meetings.append(BodyMeeting(body=body, date=day, title_en=f"{title_en} {day.year}",
                                        title_zh_hant=f"{day.year}年{title_zh}",
                                        place_en=rng.choice(["Hong Kong", "Macao", "Beijing", "Vienna", "Doha"]),
                                        place_zh_hant=rng.choice(["香港", "澳門", "北京", "維也納", "多哈"])))
    synth.bulk(Term, terms)
    synth.bulk(BodyMeeting, meetings)
