"""The partner registry's part of the reference dataset: every body the 2024 chapter names, as it names them.

Names marked CHAPTER are copied from the bilingual chapter (shared/seed/annual-report-2024-chapter-6.txt)
and GLOSSARY.md; names marked OURS fill a gap the chapter leaves (it says only "the ACA of Kazakhstan", or
gives no acronym) with the body's official English name and a Hong Kong Traditional Chinese rendering.
Other names (`aliases`) are the short, full, former and native forms users search by (中紀委, 國家監委, KPK's
Indonesian name), so that search finds the body whichever of them a user types.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.core.changelog import change_context
from liaison.core.choices import ChangeSource
from liaison.core.models import Jurisdiction, Tag

from . import services
from .choices import OrganisationKind as Kind
from .models import Contact, Organisation

BELT_AND_ROAD = "belt-and-road"
GREATER_BAY_AREA = "greater-bay-area"

SAMPLE_NOTE = (
    "Sample data: a post the 2024 annual report names, not a person. Replace it with the real contact.\n"
    "示例資料：二零二四年年報提及的職位，並非真實人物，請以實際聯絡人取代。"
)


@dataclass(frozen=True)
class OrganisationFact:
    """One organisation of the reference dataset; `parent` is the parent's English name."""

    name_en: str
    name_zh_hant: str
    kind: str
    acronym_en: str = ""
    acronym_zh_hant: str = ""
    jurisdiction: str | None = None
    parent: str | None = None
    website: str = ""
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    notes: str = ""
    is_own: bool = False


@dataclass(frozen=True)
class ContactFact:
    """A role the chapter implies, kept as a contact named by its title; positions are (organisation, en, zh)."""

    name_en: str
    name_zh_hant: str
    positions: tuple[tuple[str, str, str], ...] = ()


ICAC = "Independent Commission Against Corruption"
UNODC = "United Nations Office on Drugs and Crime"
IAACA = "International Association of Anti-Corruption Authorities"
APEC = "Asia-Pacific Economic Cooperation"
EUROPEAN_COMMISSION = "European Commission"
HKSAR_GOVERNMENT = "Government of the Hong Kong Special Administrative Region"
UNOV = "United Nations Office at Vienna"
NCS = "National Commission of Supervision"
CCDI = "Central Commission for Discipline Inspection of the Communist Party of China"

