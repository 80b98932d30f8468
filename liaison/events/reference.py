"""The events area's part of the reference dataset: every event of the 2024 chapter, with the 8th ICAC Symposium's
participants reproducing its figures.

CHAPTER: the events, their organisers, places, months and what happened there; the Symposium's figures — over 500
delegates of 180 agencies from nearly 60 jurisdictions (a record), over 30 speakers over three days, about 200
students at the youth panel, over 40 bilateral meetings, the five MoUs signed and the IAACA Executive Committee
meeting held there; the Changsha study visit by about 50 representatives of nearly 20 agencies in America, Europe,
Africa, Oceania and Asia.
NAMED participants: the guest speakers the chapter names (by their posts, as it does).
SYNTHETIC (marked `is_synthetic`, their agencies tagged as synthetic demo data): every other participant, so that
the figures come from records — 512 delegates (32 speakers among them) of 180 agencies in 58 jurisdictions,
200 students, 50 study-visit participants of 19 agencies over the five continents, 42 bilateral meetings.
ASSUMED (the chapter gives the month or only the year): the days — the Symposium from 22 to 24 May 2024 (the day
the MoUs are recorded as signed is its first day), the training and the study visit after it, the other events
on the first day of their month with `approximate` set; where the chapter gives no month (Peru, Bhutan) the event
is put in the month its notes give as assumed. Session times are illustrative.
"""

import datetime
import itertools
from dataclasses import dataclass, field

from django.db import transaction

from liaison.agreements.models import Agreement
from liaison.core import services as core
from liaison.core.changelog import change_context
from liaison.core.choices import ChangeSource
from liaison.core.models import Jurisdiction, Tag
from liaison.networks.models import BodyMeeting
from liaison.partners.choices import OrganisationKind
from liaison.partners.models import Organisation

from . import services
from .choices import EventKind, MeetingStatus, OurRole, ParticipantRole, RegistrationStatus
from .models import Event, EventSeries, MeetingRequest, Registration

D = datetime.date
SYNTHETIC_TAG = "synthetic-demo-data"
SYNTHETIC_NOTE = ("Synthetic record for the demo: the 2024 chapter gives only the totals of the 8th ICAC Symposium "
                  "(over 500 delegates of 180 agencies from nearly 60 jurisdictions).")

ICAC = "Independent Commission Against Corruption"
IAACA = "International Association of Anti-Corruption Authorities"
HKIAAC = "Hong Kong International Academy Against Corruption"
UNODC = "United Nations Office on Drugs and Crime"
NCS = "National Commission of Supervision"
HKSAR_GOVERNMENT = "Government of the Hong Kong Special Administrative Region"
KAZAKHSTAN = "Anti-Corruption Agency of the Republic of Kazakhstan"

SYMPOSIUM_TITLE = ("8th ICAC Symposium", "廉政公署第八屆國際會議")
SYMPOSIUM_START = D(2024, 5, 22)
DELEGATES, SPEAKERS, AGENCIES, JURISDICTIONS = 512, 32, 180, 58
STUDENTS, BILATERAL_MEETINGS = 200, 42
STUDY_VISITORS, STUDY_VISIT_AGENCIES = 50, 19

# The guest speakers who addressed the Symposium (CHAPTER), by post, with their organisations.
GUEST_SPEAKERS = (
    ("the Chief Executive", "行政長官", HKSAR_GOVERNMENT),
    ("the Deputy Secretary of the Central Commission for Discipline Inspection of the Communist Party of China and "
     "Vice Chairman of the National Commission of Supervision", "中共中央紀委副書記及國家監察委員會副主任", NCS),
    ("the Director-General of the United Nations Office at Vienna and Executive Director of the UNODC",
     "聯合國駐維也納辦事處總幹事暨聯合國毒罪辦執行主任", UNODC),
    ("the Chief Justice of the Court of Final Appeal", "終審法院首席法官", "Court of Final Appeal"),
    ("the Deputy Secretary for Justice", "律政司副司長", "Department of Justice"),
)
# Agencies the chapter places at the Symposium: the MoU partners signed with there.
SYMPOSIUM_AGENCIES = (UNODC, KAZAKHSTAN, "Financial Crimes Commission of Mauritius",
                      "Oversight and Anti-Corruption Authority of Saudi Arabia",
                      "Special Investigating Unit of South Africa")
