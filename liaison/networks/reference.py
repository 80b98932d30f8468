"""Networks' part of the reference dataset: the chapter's networks, the IAACA's governance and its membership.

Facts marked CHAPTER come from the 2024 chapter (shared/seed/annual-report-2024-chapter-6.txt). The chapter gives
the IAACA's membership only as totals — 122 in early 2022, 180 now — so the loader creates the members it names
(with illustrative dates, said so in their notes) and clearly marked synthetic member agencies for the rest, so
that "members on 2022-01-01" is 122 and "members on 2024-12-31" is 180, computed from records.
"""

import datetime
import random

from django.db import transaction

from liaison.core import services as core_services
from liaison.core.changelog import change_context
from liaison.core.choices import ChangeSource
from liaison.core.models import Jurisdiction, Tag
from liaison.partners import services as partner_services
from liaison.partners.choices import OrganisationKind
from liaison.partners.models import Contact, Organisation

from . import services
from .choices import BodyKind
from .choices import MembershipStatus as Status
from .models import Body, BodyMeeting, Membership, Network, Term

D = datetime.date
IAACA = "International Association of Anti-Corruption Authorities"
GLOBE = "Global Operational Network of Anti-Corruption Law Enforcement Authorities"
ACTWG = "APEC Anti-Corruption and Transparency Experts Working Group"
ACI = "Anti-Corruption Initiative for Asia and the Pacific"
ICAC = "Independent Commission Against Corruption"
SPP = "Supreme People's Procuratorate"
UNODC = "United Nations Office on Drugs and Crime"
APEC = "Asia-Pacific Economic Cooperation"
ADB = "Asian Development Bank"
QATAR = "Public Prosecution of the State of Qatar"

SYNTHETIC_TAG = "synthetic-demo-data"
SYNTHETIC_NOTE = (
    "Synthetic record for the demo: the 2024 chapter gives only the IAACA's member totals (122 in early 2022, 180 "
    "now), so this agency stands in for an unnamed member. Not a real organisation.\n"
    "示範用的合成資料：二零二四年年報只列出聯合會的會員總數，此機構代表一個未具名的會員，並非真實機構。"
)
ILLUSTRATIVE = "Membership dates are illustrative (demo data): the chapter does not give them."
APPROXIMATE = "The chapter gives the year only; the date is approximate."
IAACA_FOUNDING = D(2006, 10, 22)

# (name, purpose en, purpose zh, founded, founder, secretariat, secretariat since, notes) — CHAPTER unless noted.
NETWORKS = (
    (IAACA,
     "An independent and non-political anti-corruption organisation with the mandate to promote the effective "
     "implementation of the United Nations Convention against Corruption and assist ACAs worldwide in the "
     "prevention of and fight against corruption.",
     "獨立及非政治性的反貪組織，致力推動有效實施《聯合國反腐敗公約》，協助世界各地反貪機構預防及打擊貪污。",
     2006, SPP, ICAC, D(2022, 1, 1),
     "Established in 2006 under the initiative of the SPP. The ICAC Commissioner has been President since 2022, "
     "with a Secretariat set up in the ICAC. " + APPROXIMATE),
    (GLOBE,
     "Fosters collaboration among anti-corruption law enforcement authorities to prevent and combat corruption; "
     "over 200 members worldwide.",
     "促進反腐敗執法機構間的合作，以預防和打擊腐敗；全球機構成員逾 200 個。",
     2021, UNODC, UNODC, None,
     "Established in 2021 under the auspices of the UNODC. Liaison records only the members the office deals "
     "with, not all of its over 200 members."),
    (ACTWG,
     "APEC's forum of anti-corruption and transparency experts.", "亞太經濟合作組織的反貪腐及透明專家論壇。",
     2011, APEC, APEC, None, "Founding year and purpose: OURS (the chapter names the group only)."),
    (ACI,
     "Regional initiative of the Asian Development Bank and the OECD against corruption in Asia and the Pacific.",
     "亞洲開發銀行與經濟合作與發展組織在亞太區推行的反貪污行動計劃。",
     1999, ADB, None, None, "Founding year and purpose: OURS (the chapter names the initiative only)."),
)

