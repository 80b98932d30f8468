"""Synthetic organisations and contacts: a year is about 300 organisations and 1 500 people with their posts."""

import datetime
import re

from liaison.core.models import Jurisdiction, Tag
from liaison.core.synth import Synth

from .choices import OrganisationKind as Kind
from .models import Contact, Organisation, Position

ORGANISATIONS_PER_YEAR = 300
CONTACTS_PER_YEAR = 1500
CHINESE_SPEAKING = {"HK", "MO", "CN", "TW", "SG"}

# kind: (share of organisations, [(English, Traditional Chinese) names of such bodies])
KINDS = {
    Kind.ANTI_CORRUPTION_AGENCY: (30, [
        ("Anti-Corruption Commission", "反貪污委員會"), ("Anti-Corruption Bureau", "反貪局"),
        ("Commission Against Corruption", "廉政公署"), ("Corruption Eradication Commission", "肅貪委員會"),
        ("Integrity Commission", "廉政委員會"), ("Anti-Corruption Agency", "反貪機構")]),
    Kind.LAW_ENFORCEMENT: (15, [
        ("Police Force", "警務處"), ("Financial Intelligence Unit", "金融情報單位"), ("Customs Service", "海關"),
        ("Economic Crime Bureau", "經濟罪案調查局")]),
    Kind.PROSECUTION: (10, [
        ("Office of the Prosecutor-General", "總檢察長辦公室"), ("People's Procuratorate", "人民檢察院"),
        ("Public Prosecution Service", "檢控署")]),
    Kind.AUDIT: (5, [("Audit Office", "審計署"), ("Court of Audit", "審計法院")]),
    Kind.SUPERVISORY_COMMISSION: (5, [("Commission of Supervision", "監察委員會"), ("Ombudsman", "申訴專員公署")]),
    Kind.INTERNATIONAL_ORGANISATION: (5, [
        ("Office on Crime Prevention", "預防犯罪辦公室"), ("Anti-Fraud Office", "反欺詐局"),
        ("Regional Integrity Centre", "區域廉政中心")]),
    Kind.TRAINING_ACADEMY: (5, [
        ("Anti-Corruption Academy", "反貪學院"), ("Law Enforcement Training Institute", "執法培訓學院")]),
    Kind.GOVERNMENT_DEPARTMENT: (12, [
        ("Ministry of Justice", "司法部"), ("Civil Service Bureau", "公務員事務局"),
        ("Department of Public Administration", "公共行政部")]),
    Kind.ACADEMIC: (5, [("Institute of Governance Studies", "管治研究所"),
                        ("Centre for Integrity Research", "廉潔研究中心")]),
    Kind.PRIVATE_SECTOR: (3, [("Chamber of Commerce", "商會"), ("Compliance Institute", "合規協會")]),
    Kind.NGO: (5, [("Transparency Forum", "透明論壇"), ("Integrity Foundation", "廉潔基金會")]),
}
OFFICES = [("Provincial", "省"), ("Municipal", "市"), ("District", "區"), ("Regional", "地區"), ("State", "州")]
TITLES = [
    ("Commissioner", "專員"), ("Deputy Commissioner", "副專員"), ("Director", "處長"), ("Deputy Director", "副處長"),
    ("Chief Investigator", "總調查主任"), ("Senior Investigator", "高級調查主任"), ("Investigator", "調查主任"),
    ("Head of International Cooperation", "國際合作主管"), ("Liaison Officer", "聯絡主任"),
    ("Prosecutor", "檢察官"), ("Senior Prosecutor", "高級檢察官"), ("Training Officer", "培訓主任"),
    ("Legal Adviser", "法律顧問"), ("Programme Manager", "項目經理"), ("Secretary-General", "秘書長"),
]
HONORIFICS = [("Mr", "先生"), ("Ms", "女士"), ("Dr", "博士"), ("Prof", "教授")]


def initials(name: str) -> str:
    return "".join(word[0] for word in re.findall(r"[A-Za-z]+", name) if word[0].isupper())


def generate(synth: Synth) -> None:
    jurisdictions = list(Jurisdiction.objects.order_by("code"))
    synth.rng.shuffle(jurisdictions)  # which jurisdictions have many partners differs by seed, not by code
    organisations = _organisations(synth, jurisdictions)
    _tags(synth, organisations)
    _contacts(synth, organisations)


def _own() -> Organisation:
    return Organisation(
        kind=Kind.ANTI_CORRUPTION_AGENCY, name_en="Independent Commission Against Corruption",
        name_zh_hant="廉政公署", acronym_en="ICAC", acronym_zh_hant="廉署", is_own=True,
        jurisdiction=Jurisdiction.objects.get(code="HK"),
    )


