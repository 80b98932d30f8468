"""Jurisdictions, their UN M49 regions and the office's tags, loaded from reference data — never typed by hand.

Sources: pycountry (ISO 3166-1 codes), Babel/CLDR (English and Hong Kong Traditional Chinese names),
`data/m49.csv` (region, sub-region, independence) and the small reviewed override tables below, which hold
Hong Kong usage and the office's own treatment of Hong Kong, Macao, the Mainland and Taiwan.

The tag lists are reference data taken from the seed chapter, not an exhaustive registry: managers complete them
in the admin. The loader only ever adds tags, so what a user added survives a re-sync; names and codes, on the
other hand, are re-synced from the sources (change them here, in the overrides, not in the admin).

`load_jurisdictions` takes the model classes so that a data migration can pass its historical models, which have
no custom `save()`: the search text is therefore computed here, from the same values `Jurisdiction.search_fields`
and `Tag.search_fields` name.
"""

import csv
import re
from collections import Counter
from pathlib import Path

import pycountry
from babel import Locale
from django.db import transaction
from django.utils import translation

from . import changelog
from .choices import ChangeAction, JurisdictionKind
from .search import index_text

M49_CSV = Path(__file__).parent / "data" / "m49.csv"
CENTRAL_ASIA = "143"  # UN M49 sub-region code

# code: (English, Traditional Chinese); None keeps Babel's value.
NAME_OVERRIDES = {
    # The office's treatment: "Mainland" (內地) beside the two SARs, as the chapter writes it.
    "CN": ("Mainland China", "內地"),
    # Babel says "Hong Kong SAR China" / 中國香港特別行政區; the office's own short form.
    "HK": ("Hong Kong SAR", "香港特別行政區"),
    # Same as Hong Kong; "Macao" is the official English spelling.
    "MO": ("Macao SAR", "澳門特別行政區"),
    # A part of China, never a state: never bare "Taiwan", never 中華民國.
    "TW": ("Taiwan, China", "中國台灣"),
    # Babel has the Taiwan form 紐西蘭; Hong Kong writes 新西蘭.
    "NZ": (None, "新西蘭"),
    # Babel 毛里裘斯; the chapter writes 毛里求斯.
    "MU": (None, "毛里求斯"),
    # Babel 哈薩克 / 烏茲別克 / 沙地阿拉伯 / 印尼 / 南韓; the chapter writes these.
    "KZ": (None, "哈薩克斯坦"),
    "UZ": (None, "烏茲別克斯坦"),
    "SA": (None, "沙特阿拉伯"),
    "ID": (None, "印度尼西亞"),
    "KR": ("Republic of Korea", "韓國"),
    # The other Central Asian states, written like Kazakhstan and Uzbekistan so the region reads consistently.
    "KG": (None, "吉爾吉斯斯坦"),
    "TJ": (None, "塔吉克斯坦"),
    "TM": (None, "土庫曼斯坦"),
    # Pairs with 韓國 above (Babel 北韓 / "North Korea" is the colloquial form).
    "KP": ("Democratic People's Republic of Korea", "朝鮮"),
    # Babel "Congo - Kinshasa" / 剛果（金夏沙） read as a menu label and use the Taiwan transliteration.
    "CD": ("Democratic Republic of the Congo", "剛果民主共和國"),
    "CG": ("Republic of the Congo", "剛果共和國"),
    # Babel adds the old name in brackets.
    "MM": ("Myanmar", None),
    # China recognises the State of Palestine; Babel's "Territories" contradicts that (and m49.csv says independent).
    "PS": ("Palestine", "巴勒斯坦"),
}

REGION_OVERRIDES = {
    # Babel's zh_Hant_HK name has a typo (撒哈拉撒沙漠以南非洲).
    "202": (None, "撒哈拉以南非洲"),
    # M49 419 includes the Caribbean; Babel's "Latin America" leaves it out. Chinese as the UN writes it.
    "419": ("Latin America and the Caribbean", "拉丁美洲和加勒比"),
}