HK_CHINA = ("representing Hong Kong, China", "以「中國香港」身分")
CHINA_DELEGATION = ("as part of China's delegation", "以中國代表團成員身分")

# Named IAACA members: (English name, [(status, date, reason)…]). Dates ILLUSTRATIVE.
NAMED_IAACA_MEMBERS = (
    (SPP, [(Status.MEMBER, IAACA_FOUNDING, "Founding member")]),
    (ICAC, [(Status.MEMBER, IAACA_FOUNDING, "Founding member")]),
    ("Commission Against Corruption of Macao", [(Status.MEMBER, IAACA_FOUNDING, "")]),
    ("Anti-Corruption and Civil Rights Commission of the Republic of Korea", [(Status.MEMBER, IAACA_FOUNDING, "")]),
    ("Corruption Eradication Commission of Indonesia", [(Status.MEMBER, IAACA_FOUNDING, "")]),
    ("Malaysian Anti-Corruption Commission", [(Status.MEMBER, D(2009, 4, 1), "")]),
    (QATAR, [(Status.MEMBER, D(2011, 3, 1), "")]),
    ("Oversight and Anti-Corruption Authority of Saudi Arabia", [(Status.MEMBER, D(2011, 9, 1), "")]),
    ("Anti-Corruption Agency of the Republic of Kazakhstan", [(Status.MEMBER, D(2019, 9, 1), "")]),
    ("Special Investigating Unit of South Africa",
     [(Status.APPLICANT, D(2022, 7, 4), ""), (Status.MEMBER, D(2022, 9, 15), "Approved by the Executive Committee")]),
    ("Anti-Corruption Commission of Maldives",
     [(Status.APPLICANT, D(2023, 3, 1), ""), (Status.MEMBER, D(2023, 5, 10), "Approved by the Executive Committee")]),
    ("National Anti-Corruption Advisory Council of South Africa",
     [(Status.APPLICANT, D(2024, 3, 25), "Applied after the experience sharing programme of March 2024"),
      (Status.MEMBER, D(2024, 6, 3), "Approved by the Executive Committee")]),
    ("Financial Crimes Commission of Mauritius",
     [(Status.APPLICANT, D(2024, 4, 15), ""), (Status.MEMBER, D(2024, 7, 1), "Approved by the Executive Committee")]),
)
NAMED_BEFORE_2022 = sum(1 for _name, history in NAMED_IAACA_MEMBERS if history[0][1] <= D(2022, 1, 1))
NAMED_AFTER_2022 = len(NAMED_IAACA_MEMBERS) - NAMED_BEFORE_2022

MEMBERS_EARLY_2022, MEMBERS_END_2024 = 122, 180  # CHAPTER
WITHDRAWN_2022_2024 = 3
SYNTHETIC_BEFORE = MEMBERS_EARLY_2022 - NAMED_BEFORE_2022
SYNTHETIC_JOINED = MEMBERS_END_2024 - MEMBERS_EARLY_2022 + WITHDRAWN_2022_2024 - NAMED_AFTER_2022

# Jurisdictions the synthetic members are spread over (ISO 3166-1 alpha-2), weighted by repetition toward regions
# where the association has many members.
SYNTHETIC_JURISDICTIONS = (
    "AF AL DZ AO AR AM AU AT AZ BH BD BY BE BJ BT BO BA BW BR BN BG BF BI KH CM CA CF TD CL CO KM CG CD CR CI HR "
    "CU CY CZ DK DJ DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR GT GN GW GY HT HN HU IS IN IR IQ IE IL "
    "IT JM JP JO KE KI KW KG LA LV LB LS LR LY LT LU MG MW ML MT MR MX MD MN ME MA MZ MM NA NP NL NZ NI NE NG MK "
    "NO OM PK PS PA PG PY PE PH PL PT RO RU RW WS SN RS SC SL SG SK SI SB SO ES LK SD SR SE CH SY TJ TZ TH TL TG "
    "TO TT TN TR TM UG UA AE GB US UY UZ VU VE VN YE ZM ZW"
).split()