# Jurisdictions the synthetic delegations come from, every continent (the study visit's too) among the first.
SYNTHETIC_JURISDICTIONS = (
    "AU NZ FJ PG US CA BR MX AR CL PE GB FR DE IT ES NL PL NG KE EG GH ET MA TZ JP KR SG MY TH ID PH VN IN PK "
    "BD LK NP MN KG UZ TJ TM AE QA OM BH JO TR RU BY RS UA GE AM AZ IR IQ MV BT KH LA MM BN TL"
).split()


@dataclass(frozen=True)
class EventFact:
    key: str
    kind: str
    our_role: str
    title: tuple[str, str]
    start: datetime.date
    end: datetime.date
    city: tuple[str, str] = ("", "")
    jurisdiction: str = ""
    organisers: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    theme: tuple[str, str] = ("", "")
    description: tuple[str, str] = ("", "")
    approximate: bool = True
    time_zone: str = "Asia/Hong_Kong"
    agreements_occasion: str = ""
    network_meetings: tuple[str, ...] = ()
    notes: str = ""
    series: bool = False
    edition: int | None = None
    languages: tuple[str, ...] = field(default=("en",))


EVENTS: tuple[EventFact, ...] = (
    EventFact("sa-programme", EventKind.WORKSHOP, OurRole.ORGANISER,
              ("Experience sharing programme for the National Anti-Corruption Advisory Council of South Africa",
               "為南非國家反貪諮詢局舉辦的經驗交流課程"), D(2024, 3, 1), D(2024, 3, 1), ("Hong Kong", "香港"), "HK",
              (IAACA, HKIAAC),
              ("National Anti-Corruption Advisory Council of South Africa",
               "Anti-Corruption and Civil Rights Commission of the Republic of Korea",
               "Malaysian Anti-Corruption Commission", ICAC),
              description=("Representatives from ACAs of Hong Kong, the Republic of Korea, Malaysia and South Africa "
                           "shared their anti-corruption strategies, providing references for the reform of South "
                           "Africa's anti-corruption system.",
                           "香港、韓國、馬來西亞及南非的反貪機構代表就反貪策略交流經驗，為南非改革反貪制度提供參考。")),
    EventFact("oecd-paris", EventKind.FORUM, OurRole.PARTICIPANT,
              ("Global Anti-Corruption and Integrity Forum", "全球反腐敗與誠信論壇"), D(2024, 3, 1), D(2024, 3, 1),
              ("Paris", "巴黎"), "FR", ("Organisation for Economic Co-operation and Development",),
              time_zone="Europe/Paris"),
    EventFact("symposium", EventKind.SYMPOSIUM, OurRole.CO_HOST, SYMPOSIUM_TITLE, SYMPOSIUM_START,
              SYMPOSIUM_START + datetime.timedelta(days=2), ("Hong Kong", "香港"), "HK", (ICAC, IAACA),
              theme=("Charting a New Path to Combat Corruption", "廉潔世界新道路"),
              description=("Over 500 delegates of 180 ACAs from nearly 60 jurisdictions, a record. The IAACA adopted "
                           "the Hong Kong Declaration on Strengthening International Cooperation in Preventing and "
                           "Fighting Corruption.",
                           "來自近 60 個司法管轄區的 180 個與反貪工作相關機構的逾 500 名代表參與，創下歷年新高。"
                           "聯合會發表《加強國際合作預防和打擊貪腐香港宣言》。"),
              approximate=False, agreements_occasion=SYMPOSIUM_TITLE[0],
              network_meetings=("Executive Committee meeting during the 8th ICAC Symposium",), series=True,
              edition=8, languages=("en", "zh-hant")),
    EventFact("post-symposium-training", EventKind.COURSE, OurRole.ORGANISER,
              ("Training programme for the participants of the 8th ICAC Symposium", "廉政公署第八屆國際會議後培訓課程"),
              D(2024, 5, 25), D(2024, 5, 25), ("Hong Kong", "香港"), "HK", (HKIAAC, IAACA),
              notes="CHAPTER: following the Symposium; ASSUMED: the day."),
    EventFact("changsha", EventKind.STUDY_VISIT, OurRole.ORGANISER,
              ("Study visit to Changsha, Hunan Province", "湖南省長沙市考察交流"), D(2024, 5, 26), D(2024, 5, 28),
              ("Changsha", "長沙"), "CN", (ICAC,),
              description=("About 50 high-level representatives from nearly 20 anti-corruption and law enforcement "
                           "agencies in America, Europe, Africa, Oceania and Asia, led by the Commissioner, on a "
                           "three-day study visit.",
                           "約 50 位來自美洲、歐洲、非洲、大洋洲和亞洲近 20 個反貪和執法部門的高級別代表在廉政專員的"
                           "帶領下進行三天實地考察。"),
              time_zone="Asia/Shanghai", notes="CHAPTER: after the Symposium, three days; ASSUMED: the days."),
    EventFact("basel", EventKind.SYMPOSIUM, OurRole.PARTICIPANT,
              ("5th International Collective Action Conference", "第五屆國際集體行動會議"), D(2024, 6, 1),
              D(2024, 6, 1), ("Basel", "巴塞爾"), "CH", ("Basel Institute on Governance",), time_zone="Europe/Zurich"),
    EventFact("irg-vienna", EventKind.BODY_MEETING, OurRole.DELEGATION,
              ("15th session of the Implementation Review Group under the UNCAC", "《公約》實施審查小組第十五次會議"),
              D(2024, 6, 1), D(2024, 6, 1), ("Vienna", "維也納"), "AT",
              ("Implementation Review Group under the UNCAC",), time_zone="Europe/Vienna",
              notes="CHAPTER: ICAC officers attended as part of China's delegation."),
    EventFact("globe-steering", EventKind.BODY_MEETING, OurRole.DELEGATION,
              ("Meetings of the GlobE Network's Steering Committee", "GlobE 網絡指導委員會會議"), D(2024, 6, 1),
              D(2024, 6, 1), ("Vienna", "維也納"), "AT",
              ("Global Operational Network of Anti-Corruption Law Enforcement Authorities",),
              time_zone="Europe/Vienna", network_meetings=("Steering Committee meeting",),
              notes="CHAPTER: the Deputy Commissioner attended as part of China's delegation during the year; "
                    "ASSUMED: the month."),
    EventFact("kunming", EventKind.SYMPOSIUM, OurRole.DELEGATION,
              ("China (Yunnan)-Southeast Asia Subnational Symposium on Belt and Road Integrity Building",
               "「一帶一路廉潔建設——中國雲南與東南亞國家地方研討會」"), D(2024, 8, 1), D(2024, 8, 1),
              ("Kunming", "昆明"), "CN", (NCS,), time_zone="Asia/Shanghai",
              description=("At the invitation of the NCS; ICAC officers exchanged with nearly 100 representatives of "
                           "ACAs across Southeast Asia.",
                           "應國家監察委員會的邀請出席，與近100名來自東南亞各國反貪機構的代表交流。")),
    EventFact("br-summit", EventKind.CEREMONY, OurRole.PARTICIPANT,
              ("Belt and Road Summit (MoU exchange ceremony)", "一帶一路高峰論壇（合作諒解備忘錄交換儀式）"),
              D(2024, 9, 11), D(2024, 9, 11), ("Hong Kong", "香港"), "HK", approximate=False,
              agreements_occasion="Belt and Road Summit (MoU exchange ceremony)",
              notes="CHAPTER: the exchange ceremony of the MoUs with Indonesia and Maldives, witnessed by the Chief "
                    "Executive; ASSUMED: the day, as the agreements record it."),
    EventFact("globe-beijing", EventKind.BODY_MEETING, OurRole.DELEGATION,
              ("Plenary meeting of the GlobE Network", "GlobE 網絡全體會議"), D(2024, 9, 1), D(2024, 9, 1),
              ("Beijing", "北京"), "CN", ("Global Operational Network of Anti-Corruption Law Enforcement Authorities",),
              time_zone="Asia/Shanghai", network_meetings=("Plenary meeting of the GlobE Network",),
              description=("The Commissioner led a delegation and spoke at a high-level forum; the Deputy "
                           "Commissioner-cum-Head of Operations spoke at a panel discussion on recovering corrupt "
                           "assets.",
                           "廉政專員率團出席，並在高級別論壇上發言；副廉政專員兼執行處首長在專題研討會發表演說。")),
    EventFact("central-asia-conference", EventKind.SYMPOSIUM, OurRole.DELEGATION,
              ("First Annual Conference of the Regional Platform for Fast-Tracking the Implementation of the UNCAC in "
               "Central Asia", "加快實施《聯合國反腐敗公約》中亞區域平台第一屆年會"), D(2024, 10, 1), D(2024, 10, 1),
              ("Astana", "阿斯塔納"), "KZ", (UNODC,), time_zone="Asia/Almaty",
              notes="CHAPTER: the Commissioner led a delegation and discussed cooperation with Central Asian leaders."),
    EventFact("central-asia-course", EventKind.COURSE, OurRole.ORGANISER,
              ("Training course for anti-graft fighters across the Central Asian region", "中亞地區反貪人員培訓課程"),
              D(2024, 10, 1), D(2024, 10, 1), ("Astana", "阿斯塔納"), "KZ", (IAACA, HKIAAC, UNODC, KAZAKHSTAN),
              time_zone="Asia/Almaty", notes="CHAPTER: following the Conference, in Kazakhstan; ASSUMED: the city."),
    EventFact("tashkent", EventKind.FORUM, OurRole.PARTICIPANT,
              ("IV Tashkent Anti-Corruption Forum", "第四屆塔什干反貪論壇"), D(2024, 10, 1), D(2024, 10, 1),
              ("Tashkent", "塔什干"), "UZ", time_zone="Asia/Tashkent"),
    EventFact("apec-peru", EventKind.BODY_MEETING, OurRole.PARTICIPANT,
              ("Meetings of the APEC Anti-Corruption and Transparency Experts Working Group",
               "亞太經濟合作組織反貪腐倡透明專家工作小組會議"), D(2024, 8, 1), D(2024, 8, 1), ("", ""), "PE",
              ("APEC Anti-Corruption and Transparency Experts Working Group",), time_zone="America/Lima",
              notes="CHAPTER: in Peru, representing Hong Kong, China; the month is not given: ASSUMED August."),
    EventFact("adb-oecd-bhutan", EventKind.SYMPOSIUM, OurRole.PARTICIPANT,
              ("2024 regional conference and law enforcement network meeting of the Anti-Corruption Initiative for "
               "Asia and the Pacific", "亞太區反貪污行動計劃二零二四年區域會議和執法網絡會議"), D(2024, 11, 1),
              D(2024, 11, 1), ("", ""), "BT", ("Anti-Corruption Initiative for Asia and the Pacific",),
              time_zone="Asia/Thimphu",
              notes="CHAPTER: in Bhutan; the month is not given: ASSUMED November."),
)