def _organisations(synth: Synth, jurisdictions) -> list[Organisation]:
    """National bodies first, then the offices under them (each linked to its parent)."""
    rng = synth.rng
    kinds = list(KINDS)
    weights = [KINDS[kind][0] for kind in kinds]
    national, offices, seen = [_own()], [], {}
    for _n in range(synth.count(ORGANISATIONS_PER_YEAR) - 1):
        kind = rng.choices(kinds, weights)[0]
        jurisdiction = None if kind == Kind.INTERNATIONAL_ORGANISATION else synth.skewed(jurisdictions)
        body_en, body_zh = rng.choice(KINDS[kind][1])
        place_en, place_zh = (jurisdiction.name_en, jurisdiction.name_zh_hant) if jurisdiction else (
            rng.choice(["Asia-Pacific", "European", "African", "Americas", "Global"]),
            rng.choice(["亞太區", "歐洲", "非洲", "美洲", "全球"]))
        key = (place_en, body_en)
        record = Organisation(
            kind=kind, jurisdiction=jurisdiction, is_active=rng.random() > 0.05,
            website=f"https://www.{initials(place_en + ' ' + body_en).lower()}.example" if rng.random() < 0.5 else "",
        )
        if key not in seen:
            record.name_en, record.name_zh_hant = f"{place_en} {body_en}", f"{place_zh}{body_zh}"
            record.acronym_en = (jurisdiction.code if jurisdiction else "") + initials(body_en)
            record.acronym_zh_hant = place_zh[0] + body_zh[-2:] if rng.random() < 0.3 else ""
            seen[key] = [record, 0]
            national.append(record)
            continue
        seen[key][1] += 1
        office_en, office_zh = rng.choice(OFFICES)
        number = seen[key][1]
        record.name_en = f"{place_en} {body_en}, {office_en} Office No. {number}"
        record.name_zh_hant = f"{place_zh}{body_zh}{office_zh}第{number}辦事處"
        record.acronym_en = f"{seen[key][0].acronym_en}-{number}"
        record.parent = seen[key][0]
        offices.append(record)
    synth.bulk(Organisation, national)
    for record in offices:
        record.parent_id = record.parent.pk
    synth.bulk(Organisation, offices)
    return national + offices


def _tags(synth: Synth, organisations) -> None:
    """About one organisation in ten carries a tag."""
    tags = list(Tag.objects.order_by("slug"))
    through = Organisation.tags.through
    rows = [through(organisation_id=record.pk, tag_id=synth.rng.choice(tags).pk)
            for record in organisations if tags and synth.rng.random() < 0.1]
    synth.bulk(through, rows)


def _contacts(synth: Synth, organisations) -> None:
    """People, each with a current post (most) and an earlier one (a third)."""
    rng = synth.rng
    contacts, placed = [], []
    for n in range(synth.count(CONTACTS_PER_YEAR)):
        organisation = synth.skewed(organisations, exponent=0.5)
        jurisdiction = organisation.jurisdiction
        chinese = jurisdiction is not None and jurisdiction.code in CHINESE_SPEAKING
        name_en, name_zh = synth.person(chinese)
        honorific_en, honorific_zh = rng.choice(HONORIFICS)
        address = re.sub(r"[^a-z]+", ".", name_en.lower()).strip(".")
        domain = (organisation.acronym_en or "partner").lower().replace("-", "")
        contacts.append(Contact(
            name_en=name_en, name_zh_hant=name_zh, honorific_en=honorific_en,
            honorific_zh_hant=honorific_zh if chinese else "",
            emails=[f"{address}{n}@{domain}.example"] if rng.random() < 0.8 else [],
            phones=[f"+{rng.randint(1, 998)} {rng.randint(2000, 9999)} {rng.randint(1000, 9999)}"]
            if rng.random() < 0.6 else [],
            languages=["Chinese", "English"] if chinese else ["English"],
        ))
        placed.append(organisation)
    synth.bulk(Contact, contacts)
    positions = []
    for contact, organisation in zip(contacts, placed, strict=True):
        start = synth.day(12)
        current = rng.random() > 0.05
        title_en, title_zh = rng.choice(TITLES)
        positions.append(Position(
            contact=contact, organisation=organisation, title_en=title_en, title_zh_hant=title_zh,
            start_date=start, end_date=None if current else min(synth.today, start + datetime.timedelta(days=900)),
        ))
        if rng.random() < 0.33:
            earlier_en, earlier_zh = rng.choice(TITLES)
            positions.append(Position(
                contact=contact, organisation=synth.skewed(organisations, exponent=0.5),
                title_en=earlier_en, title_zh_hant=earlier_zh,
                start_date=start - datetime.timedelta(days=rng.randint(400, 3000)), end_date=start,
            ))
    synth.bulk(Position, positions)