def _by_name(names) -> dict[str, Organisation]:
    return {o.name_en: o for o in Organisation.objects.filter(name_en__in=list(names))}


def _synthetic_tag(acting_user) -> Tag:
    tag = Tag.objects.filter(slug=SYNTHETIC_TAG).first()
    if tag is None:
        tag = core_services.create_object(acting_user, Tag, {
            "slug": SYNTHETIC_TAG, "name_en": "Synthetic demo data", "name_zh_hant": "示範合成資料",
        })
    return tag


def _load_networks(acting_user, organisations) -> tuple[dict[str, Network], int]:
    existing = {n.organisation.name_en: n for n in Network.objects.select_related("organisation")}
    created = 0
    for name, purpose_en, purpose_zh, founded, founder, secretariat, since, notes in NETWORKS:
        if name in existing or name not in organisations:
            continue
        existing[name] = services.create_network(acting_user, {
            "organisation": organisations[name], "purpose_en": purpose_en, "purpose_zh_hant": purpose_zh,
            "founded_year": founded, "founder": organisations.get(founder),
            "secretariat": organisations.get(secretariat) if secretariat else None, "secretariat_since": since,
            "notes": notes,
        })
        created += 1
    return existing, created


def _add_membership(acting_user, network, organisation, history, data=None) -> int:
    """A membership and its history through the workflow; 0 when the membership exists already."""
    if Membership.objects.filter(network=network, organisation=organisation).exists():
        return 0
    (status, start, reason), *moves = history
    membership = services.create_membership(acting_user, {
        **(data or {}), "network": network, "organisation": organisation, "status": status, "start_date": start,
        "reason": reason,
    })
    for status, on, reason in moves:
        services.change_status(acting_user, membership, status, on, reason)
    return 1


def _synthetic_histories(rng: random.Random) -> list[list[tuple]]:
    """The histories of the synthetic members, in a fixed (seeded) order."""
    def day_between(first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=rng.randint(0, (last - first).days))

    histories = []
    for _index in range(SYNTHETIC_BEFORE):
        histories.append([(Status.MEMBER, day_between(IAACA_FOUNDING, D(2021, 12, 31)), "")])
    # A few of the early members withdraw during 2022–2024, one is suspended and reinstated.
    for history in histories[5:5 + WITHDRAWN_2022_2024]:
        history.append((Status.WITHDRAWN, day_between(D(2022, 3, 1), D(2024, 10, 31)), "Notice of withdrawal"))
    histories[20] += [(Status.SUSPENDED, D(2023, 3, 1), "Dues unpaid for three years"),
                      (Status.MEMBER, D(2023, 9, 1), "Reinstated after payment")]
    for _index in range(SYNTHETIC_JOINED):
        applied = day_between(D(2022, 1, 3), D(2024, 10, 31))
        approved = min(applied + datetime.timedelta(days=rng.randint(30, 90)), D(2024, 12, 31))
        histories.append([(Status.APPLICANT, applied, ""),
                          (Status.MEMBER, approved, "Approved by the Executive Committee")])
    histories.append([(Status.MEMBER, D(2008, 5, 1), ""), (Status.WITHDRAWN, D(2015, 6, 30), "Agency dissolved")])
    histories.append([(Status.APPLICANT, D(2023, 2, 1), ""),
                      (Status.REJECTED, D(2023, 4, 3), "Not an anti-corruption authority within the Constitution")])
    histories.append([(Status.APPLICANT, D(2024, 11, 15), "")])
    histories.append([(Status.APPLICANT, D(2024, 12, 2), "")])
    return histories


