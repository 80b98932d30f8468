"""The delegations area's part of the reference dataset: the chapter's missions, the Greater Bay Area integrity
guide, and the 2024 incoming delegations.

CHAPTER: the missions' places, events, months where given, who led them and in what capacity (the Commissioner to
Astana and Beijing; the Deputy Commissioner to Vienna "as part of China's delegation"; the study visit to Changsha
with about 50 representatives after the Symposium); the guide's partners (with the support and coordination of the
National Commission of Supervision, the ICAC, the Guangdong Provincial Commission of Supervision and the
Commission Against Corruption of Macao); the 2024 totals: "nearly 130 delegations" and "over 2 600" visitors; the
experience sharing programme for the National Anti-Corruption Advisory Council of South Africa in March 2024.
ASSUMED: exact days (the chapter gives months, or no date, for each mission), the months of Vienna's Steering
Committee, Peru, Bhutan and Shanghai, the guide's milestones' dates; and, for the other 127 delegations, everything:
they are marked synthetic, spread over regions, categories and working days so that the 2024 statistics reproduce
the chapter's totals (128 delegations, 2 614 visitors) from records.
"""

import datetime
import random
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.core.changelog import change_context
from liaison.core.choices import ChangeSource
from liaison.core.models import Jurisdiction
from liaison.events.models import Event
from liaison.partners.models import Organisation

from . import dates, services
from .choices import DelegationCategory as Category
from .choices import DelegationStatus, MissionCapacity, MissionPurpose, MissionStatus, OutputKind, ProjectStatus
from .models import Delegation, JointProject, Mission

YEAR = 2024
DELEGATIONS = 128  # "nearly 130"
VISITORS = 2614  # "over 2 600"
COMMISSIONER = ("the Commissioner", "廉政專員")
DEPUTY = ("the Deputy Commissioner", "副廉政專員")
OFFICERS = ("ICAC officers", "廉署人員")


@dataclass(frozen=True)
class MissionFact:
    title: tuple[str, str]
    city: tuple[str, str]
    country: str
    start: datetime.date
    days: int
    purpose: str
    event: tuple[str, str]
    leader: tuple[str, str] = OFFICERS
    capacity: str = MissionCapacity.OWN
    organisations: tuple[str, ...] = ()
    speeches: tuple[str, str] = ("", "")