def _organisations(names) -> dict[str, Organisation]:
    return {o.name_en: o for o in Organisation.objects.filter(name_en__in=list(names))}


def _series(acting_user) -> EventSeries:
    found = EventSeries.objects.filter(name_en="ICAC Symposium").first()
    return found or services.create_series(acting_user, {
        "name_en": "ICAC Symposium", "name_zh_hant": "廉政公署國際會議", "first_year": 2000,
        "notes": "CHAPTER: first held in 2000; past co-organisers include Interpol, the European Anti-Fraud Office "
                 "of the European Commission, the World Justice Project and the IAACA."})


def _event(acting_user, fact: EventFact, series) -> Event:
    organisations = _organisations(fact.organisers + fact.partners)
    agreements = Agreement.objects.filter(occasion_en=fact.agreements_occasion) if fact.agreements_occasion else []
    return services.create_event(acting_user, {
        "kind": fact.kind, "our_role": fact.our_role, "title_en": fact.title[0], "title_zh_hant": fact.title[1],
        "theme_en": fact.theme[0], "theme_zh_hant": fact.theme[1], "description_en": fact.description[0],
        "description_zh_hant": fact.description[1], "start_date": fact.start, "end_date": fact.end,
        "approximate": fact.approximate, "time_zone": fact.time_zone, "city_en": fact.city[0],
        "city_zh_hant": fact.city[1], "jurisdiction": Jurisdiction.objects.filter(code=fact.jurisdiction).first(),
        "languages": list(fact.languages), "notes": fact.notes,
        "series": series if fact.series else None, "edition": fact.edition,
        "organisers": [organisations[n] for n in fact.organisers if n in organisations],
        "partners": [organisations[n] for n in fact.partners if n in organisations],
        "agreements": list(agreements),
        "network_meetings": list(BodyMeeting.objects.filter(title_en__in=fact.network_meetings)),
    })