ORGANISATIONS: tuple[OrganisationFact, ...] = (
    # --- Hong Kong: the office itself and its academy. Names and acronyms: CHAPTER.
    OrganisationFact(
        ICAC, "廉政公署", Kind.ANTI_CORRUPTION_AGENCY, "ICAC", "廉署", "HK",
        website="https://www.icac.org.hk/", aliases=("香港廉政公署",), tags=(GREATER_BAY_AREA,), is_own=True,
    ),
    OrganisationFact(
        "Hong Kong International Academy Against Corruption", "香港國際廉政學院", Kind.TRAINING_ACADEMY,
        "HKIAAC", "廉政學院", "HK", parent=ICAC, website="https://hkiaac.icac.org.hk/",
        notes="Established by the ICAC in February 2024.",
    ),
    # Hong Kong bodies whose heads addressed the 8th ICAC Symposium or who supported the IAACA presidency.
    # Chinese names: CHAPTER. English: CHAPTER, except "Department of Justice" (OURS; the chapter names only
    # the Deputy Secretary for Justice).
    OrganisationFact(
        HKSAR_GOVERNMENT, "香港特別行政區政府", Kind.GOVERNMENT_DEPARTMENT, jurisdiction="HK",
        website="https://www.gov.hk/", aliases=("HKSAR Government", "香港特區政府"),
    ),
    OrganisationFact(
        "Court of Final Appeal", "終審法院", Kind.GOVERNMENT_DEPARTMENT, jurisdiction="HK",
        website="https://www.hkcfa.hk/", notes="The judiciary; its Chief Justice addressed the 8th ICAC Symposium.",
    ),
    OrganisationFact(
        "Department of Justice", "律政司", Kind.GOVERNMENT_DEPARTMENT, jurisdiction="HK",
        website="https://www.doj.gov.hk/",
    ),
    # --- The Mainland and Macao. Names: CHAPTER; the acronym CCDI and CCAC: OURS.
    OrganisationFact(
        "Central People's Government of the People's Republic of China", "中華人民共和國中央人民政府",
        Kind.GOVERNMENT_DEPARTMENT, jurisdiction="CN", website="https://www.gov.cn/", aliases=("中央政府",),
    ),
    OrganisationFact(
        NCS, "國家監察委員會", Kind.SUPERVISORY_COMMISSION, "NCS", jurisdiction="CN",
        website="https://www.ccdi.gov.cn/", aliases=("國家監委",),
        notes="Supports and coordinates the guide on doing business with integrity in the Greater Bay Area.",
    ),
    OrganisationFact(
        CCDI, "中共中央紀委", Kind.SUPERVISORY_COMMISSION, "CCDI", jurisdiction="CN",
        website="https://www.ccdi.gov.cn/",
        aliases=("中紀委", "中央紀委", "中央紀律檢查委員會", "中國共產黨中央紀律檢查委員會"),
    ),
    OrganisationFact(
        "Supreme People's Procuratorate", "最高人民檢察院", Kind.PROSECUTION, "SPP", "最高檢", "CN",
        website="https://www.spp.gov.cn/",
        notes="Initiated the IAACA in 2006; its Prosecutor General was IAACA President from 2006 to 2016.",
    ),
    # Coordinated by the NCS, not under it: no parent.
    OrganisationFact(
        "Guangdong Provincial Commission of Supervision", "廣東省監察委員會", Kind.SUPERVISORY_COMMISSION,
        jurisdiction="CN", aliases=("廣東省監委",), tags=(GREATER_BAY_AREA,),
    ),
    OrganisationFact(
        "Commission Against Corruption of Macao", "澳門特區廉政公署", Kind.ANTI_CORRUPTION_AGENCY, "CCAC",
        jurisdiction="MO", website="https://www.ccac.org.mo/", aliases=("澳門廉政公署", "澳門廉署"),
        tags=(GREATER_BAY_AREA,),
    ),
    # --- The United Nations. Names: CHAPTER; the acronym UNOV: OURS.
    OrganisationFact(
        UNODC, "聯合國毒品和犯罪問題辦公室", Kind.INTERNATIONAL_ORGANISATION, "UNODC", "聯合國毒罪辦",
        website="https://www.unodc.org/", notes="The ICAC's strategic partner in international cooperation.",
    ),
    # UNOV and UNODC share one head but neither sits under the other: no parent.
    OrganisationFact(
        UNOV, "聯合國駐維也納辦事處", Kind.INTERNATIONAL_ORGANISATION, "UNOV",
        website="https://www.unov.org/",
    ),
    OrganisationFact(
        "Global Operational Network of Anti-Corruption Law Enforcement Authorities", "全球反腐敗執法合作網絡",
        Kind.NETWORK, "GlobE Network", "GlobE 網絡", parent=UNODC, website="https://globenetwork.unodc.org/",
        notes="Established in 2021 under the auspices of the UNODC; over 200 members. The ICAC attends as part "
              "of China's delegation.",
    ),
    OrganisationFact(
        "YouthLED Integrity Advisory Board", "YouthLED 誠信諮詢委員會", Kind.NETWORK, parent=UNODC,
        notes="Advises the UNODC's Global Resource for Anti-Corruption Education and Youth Empowerment "
              "(GRACE) initiative.",
    ),
    OrganisationFact(
        "Regional Platform for Fast-Tracking the Implementation of the UNCAC in Central Asia",
        "加快實施《聯合國反腐敗公約》中亞區域平台", Kind.NETWORK, parent=UNODC,
    ),
    # The chapter's Chinese is "《公約》實施審查小組", the Convention named in full a paragraph before;
    # the stored name spells the Convention out (OURS) so that it reads on its own.
    OrganisationFact(
        "Implementation Review Group under the UNCAC", "《聯合國反腐敗公約》實施審查小組", Kind.NETWORK,
        notes="Subsidiary body of the Conference of the States Parties to the UNCAC.",
    ),
    # --- The association the ICAC presides over. Names and acronyms: CHAPTER.
    OrganisationFact(
        IAACA, "國際反貪局聯合會", Kind.NETWORK, "IAACA", "聯合會", website="https://www.iaaca.net/",
        notes="Established in 2006 under the initiative of the SPP. Presided over by the ICAC Commissioner "
              "since 2022; its Secretariat is set up in the ICAC.",
    ),
    # --- Regional platforms and international organisations. Names: CHAPTER; acronyms APEC, ACTWG, ADB,
    # OLAF, ADB/OECD ACI and the Chinese acronyms 亞太經合組織 and 經合組織: OURS.
    OrganisationFact(
        APEC, "亞太經濟合作組織", Kind.INTERNATIONAL_ORGANISATION, "APEC", "亞太經合組織",
        website="https://www.apec.org/",
    ),
    OrganisationFact(
        "APEC Anti-Corruption and Transparency Experts Working Group", "亞太經濟合作組織反貪腐倡透明專家工作小組",
        Kind.NETWORK, "ACTWG", parent=APEC, notes="The ICAC takes part representing Hong Kong, China.",
    ),
    OrganisationFact(
        "Organisation for Economic Co-operation and Development", "經濟合作與發展組織",
        Kind.INTERNATIONAL_ORGANISATION, "OECD", "經合組織", website="https://www.oecd.org/",
    ),
    OrganisationFact(
        "Asian Development Bank", "亞洲開發銀行", Kind.INTERNATIONAL_ORGANISATION, "ADB",
        website="https://www.adb.org/",
    ),
    # Co-organised by the ADB and the OECD: two sponsors, so no single parent.
    OrganisationFact(
        "Anti-Corruption Initiative for Asia and the Pacific", "亞太區反貪污行動計劃", Kind.NETWORK,
        "ADB/OECD ACI", notes="Co-organised by the Asian Development Bank and the OECD. The ICAC takes part "
                               "representing Hong Kong, China.",
    ),
    OrganisationFact(
        "Interpol", "國際刑警", Kind.INTERNATIONAL_ORGANISATION, website="https://www.interpol.int/",
        aliases=("International Criminal Police Organization", "ICPO", "國際刑警組織"),
        notes="International Criminal Police Organization. A past co-organiser of the ICAC Symposium.",
    ),
    OrganisationFact(
        EUROPEAN_COMMISSION, "歐盟委員會", Kind.INTERNATIONAL_ORGANISATION,
        website="https://commission.europa.eu/",
    ),
    OrganisationFact(
        "European Anti-Fraud Office", "歐盟委員會反欺詐局", Kind.LAW_ENFORCEMENT, "OLAF",
        parent=EUROPEAN_COMMISSION, website="https://anti-fraud.ec.europa.eu/",
        notes="A past co-organiser of the ICAC Symposium.",
    ),
    # The Chinese text of the chapter keeps this name in English, so both languages hold it.
    OrganisationFact(
        "World Justice Project", "World Justice Project", Kind.NGO, jurisdiction="US",
        website="https://worldjusticeproject.org/", notes="A past co-organiser of the ICAC Symposium.",
    ),
    OrganisationFact(
        "Basel Institute on Governance", "巴塞爾治理研究所", Kind.NGO, jurisdiction="CH",
        website="https://baselgovernance.org/",
    ),
    # --- South Africa's advisory council: names CHAPTER, acronym NACAC OURS (from the IAACA's own report).
    OrganisationFact(
        "National Anti-Corruption Advisory Council of South Africa", "南非國家反貪諮詢局",
        Kind.GOVERNMENT_DEPARTMENT, "NACAC", jurisdiction="ZA",
        notes="Reviews South Africa's anti-corruption framework; the IAACA and the HKIAAC ran an experience "
              "sharing programme for it in March 2024.",
    ),
    # --- ACAs the chapter names only by country ("the ACA of Kazakhstan"): every name here is OURS — the
    # agency's official English name (qualified by its country where the bare name is generic) and a Hong Kong
    # Traditional Chinese rendering. MoUs signed at the 8th ICAC Symposium, May 2024:
    OrganisationFact(
        "Anti-Corruption Agency of the Republic of Kazakhstan", "哈薩克斯坦共和國反腐敗局",
        Kind.ANTI_CORRUPTION_AGENCY, jurisdiction="KZ", tags=(BELT_AND_ROAD,),
    ),
    OrganisationFact(
        "Financial Crimes Commission of Mauritius", "毛里求斯金融罪行委員會", Kind.ANTI_CORRUPTION_AGENCY, "FCC",
        jurisdiction="MU", website="https://fcc.mu/",
        aliases=("Independent Commission Against Corruption of Mauritius",),
        notes="Took over the Independent Commission Against Corruption of Mauritius on 29 March 2024.",
    ),
    OrganisationFact(
        "Oversight and Anti-Corruption Authority of Saudi Arabia", "沙特阿拉伯監察與反腐敗署",
        Kind.ANTI_CORRUPTION_AGENCY, "Nazaha", jurisdiction="SA", website="https://www.nazaha.gov.sa/",
        tags=(BELT_AND_ROAD,),
    ),
    OrganisationFact(
        "Special Investigating Unit of South Africa", "南非特別調查組", Kind.ANTI_CORRUPTION_AGENCY, "SIU",
        jurisdiction="ZA", website="https://www.siu.org.za/", tags=(BELT_AND_ROAD,),
        notes="Identified as the South African party of the May 2024 MoU; check against the signed MoU.",
    ),
    # MoUs signed in September 2024, exchanged at the Belt and Road Summit. Indonesia is 印度尼西亞 as the chapter
    # writes it; the everyday 印尼 form and the agency's Indonesian name are other names.
    OrganisationFact(
        "Corruption Eradication Commission of Indonesia", "印度尼西亞肅貪委員會", Kind.ANTI_CORRUPTION_AGENCY, "KPK",
        jurisdiction="ID", website="https://www.kpk.go.id/", aliases=("印尼肅貪委員會", "Komisi Pemberantasan Korupsi"),
        tags=(BELT_AND_ROAD,),
    ),
    OrganisationFact(
        "Anti-Corruption Commission of Maldives", "馬爾代夫反腐敗委員會", Kind.ANTI_CORRUPTION_AGENCY, "ACC",
        jurisdiction="MV", website="https://acc.gov.mv/", tags=(BELT_AND_ROAD,),
    ),
    # ACAs that shared experience at the March 2024 programme for South Africa:
    OrganisationFact(
        "Anti-Corruption and Civil Rights Commission of the Republic of Korea", "韓國國民權益委員會",
        Kind.ANTI_CORRUPTION_AGENCY, "ACRC", jurisdiction="KR", website="https://www.acrc.go.kr/",
    ),
    OrganisationFact(
        "Malaysian Anti-Corruption Commission", "馬來西亞反貪污委員會", Kind.ANTI_CORRUPTION_AGENCY, "MACC",
        jurisdiction="MY", website="https://www.sprm.gov.my/",
        aliases=("Suruhanjaya Pencegahan Rasuah Malaysia", "SPRM"),
    ),
    # The chapter names its head, "the Attorney General of Qatar", IAACA President 2016–2022.
    OrganisationFact(
        "Public Prosecution of the State of Qatar", "卡塔爾國檢察署", Kind.PROSECUTION, jurisdiction="QA",
        notes="Headed by the Attorney General of Qatar, President of the IAACA from 2016 to 2022.",
    ),
)