MISSIONS: tuple[MissionFact, ...] = (
    MissionFact(("Global Anti-Corruption and Integrity Forum", "全球反腐敗及誠信論壇"), ("Paris", "巴黎"), "FR",
                datetime.date(2024, 3, 20), 3, MissionPurpose.CONFERENCE,
                ("OECD Global Anti-Corruption and Integrity Forum", "經濟合作與發展組織全球反腐敗及誠信論壇"),
                organisations=("Organisation for Economic Co-operation and Development",)),
    MissionFact(("Study visit to Changsha", "長沙考察"), ("Changsha", "長沙"), "CN", datetime.date(2024, 5, 25), 3,
                MissionPurpose.STUDY_VISIT,
                ("Study visit after the 8th ICAC Symposium", "廉政公署第八屆國際會議後考察"), COMMISSIONER),
    MissionFact(("5th International Collective Action Conference", "第五屆國際集體行動會議"), ("Basel", "巴塞爾"), "CH",
                datetime.date(2024, 6, 18), 2, MissionPurpose.CONFERENCE,
                ("5th International Collective Action Conference", "第五屆國際集體行動會議"),
                organisations=("Basel Institute on Governance",)),
    MissionFact(("15th session of the Implementation Review Group", "實施審查小組第十五屆會議"), ("Vienna", "維也納"),
                "AT", datetime.date(2024, 6, 10), 5, MissionPurpose.BODY_MEETING,
                ("15th session of the Implementation Review Group under the UNCAC",
                 "《聯合國反腐敗公約》實施審查小組第十五屆會議"),
                capacity=MissionCapacity.CHINA_DELEGATION,
                organisations=("Implementation Review Group under the UNCAC", "United Nations Office at Vienna")),
    MissionFact(("Meeting of the GlobE Network's Steering Committee", "GlobE 網絡指導委員會會議"),
                ("Vienna", "維也納"), "AT", datetime.date(2024, 11, 18), 2, MissionPurpose.BODY_MEETING,
                ("GlobE Network Steering Committee", "GlobE 網絡指導委員會"), DEPUTY, MissionCapacity.CHINA_DELEGATION,
                ("Global Operational Network of Anti-Corruption Law Enforcement Authorities",)),
    MissionFact(("China (Yunnan)-Southeast Asia Subnational Symposium", "中國（雲南）—東南亞地方廉潔建設研討會"),
                ("Kunming", "昆明"), "CN", datetime.date(2024, 8, 27), 2, MissionPurpose.CONFERENCE,
                ("China (Yunnan)-Southeast Asia Subnational Symposium on Belt and Road Integrity Building",
                 "中國（雲南）—東南亞地方一帶一路廉潔建設研討會"),
                organisations=("National Commission of Supervision",)),
    MissionFact(("Plenary meeting of the GlobE Network", "GlobE 網絡全體會議"), ("Beijing", "北京"), "CN",
                datetime.date(2024, 9, 10), 3, MissionPurpose.BODY_MEETING,
                ("Plenary meeting of the GlobE Network", "GlobE 網絡全體會議"), COMMISSIONER,
                MissionCapacity.CHINA_DELEGATION,
                ("Global Operational Network of Anti-Corruption Law Enforcement Authorities",),
                ("The Commissioner spoke at a high-level forum on law enforcement cooperation; the Deputy Commissioner "
                 "spoke at a panel discussion on recovering corrupt assets.",
                 "廉政專員在高級別論壇發表演說；副廉政專員在討論環節就追討資產發言。")),
    MissionFact(("Annual Conference of the Regional Platform in Central Asia", "中亞區域平台年會"),
                ("Astana", "阿斯塔納"), "KZ", datetime.date(2024, 10, 8), 3, MissionPurpose.CONFERENCE,
                ("First Annual Conference of the Regional Platform for Fast-Tracking the Implementation of the UNCAC "
                 "in Central Asia", "加快在中亞實施《聯合國反腐敗公約》區域平台首屆年會"), COMMISSIONER,
                organisations=("United Nations Office on Drugs and Crime",
                               "Anti-Corruption Agency of the Republic of Kazakhstan")),
    MissionFact(("IV Tashkent Anti-Corruption Forum", "第四屆塔什干反腐敗論壇"), ("Tashkent", "塔什干"), "UZ",
                datetime.date(2024, 10, 22), 2, MissionPurpose.CONFERENCE,
                ("IV Tashkent Anti-Corruption Forum", "第四屆塔什干反腐敗論壇")),
    MissionFact(("APEC Anti-Corruption and Transparency Experts Working Group meetings",
                 "亞太經濟合作組織反貪腐倡透明專家工作小組會議"), ("", ""), "PE", datetime.date(2024, 8, 5), 3,
                MissionPurpose.BODY_MEETING, ("APEC ACTWG meetings", "亞太經合組織反貪腐倡透明專家工作小組會議"),
                capacity=MissionCapacity.HONG_KONG_CHINA,
                organisations=("APEC Anti-Corruption and Transparency Experts Working Group",)),
    MissionFact(("Regional conference of the Anti-Corruption Initiative for Asia and the Pacific",
                 "亞太區反貪污行動計劃區域會議"), ("", ""), "BT", datetime.date(2024, 9, 24), 3,
                MissionPurpose.CONFERENCE, ("2024 regional conference of the ADB/OECD Initiative",
                                            "亞太區反貪污行動計劃二零二四年區域會議"),
                organisations=("Anti-Corruption Initiative for Asia and the Pacific",)),
    MissionFact(("Visit to Shanghai", "上海訪問"), ("Shanghai", "上海"), "CN", datetime.date(2024, 11, 5), 2,
                MissionPurpose.OFFICIAL_VISIT, ("", ""), COMMISSIONER),
)

GUIDE = ("Guide on doing business with integrity in the Greater Bay Area", "大灣區廉潔營商指南")
GUIDE_PARTNERS = (
    ("Independent Commission Against Corruption", ("Co-author", "合作編寫")),
    ("Guangdong Provincial Commission of Supervision", ("Co-author", "合作編寫")),
    ("Commission Against Corruption of Macao", ("Co-author", "合作編寫")),
    ("National Commission of Supervision", ("Support and coordination", "支持及統籌")),
)
GUIDE_MILESTONES = ((datetime.date(2024, 3, 1), ("Drafting begins", "開始編寫")),
                    (datetime.date(2024, 9, 30), ("Draft agreed by the partners", "各方議定初稿")),
                    (datetime.date(2024, 12, 31), ("Guide published", "指南出版")))