def _synthetic_tag(acting_user) -> Tag:
    return Tag.objects.filter(slug=SYNTHETIC_TAG).first() or core.create_object(acting_user, Tag, {
        "slug": SYNTHETIC_TAG, "name_en": "Synthetic demo data", "name_zh_hant": "示範合成資料"})


def _synthetic_agencies(acting_user, named: list[Organisation]) -> list[Organisation]:
    """Synthetic agencies so that the Symposium's delegations number AGENCIES in JURISDICTIONS jurisdictions."""
    named_codes = {o.jurisdiction.code for o in named if o.jurisdiction_id}
    codes = [code for code in SYNTHETIC_JURISDICTIONS if code not in named_codes][:JURISDICTIONS - len(named_codes)]
    jurisdictions = {j.code: j for j in Jurisdiction.objects.filter(code__in=codes)}
    tag = _synthetic_tag(acting_user)
    records = []
    for number, code in zip(range(1, AGENCIES - len(named) + 1), itertools.cycle(codes), strict=False):
        agency = Organisation(kind=OrganisationKind.ANTI_CORRUPTION_AGENCY, jurisdiction=jurisdictions[code],
                              name_en=f"Synthetic symposium delegation agency {number:03d} (demo data)",
                              name_zh_hant=f"示範合成代表機構 {number:03d}", notes=SYNTHETIC_NOTE)
        core.clean_new(agency, set())
        records.append(core.NewRecord(agency, {"tags": [tag]}))
    return core.create_in_bulk(acting_user, records)