KINDS = {"CN": JurisdictionKind.MAINLAND, "HK": JurisdictionKind.SAR, "MO": JurisdictionKind.SAR}

# slug: (English, Traditional Chinese)
TAGS = {
    "belt-and-road": ("Belt and Road partner", "一帶一路合作夥伴"),
    "greater-bay-area": ("Greater Bay Area", "粵港澳大灣區"),
    "central-asia": ("Central Asia", "中亞"),
    "uncac-state-party": ("UNCAC State Party", "《公約》締約國"),
}

# What the seed chapter supports; central-asia is derived from M49 instead (see `_tag_codes`).
TAGGED = {
    # The chapter's "B&R countries": KZ, SA, ZA (MoUs at the Symposium) and ID, MV (September 2024). Mauritius
    # signed an MoU at the same Symposium but is not called a B&R country, so it is not tagged.
    "belt-and-road": {"KZ", "SA", "ZA", "ID", "MV"},
    "greater-bay-area": {"HK", "MO", "CN"},
    # The Convention took effect for China in 2006 and applies to both SARs; the rest are chapter-named parties.
    "uncac-state-party": {
        "CN", "HK", "MO", "KZ", "MU", "SA", "ZA", "ID", "MV", "KR", "MY", "QA", "UZ", "PE", "BT", "AT", "CH", "FR",
    },
}


def m49_rows() -> dict[str, dict]:
    """The M49 row of every ISO code, from the bundled CSV (comment lines skipped)."""
    with M49_CSV.open(encoding="utf-8") as f:
        return {row["iso2"]: row for row in csv.DictReader(line for line in f if not line.startswith("#"))}


def _babel_names() -> tuple[dict, dict]:
    return Locale("en").territories, Locale.parse("zh_Hant_HK").territories


def _office_english(name: str) -> str:
    """Babel's menu style ("St. Kitts & Nevis") in the office's prose style ("Saint Kitts and Nevis")."""
    return re.sub(r"\bSt\. ", "Saint ", name.replace(" & ", " and "))


def _names(code: str, babel: tuple[dict, dict], overrides: dict) -> tuple[str, str]:
    en, zh = babel
    en_override, zh_override = overrides.get(code, (None, None))
    return en_override or _office_english(en[code]), zh_override or zh[code]


def _kind(code: str, m49: dict) -> str:
    if code in KINDS:
        return KINDS[code]
    return JurisdictionKind.STATE if m49["independent"] == "Y" else JurisdictionKind.TERRITORY


def _sync(model, existing: dict, key: str, values: dict, counts: Counter):
    """Creates or updates the record `key`, writing only when something differs, so a re-run changes nothing."""
    obj = existing.get(key)
    if obj is None:
        obj = model(**values)
        obj.save()
        existing[key] = obj
        counts["created"] += 1
        return obj
    changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
    if not changed:
        counts["unchanged"] += 1
        return obj
    for name, value in changed.items():
        setattr(obj, name, value)
    if hasattr(obj, "version"):
        obj.version += 1  # so someone editing the record meanwhile is told, not overwritten
    obj.save()
    counts["updated"] += 1
    return obj


def _load_regions(Region, m49: dict, babel: tuple[dict, dict]) -> tuple[dict, Counter]:
    """The M49 regions and sub-regions some jurisdiction uses, sub-regions under their region."""
    counts = Counter()
    existing = {r.code: r for r in Region.objects.all()}
    parents = {row["sub_region"]: row["region"] for row in m49.values() if row["sub_region"]}
    for code in sorted({row["region"] for row in m49.values() if row["region"]}) + sorted(parents):
        en, zh = _names(code, babel, REGION_OVERRIDES)
        parent = existing[parents[code]].pk if code in parents else None
        values = {"code": code, "name": en, "name_en": en, "name_zh_hant": zh, "parent_id": parent}
        _sync(Region, existing, code, values, counts)
    return existing, counts