SOUTH_AFRICA = "National Anti-Corruption Advisory Council of South Africa"

# Where the synthetic delegations come from: (ISO code, weight). The Mainland and Asia send most.
ORIGINS = (("CN", 48), ("MO", 5), ("SG", 5), ("MY", 5), ("KR", 4), ("JP", 3), ("TH", 4), ("VN", 4), ("ID", 3),
           ("PH", 3), ("KZ", 3), ("UZ", 2), ("SA", 2), ("AE", 2), ("GB", 3), ("FR", 2), ("DE", 2), ("CH", 1),
           ("NL", 1), ("ZA", 2), ("NG", 2), ("KE", 2), ("MU", 1), ("US", 3), ("CA", 1), ("BR", 1), ("AU", 3),
           ("NZ", 2))
CATEGORIES = ((Category.GOVERNMENT, 40), (Category.LAW_ENFORCEMENT, 16), (Category.JUDICIARY, 8),
              (Category.LEGISLATORS, 4), (Category.CORPORATE, 12), (Category.ACADEMIC, 8), (Category.STUDENTS, 8),
              (Category.MEDIA, 2), (Category.OTHER, 2))
CATEGORY_WORDS = {Category.GOVERNMENT: ("government officials", "政府官員"),
                  Category.LAW_ENFORCEMENT: ("law enforcement officers", "執法人員"),
                  Category.JUDICIARY: ("judges and prosecutors", "司法及檢控人員"),
                  Category.LEGISLATORS: ("legislators", "立法機關議員"),
                  Category.CORPORATE: ("corporate representatives", "企業代表"),
                  Category.ACADEMIC: ("scholars", "學者"), Category.STUDENTS: ("students", "學生"),
                  Category.MEDIA: ("journalists", "傳媒"), Category.OTHER: ("visitors", "訪客")}


def _organisations(names) -> dict[str, Organisation]:
    found = {o.name_en: o for o in Organisation.objects.filter(name_en__in=set(names))}
    missing = sorted(set(names) - set(found))
    if missing:
        raise ImproperlyConfigured(
            _("The organisations {names} are missing, so the delegations reference data cannot be loaded. "
              "Load the partner reference data first (“liaison demo” does).").format(names=", ".join(missing)))
    return found


def _event_attended(fact):
    """The event of the events area's reference data held in the mission's country in the month it left, if any."""
    return Event.objects.filter(jurisdiction__code=fact.country, start_date__year=fact.start.year,
                                start_date__month=fact.start.month).order_by("start_date", "pk").first()


def _load_missions(acting_user) -> list[Mission]:
    names = [name for fact in MISSIONS for name in fact.organisations]
    organisations = _organisations(names)
    countries = {j.code: j for j in Jurisdiction.objects.filter(code__in={fact.country for fact in MISSIONS})}
    existing = set(Mission.objects.filter(title_en__in=[f.title[0] for f in MISSIONS]).values_list("title_en",
                                                                                                 flat=True))
    made = []
    for fact in MISSIONS:
        if fact.title[0] in existing:
            continue
        made.append(services.create_mission(acting_user, {
            "title_en": fact.title[0], "title_zh_hant": fact.title[1], "purpose": fact.purpose,
            "destinations": [countries[fact.country]], "city_en": fact.city[0], "city_zh_hant": fact.city[1],
            "start_date": fact.start, "end_date": fact.start + datetime.timedelta(days=fact.days - 1),
            "event": _event_attended(fact), "event_name_en": fact.event[0], "event_name_zh_hant": fact.event[1],
            "leader_en": fact.leader[0],
            "leader_zh_hant": fact.leader[1], "capacity": fact.capacity, "status": MissionStatus.COMPLETED,
            "organisations": [organisations[name] for name in fact.organisations],
            "speeches_en": fact.speeches[0], "speeches_zh_hant": fact.speeches[1],
        }))
    return made