def _registration(event, data: dict, status=RegistrationStatus.ATTENDED) -> core.NewRecord:
    registration = Registration(event=event, status=status, **data)
    core.clean_new(registration, set())
    return core.NewRecord(registration, related=event)


def _symposium_participants(acting_user, event: Event) -> list[Organisation]:
    """The named guest speakers and the synthetic rest of the delegates, speakers and students; returns the
    synthetic agencies."""
    named = _organisations([org for _en, _zh, org in GUEST_SPEAKERS] + list(SYMPOSIUM_AGENCIES))
    synthetic = _synthetic_agencies(acting_user, list(named.values()))
    agencies = list(named.values()) + synthetic
    records = [_registration(event, {"name_en": en, "name_zh_hant": zh, "organisation": named[org],
                                     "role": ParticipantRole.SPEAKER, "position_en": en})
               for en, zh, org in GUEST_SPEAKERS if org in named]
    cycle = itertools.cycle(agencies)
    for number in range(1, DELEGATES - len(records) + 1):
        role = ParticipantRole.SPEAKER if number <= SPEAKERS - len(GUEST_SPEAKERS) else ParticipantRole.DELEGATE
        records.append(_registration(event, {"name_en": f"Synthetic delegate {number:03d}",
                                             "name_zh_hant": f"合成代表 {number:03d}", "organisation": next(cycle),
                                             "role": role, "is_synthetic": True}))
    records += [_registration(event, {"name_en": f"Synthetic student {number:03d}",
                                      "name_zh_hant": f"合成學生 {number:03d}", "role": ParticipantRole.STUDENT,
                                      "is_synthetic": True}) for number in range(1, STUDENTS + 1)]
    core.create_in_bulk(acting_user, records)
    return synthetic