def _load_tags(Tag) -> tuple[dict, Counter]:
    counts = Counter()
    existing = {t.slug: t for t in Tag.objects.filter(slug__in=TAGS)}
    for slug, (en, zh) in TAGS.items():
        values = {"slug": slug, "name": en, "name_en": en, "name_zh_hant": zh,
                  "search_text": index_text([slug, en, zh])}
        _sync(Tag, existing, slug, values, counts)
    return existing, counts


def _load_countries(Jurisdiction, regions: dict, m49: dict, babel: tuple[dict, dict]) -> tuple[dict, Counter]:
    counts = Counter()
    existing = {j.code: j for j in Jurisdiction.objects.all()}
    for country in pycountry.countries:
        code, row = country.alpha_2, m49[country.alpha_2]
        en, zh = _names(code, babel, NAME_OVERRIDES)
        values = {
            "code": code, "alpha3": country.alpha_3, "numeric": country.numeric,
            "name": en, "name_en": en, "name_zh_hant": zh, "kind": _kind(code, row),
            "region_id": regions[row["region"]].pk if row["region"] else None,
            "sub_region_id": regions[row["sub_region"]].pk if row["sub_region"] else None,
            "search_text": index_text([code, country.alpha_3, en, zh]),
        }
        _sync(Jurisdiction, existing, code, values, counts)
    return existing, counts


def _tag_codes(m49: dict) -> dict[str, set[str]]:
    central_asia = {code for code, row in m49.items() if row["sub_region"] == CENTRAL_ASIA}
    return {**TAGGED, "central-asia": central_asia}


def _add_tags(tags: dict, jurisdictions: dict, m49: dict) -> int:
    """Adds the reference tags that are missing; never removes one, so users' additions stay."""
    added = 0
    for slug, codes in _tag_codes(m49).items():
        tag = tags[slug]
        missing = codes - set(tag.jurisdictions.values_list("code", flat=True))
        tag.jurisdictions.add(*(jurisdictions[code] for code in sorted(missing)))
        added += len(missing)
    return added


@transaction.atomic
def load_jurisdictions(Jurisdiction, Region, Tag) -> dict[str, Counter]:
    """Creates or updates every ISO 3166-1 jurisdiction, the M49 regions they use and the reference tags.

    Answers {"regions" | "tags" | "jurisdictions": Counter(created=, updated=, unchanged=), "tag_links": n}.
    """
    m49, babel = m49_rows(), _babel_names()
    # The untranslated `name` column holds the English name whatever language the caller runs in.
    with translation.override("en"):
        regions, region_counts = _load_regions(Region, m49, babel)
        tags, tag_counts = _load_tags(Tag)
        jurisdictions, counts = _load_countries(Jurisdiction, regions, m49, babel)
        links = _add_tags(tags, jurisdictions, m49)
    return {"regions": region_counts, "tags": tag_counts, "jurisdictions": counts, "tag_links": links}


def _snapshots(model) -> dict:
    rows = model._base_manager.all()
    if model._meta.many_to_many:
        rows = rows.prefetch_related(*(field.name for field in model._meta.many_to_many))
    return {row.pk: (row, changelog.snapshot(row)) for row in rows}


@transaction.atomic
def resync(acting_user=None) -> dict[str, Counter]:
    """`load_jurisdictions` on the current models, logging every record it creates or changes (tags given to a
    jurisdiction included) in the same transaction. The migration that first loads them logs nothing."""
    from .models import Jurisdiction, Region, Tag

    models = (Region, Tag, Jurisdiction)
    before = {model: _snapshots(model) for model in models}
    counts = load_jurisdictions(Jurisdiction, Region, Tag)
    for model in models:
        for pk, (row, after) in _snapshots(model).items():
            old = before[model].get(pk)
            if old is None:
                changelog.record(acting_user, ChangeAction.CREATE, row, after=after)
            elif old[1] != after:
                changelog.record(acting_user, ChangeAction.UPDATE, row, before=old[1], after=after)
    return counts