def _load_guide(acting_user) -> int:
    if JointProject.objects.filter(title_en=GUIDE[0]).exists():
        return 0
    organisations = _organisations([name for name, _role in GUIDE_PARTNERS])
    project = services.create_project(acting_user, {
        "title_en": GUIDE[0], "title_zh_hant": GUIDE[1], "status": ProjectStatus.ACTIVE,
        "coordinating_body": organisations["National Commission of Supervision"],
        "start_date": GUIDE_MILESTONES[0][0],
        "description_en": "Practical corruption prevention guidelines for overseas and local enterprises with "
                          "business in the Greater Bay Area.",
        "description_zh_hant": "為在大灣區營商的境外及本地企業提供實用的防貪指引。",
    })
    for name, (role_en, role_zh) in GUIDE_PARTNERS:
        services.add_partner(acting_user, project, {"organisation": organisations[name], "role_en": role_en,
                                                    "role_zh_hant": role_zh})
    for day, (title_en, title_zh) in GUIDE_MILESTONES:
        services.add_milestone(acting_user, project, {"date": day, "title_en": title_en, "title_zh_hant": title_zh,
                                                      "reached": True})
    services.add_output(acting_user, project, {"kind": OutputKind.PUBLICATION, "title_en": GUIDE[0],
                                               "title_zh_hant": GUIDE[1]})
    return 1


def working_days(rng: random.Random, count: int) -> list[datetime.date]:
    """`count` working days of the year (no weekend, no public holiday), spread over its months."""
    first, last = datetime.date(YEAR, 1, 2), datetime.date(YEAR, 12, 20)
    flagged = {flag.day for flag in dates.flagged_days(first, last)}
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    open_days = [day for day in days if day not in flagged]
    return sorted(rng.sample(open_days, count))


def sizes(rng: random.Random, count: int, total: int) -> list[int]:
    """`count` delegation sizes (3 to 60) adding up to `total`."""
    drawn = [rng.randint(6, 34) for _n in range(count)]
    difference = total - sum(drawn)
    index = 0
    while difference:
        step = 1 if difference > 0 else -1
        if 3 <= drawn[index % count] + step <= 60:
            drawn[index % count] += step
            difference -= step
        index += 1
    return drawn


def _named_delegation() -> dict:
    council = _organisations([SOUTH_AFRICA])[SOUTH_AFRICA]
    return {
        "title_en": "Experience sharing programme for the National Anti-Corruption Advisory Council of South Africa",
        "title_zh_hant": "南非國家反貪諮詢局經驗交流課程", "organisations": [council],
        "jurisdiction": Jurisdiction.objects.get(code="ZA"), "category": Category.GOVERNMENT, "declared_size": 12,
        "start_date": datetime.date(YEAR, 3, 11), "end_date": datetime.date(YEAR, 3, 15),
        "languages": ["English"], "status": DelegationStatus.COMPLETED,
    }


def _synthetic_delegations(rng: random.Random, count: int, total: int) -> list[dict]:
    jurisdictions = {j.code: j for j in Jurisdiction.objects.filter(code__in=[code for code, _w in ORIGINS])}
    codes = rng.choices([c for c, _w in ORIGINS], [w for _c, w in ORIGINS], k=count)
    categories = rng.choices([c for c, _w in CATEGORIES], [w for _c, w in CATEGORIES], k=count)
    found = []
    for number, (day, size, code, category) in enumerate(
            zip(working_days(rng, count), sizes(rng, count, total), codes, categories, strict=True), start=1):
        jurisdiction = jurisdictions[code]
        words = CATEGORY_WORDS[category]
        found.append({
            "title_en": f"Delegation of {words[0]} from {jurisdiction.name_en} ({YEAR}-{number:03d})",
            "title_zh_hant": f"{jurisdiction.name_zh_hant}{words[1]}訪問團（{YEAR}-{number:03d}）",
            "jurisdiction": jurisdiction, "category": category, "declared_size": size, "start_date": day,
            "end_date": day, "languages": ["Putonghua"] if code in ("CN", "MO") else ["English"],
            "status": DelegationStatus.COMPLETED, "is_synthetic": True,
        })
    return found


def _load_delegations(acting_user) -> int:
    if Delegation.objects.filter(start_date__year=YEAR, is_synthetic=True).exists():
        return 0
    named = _named_delegation()
    rng = random.Random(f"visits/{YEAR}")
    rows = [named, *_synthetic_delegations(rng, DELEGATIONS - 1, VISITORS - named["declared_size"])]
    for data in rows:
        services.create_delegation(acting_user, data)
    return len(rows)


@transaction.atomic
def load(acting_user) -> int:
    """Creates what is missing (a record already there is left as the users keep it); returns how many."""
    with change_context(ChangeSource.CLI):
        return len(_load_missions(acting_user)) + _load_guide(acting_user) + _load_delegations(acting_user)