# Posts the chapter names without naming their holders; titles: CHAPTER, except where the chapter gives the
# post in one language only ("Executive Director" 執行主任 and "Director-General" 總幹事 are both CHAPTER).
CONTACTS: tuple[ContactFact, ...] = (
    ContactFact("Commissioner, ICAC", "廉政專員", (
        (ICAC, "Commissioner", "廉政專員"),
        (IAACA, "President", "主席"),
    )),
    ContactFact("Deputy Commissioner and Head of Operations, ICAC", "副廉政專員兼執行處首長", (
        (ICAC, "Deputy Commissioner and Head of Operations", "副廉政專員兼執行處首長"),
    )),
    ContactFact("Secretary-General, IAACA", "聯合會秘書長", (
        (IAACA, "Secretary-General", "秘書長"),
        (ICAC, "Directorate officer", "首長級人員"),
    )),
    ContactFact("Chief Executive, HKSAR", "行政長官", (
        (HKSAR_GOVERNMENT, "Chief Executive", "行政長官"),
    )),
    ContactFact("Executive Director, UNODC", "聯合國毒罪辦執行主任", (
        (UNODC, "Executive Director", "執行主任"),
        (UNOV, "Director-General", "總幹事"),
    )),
    ContactFact("Vice Chairman, NCS", "國家監察委員會副主任", (
        (NCS, "Vice Chairman", "副主任"),
        (CCDI, "Deputy Secretary", "副書記"),
    )),
)