def _synthetic_organisations(acting_user, count: int) -> list[Organisation]:
    names = [f"Synthetic member agency {number:03d} (demo data)" for number in range(1, count + 1)]
    found = _by_name(names)
    jurisdictions = {j.code: j for j in Jurisdiction.objects.filter(code__in=SYNTHETIC_JURISDICTIONS)}
    codes = [code for code in SYNTHETIC_JURISDICTIONS if code in jurisdictions]
    tag = None
    for number, name in enumerate(names, start=1):
        if name in found:
            continue
        tag = tag or _synthetic_tag(acting_user)
        found[name] = partner_services.create_organisation(acting_user, {
            "kind": OrganisationKind.ANTI_CORRUPTION_AGENCY, "name_en": name,
            "name_zh_hant": f"示例會員機構 {number:03d}（示範資料）",
            "jurisdiction": jurisdictions[codes[(number * 7) % len(codes)]] if codes else None,
            "tags": [tag], "notes": SYNTHETIC_NOTE,
        })
    return [found[name] for name in names]


def _load_iaaca_members(acting_user, network, organisations) -> int:
    created = 0
    for name, history in NAMED_IAACA_MEMBERS:
        if name in organisations:
            created += _add_membership(acting_user, network, organisations[name], history, {"notes": ILLUSTRATIVE})
    histories = _synthetic_histories(random.Random(2024))
    synthetic = _synthetic_organisations(acting_user, len(histories))
    for organisation, history in zip(synthetic, histories, strict=True):
        created += _add_membership(acting_user, network, organisation, history, {"notes": SYNTHETIC_NOTE})
    return created


def _body(acting_user, network, kind, order, name=("", "")) -> tuple[Body, int]:
    body = Body.objects.filter(network=network, kind=kind).first()
    if body is not None:
        return body, 0
    return services.create_body(acting_user, {"network": network, "kind": kind, "order": order,
                                               "name_en": name[0], "name_zh_hant": name[1]}), 1


def _term(acting_user, body, holder, start, role, end=None, contact=None, approximate=True, notes="") -> int:
    if holder is None or Term.objects.filter(body=body, holder=holder, start_date=start).exists():
        return 0
    services.create_term(acting_user, {
        "body": body, "holder": holder, "holder_contact": contact, "role_title_en": role[0],
        "role_title_zh_hant": role[1], "start_date": start, "end_date": end, "approximate": approximate,
        "notes": notes,
    })
    return 1


def _meeting(acting_user, body, day, title, place, notes="") -> int:
    if BodyMeeting.objects.filter(body=body, date=day).exists():
        return 0
    services.create_meeting(acting_user, {
        "body": body, "date": day, "approximate": True, "title_en": title[0], "title_zh_hant": title[1],
        "place_en": place[0], "place_zh_hant": place[1], "notes": notes,
    })
    return 1


def _load_iaaca_governance(acting_user, network, organisations, contacts) -> int:
    created = 0
    president, count = _body(acting_user, network, BodyKind.PRESIDENT, 1)
    created += count
    created += _term(acting_user, president, organisations.get(SPP), D(2006, 10, 22),
                     ("President (Prosecutor General of the SPP)", "主席（最高人民檢察院檢察長）"), D(2016, 1, 1))
    created += _term(acting_user, president, organisations.get(QATAR), D(2016, 1, 1),
                     ("President (Attorney General of Qatar)", "主席（卡塔爾總檢察長）"), D(2022, 1, 1))
    created += _term(acting_user, president, organisations.get(ICAC), D(2022, 1, 1),
                     ("President (Commissioner of the ICAC)", "主席（廉政專員）"),
                     contact=contacts.get("Commissioner, ICAC"), notes="Assumed the presidency in early 2022.")
    for kind, order in ((BodyKind.VICE_PRESIDENT, 2), (BodyKind.EXECUTIVE_COMMITTEE, 3)):
        _ignored, count = _body(acting_user, network, kind, order)
        created += count
    secretary_general, count = _body(acting_user, network, BodyKind.SECRETARY_GENERAL, 4)
    created += count
    created += _term(acting_user, secretary_general, organisations.get(ICAC), D(2022, 1, 1),
                     ("Secretary-General (a directorate officer of the ICAC)", "秘書長（廉署首長級人員）"),
                     contact=contacts.get("Secretary-General, IAACA"))
    secretariat, count = _body(acting_user, network, BodyKind.SECRETARIAT, 5)
    created += count
    created += _term(acting_user, secretariat, organisations.get(ICAC), D(2022, 1, 1),
                     ("Secretariat, set up in the ICAC", "秘書處（設於廉署）"))
    executive = Body.objects.get(network=network, kind=BodyKind.EXECUTIVE_COMMITTEE)
    created += _meeting(acting_user, executive, D(2024, 5, 1),
                        ("Executive Committee meeting during the 8th ICAC Symposium",
                         "於廉政公署第八屆國際會議期間舉行的執行委員會會議"),
                        ("Hong Kong", "香港"), "CHAPTER: held in Hong Kong in May 2024 (day not given).")
    return created