def _youth_panel(acting_user, event: Event) -> None:
    zone = event.zone
    at = [datetime.datetime.combine(event.start_date, datetime.time(h, m), tzinfo=zone) for h, m in
          ((9, 30), (11, 0))]
    services.create_session(acting_user, {
        "event": event, "title_en": "Opening ceremony and addresses by the guest speakers",
        "title_zh_hant": "開幕典禮及嘉賓致辭", "start": at[0], "end": at[1], "room_en": "Main hall",
        "room_zh_hant": "主會場"})
    second_day = event.start_date + datetime.timedelta(days=1)
    services.create_session(acting_user, {
        "event": event, "title_en": "The Power of Youth in Creating a World of Integrity",
        "title_zh_hant": "凝聚青年力量 創建廉潔世代",
        "start": datetime.datetime.combine(second_day, datetime.time(14, 0), tzinfo=zone),
        "end": datetime.datetime.combine(second_day, datetime.time(15, 30), tzinfo=zone),
        "room_en": "Main hall", "room_zh_hant": "主會場"})


def _bilateral_meetings(acting_user, event: Event, agencies: list[Organisation]) -> None:
    """Synthetic accepted meetings with us, one per delegation, standing for the "over 40" of the chapter."""
    records = []
    for agency in agencies[:BILATERAL_MEETINGS]:
        meeting = MeetingRequest(event=event, requester=agency, status=MeetingStatus.ACCEPTED,
                                 topic_en="Exchange of views on anti-corruption practices (synthetic demo data)",
                                 topic_zh_hant="交流反貪做法及經驗（示範合成資料）")
        core.clean_new(meeting, set())
        records.append(core.NewRecord(meeting, related=event))
    core.create_in_bulk(acting_user, records)


def _study_visitors(acting_user, event: Event, agencies: list[Organisation]) -> None:
    """About 50 representatives of nearly 20 synthetic agencies, taken region by region so that the five
    continents are there (synthetic people)."""
    by_region: dict = {}
    for agency in agencies:
        by_region.setdefault(agency.jurisdiction.region_id, []).append(agency)
    chosen = [agency for group in itertools.zip_longest(*by_region.values()) for agency in group if agency]
    chosen = chosen[:STUDY_VISIT_AGENCIES]
    cycle = itertools.cycle(chosen)
    records = [_registration(event, {"name_en": f"Synthetic study visitor {number:02d}",
                                     "name_zh_hant": f"合成考察團成員 {number:02d}", "organisation": next(cycle),
                                     "is_synthetic": True}) for number in range(1, STUDY_VISITORS + 1)]
    core.create_in_bulk(acting_user, records)


@transaction.atomic
def load(acting_user) -> int:
    """Creates the 2024 events that are missing, with their participants (an event already there is left as the
    users keep it). Returns how many events it created."""
    with change_context(ChangeSource.CLI):
        existing = set(Event.objects.filter(title_en__in=[f.title[0] for f in EVENTS]).values_list("title_en",
                                                                                                   flat=True))
        series = _series(acting_user)
        made = {fact.key: _event(acting_user, fact, series) for fact in EVENTS if fact.title[0] not in existing}
        if "symposium" in made:
            symposium = made["symposium"]
            agencies = _symposium_participants(acting_user, symposium)
            _youth_panel(acting_user, symposium)
            _bilateral_meetings(acting_user, symposium, agencies)
            if "changsha" in made:
                _study_visitors(acting_user, made["changsha"], agencies)
        return len(made)