def _jurisdictions() -> dict[str, Jurisdiction]:
    codes = {fact.jurisdiction for fact in ORGANISATIONS if fact.jurisdiction}
    found = {j.code: j for j in Jurisdiction.objects.filter(code__in=codes)}
    missing = sorted(codes - set(found))
    if missing:
        raise ImproperlyConfigured(
            _(
                "The jurisdictions {codes} are missing, so the partner reference data cannot be loaded. "
                "Run “liaison migrate”: the core app's migrations create every ISO 3166 jurisdiction."
            ).format(codes=", ".join(missing))
        )
    return found


def _tags() -> dict[str, Tag]:
    slugs = {slug for fact in ORGANISATIONS for slug in fact.tags}
    found = {t.slug: t for t in Tag.objects.filter(slug__in=slugs)}
    missing = sorted(slugs - set(found))
    if missing:
        raise ImproperlyConfigured(
            _(
                "The tags {slugs} are missing, so the partner reference data cannot be loaded. "
                "Run “liaison migrate”: the core app's migrations create them."
            ).format(slugs=", ".join(missing))
        )
    return found


def _load_organisations(acting_user, jurisdictions, tags) -> tuple[dict[str, Organisation], int]:
    by_name = {o.name_en: o for o in Organisation.objects.filter(name_en__in=[f.name_en for f in ORGANISATIONS])}
    created = []
    for fact in ORGANISATIONS:
        if fact.name_en in by_name:
            continue  # already there, perhaps edited since: leave it as the users keep it
        parent = by_name.get(fact.parent) if fact.parent else None
        by_name[fact.name_en] = services.create_organisation(acting_user, {
            "kind": fact.kind,
            "name_en": fact.name_en,
            "name_zh_hant": fact.name_zh_hant,
            "acronym_en": fact.acronym_en,
            "acronym_zh_hant": fact.acronym_zh_hant,
            "aliases": list(fact.aliases),
            "jurisdiction": jurisdictions.get(fact.jurisdiction),
            "parent": parent,
            "website": fact.website,
            "tags": [tags[slug] for slug in fact.tags],
            "notes": fact.notes,
            "is_own": fact.is_own,
        })
        created.append(fact)
    # A parent listed after its child is linked once both exist; only new records are touched.
    for fact in created:
        organisation = by_name[fact.name_en]
        if fact.parent and organisation.parent_id is None:
            services.update_organisation(acting_user, organisation, {"parent": by_name[fact.parent]})
    return by_name, len(created)


def _load_contacts(acting_user, organisations) -> int:
    existing = set(Contact.objects.filter(name_en__in=[c.name_en for c in CONTACTS]).values_list("name_en", flat=True))
    count = 0
    for fact in CONTACTS:
        if fact.name_en in existing:
            continue
        contact = services.create_contact(acting_user, {
            "name_en": fact.name_en, "name_zh_hant": fact.name_zh_hant, "notes": SAMPLE_NOTE,
        })
        for organisation, title_en, title_zh_hant in fact.positions:
            services.add_position(acting_user, contact, {
                "organisation": organisations[organisation], "title_en": title_en, "title_zh_hant": title_zh_hant,
            })
        count += 1
    return count


@transaction.atomic
def load(acting_user) -> int:
    """Creates the organisations and sample contacts that are missing; returns how many records it created."""
    with change_context(ChangeSource.CLI):
        jurisdictions, tags = _jurisdictions(), _tags()
        organisations, created = _load_organisations(acting_user, jurisdictions, tags)
        return created + _load_contacts(acting_user, organisations)