def _load_globe(acting_user, network, organisations, contacts) -> int:
    created = _add_membership(acting_user, network, organisations[ICAC], [(Status.MEMBER, D(2021, 6, 3), "")], {
        "capacity_en": CHINA_DELEGATION[0], "capacity_zh_hant": CHINA_DELEGATION[1],
        "notes": "The ICAC attends the GlobE Network's meetings as part of China's delegation. Start date: the "
                 "network's launch (approximate).",
    })
    if IAACA in organisations:
        created += _add_membership(acting_user, network, organisations[IAACA], [(Status.OBSERVER, D(2024, 1, 1), "")],
                                   {"notes": "CHAPTER: joined as an observer during 2024. " + APPROXIMATE})
    steering, count = _body(acting_user, network, BodyKind.STEERING_COMMITTEE, 1)
    created += count
    created += _term(acting_user, steering, organisations.get(ICAC), D(2024, 1, 1),
                     ("Member of China's delegation to the Steering Committee", "中國代表團成員（指導委員會）"),
                     D(2024, 12, 31), contact=contacts.get("Deputy Commissioner and Head of Operations, ICAC"),
                     notes="CHAPTER: the Deputy Commissioner attended the Steering Committee's meetings in 2024.")
    created += _meeting(acting_user, steering, D(2024, 6, 1),
                        ("Steering Committee meeting", "指導委員會會議"),
                        ("United Nations Office at Vienna, Austria", "奧地利維也納聯合國辦事處"),
                        "CHAPTER: meetings held during 2024; the month is approximate.")
    plenary, count = _body(acting_user, network, BodyKind.PLENARY, 2, ("Plenary meeting", "全體會議"))
    created += count
    created += _meeting(acting_user, plenary, D(2024, 9, 1), ("Plenary meeting of the GlobE Network",
                                                              "GlobE 網絡全體會議"), ("Beijing", "北京"),
                        "CHAPTER: September 2024; the Commissioner led a delegation and spoke at a high-level forum.")
    return created


@transaction.atomic
def load(acting_user) -> int:
    """Creates the networks, memberships and governance records that are missing; returns how many it created."""
    with change_context(ChangeSource.CLI):
        names = [n[0] for n in NETWORKS] + [n[4] for n in NETWORKS] + [n[5] for n in NETWORKS if n[5]]
        names += [name for name, _history in NAMED_IAACA_MEMBERS]
        organisations = _by_name(set(names))
        if IAACA not in organisations or ICAC not in organisations:
            return 0  # the partner registry's reference data is not there: nothing to link to
        contacts = {c.name_en: c for c in Contact.objects.filter(name_en__in=[
            "Commissioner, ICAC", "Deputy Commissioner and Head of Operations, ICAC", "Secretary-General, IAACA"])}
        networks, created = _load_networks(acting_user, organisations)
        created += _load_iaaca_members(acting_user, networks[IAACA], organisations)
        created += _load_iaaca_governance(acting_user, networks[IAACA], organisations, contacts)
        if GLOBE in networks:
            created += _load_globe(acting_user, networks[GLOBE], organisations, contacts)
        for name in (ACTWG, ACI):
            if name in networks:
                created += _add_membership(acting_user, networks[name], organisations[ICAC], [(
                    Status.MEMBER, D(2011, 1, 1) if name == ACTWG else D(2001, 11, 30), "")], {
                    "capacity_en": HK_CHINA[0], "capacity_zh_hant": HK_CHINA[1],
                    "notes": "The ICAC takes part representing Hong Kong, China. Start date approximate."})
        return created


