"""Jurisdictions, their UN M49 regions and the office's tags, loaded from reference data — never typed by hand.

Sources: pycountry (ISO 3166-1 codes), Babel/CLDR (English and Hong Kong Traditional Chinese names),
`data/m49.csv` (region, sub-region, independence), `data/tags.toml` (the reference tags, each with its source,
date and completeness) and the small reviewed tables below, which hold Hong Kong usage, the office's own treatment
of Hong Kong, Macao, the Mainland and Taiwan, and the other names search finds a jurisdiction by.

The loader only ever adds tags, so what a user added survives a re-sync; names, kinds, other names and the tags'
sources, on the other hand, are re-synced from the sources (change them here, not in the admin).

`load_jurisdictions` takes the model classes so that a data migration can pass its historical models, which have
no custom `save()` and may predate a field: the search text is therefore computed here, from the same values
`Jurisdiction.search_fields` and `Tag.search_fields` name, and values for fields a model lacks are left out.
"""

import csv
import re
import tomllib
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
TAGS_TOML = Path(__file__).parent / "data" / "tags.toml"

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
    "ID": (None, "印度尼西亞"),  # twice in the chapter; 印尼 stays searchable (ALIASES)
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

# Parts of China, never states: the two SARs, the Mainland, and Taiwan ("Taiwan, China", a region of China).
KINDS = {
    "CN": JurisdictionKind.MAINLAND, "HK": JurisdictionKind.SAR, "MO": JurisdictionKind.SAR,
    "TW": JurisdictionKind.REGION_OF_CHINA,
}

# Other names search finds a jurisdiction by, beside its names and codes: the forms Babel or everyday usage has
# where the names above differ (印尼, 紐西蘭, South Korea), short forms (HKSAR, 香港特區) and former names.
ALIASES = {
    "CN": ("中國", "中國內地", "Chinese Mainland"),
    "HK": ("HKSAR", "Hong Kong, China", "香港特區", "中國香港"),
    "MO": ("Macau", "Macao, China", "澳門特區", "中國澳門"),
    "ID": ("印尼",),
    "NZ": ("紐西蘭",),
    "MU": ("毛里裘斯",),
    "SA": ("沙地阿拉伯",),
    "KR": ("South Korea", "南韓"),
    "KP": ("North Korea", "北韓"),
    "CD": ("DR Congo", "剛果（金）"),
    "CG": ("剛果（布）",),
    "MM": ("Burma",),
    "CZ": ("Czech Republic",),
    "TR": ("Turkey",),
    "SZ": ("Swaziland",),
    "CV": ("Cabo Verde",),
    "TL": ("East Timor",),
    "CI": ("Ivory Coast",),
    "GB": ("UK", "Great Britain"),
    "US": ("United States of America",),
    "PS": ("State of Palestine",),
    "VA": ("Holy See",),
}


def reference_tags() -> dict[str, dict]:
    """slug → the tag's names, source, date, completeness and jurisdictions, from `data/tags.toml`."""
    with TAGS_TOML.open("rb") as f:
        return tomllib.load(f)


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
    fields = {field.attname for field in model._meta.concrete_fields}
    values = {name: value for name, value in values.items() if name in fields}  # a historical model may lack some
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


def _load_tags(Tag, tags: dict) -> tuple[dict, Counter]:
    counts = Counter()
    existing = {t.slug: t for t in Tag.objects.filter(slug__in=tags)}
    for slug, tag in tags.items():
        en, zh = tag["name_en"], tag["name_zh_hant"]
        values = {"slug": slug, "name": en, "name_en": en, "name_zh_hant": zh,
                  "source": tag["source_en"], "source_en": tag["source_en"], "source_zh_hant": tag["source_zh_hant"],
                  "as_of": tag.get("as_of"), "is_complete": tag["complete"], "search_text": index_text([slug, en, zh])}
        _sync(Tag, existing, slug, values, counts)
    return existing, counts


def _load_countries(Jurisdiction, regions: dict, m49: dict, babel: tuple[dict, dict]) -> tuple[dict, Counter]:
    counts = Counter()
    existing = {j.code: j for j in Jurisdiction.objects.all()}
    for country in pycountry.countries:
        code, row = country.alpha_2, m49[country.alpha_2]
        en, zh = _names(code, babel, NAME_OVERRIDES)
        aliases = list(ALIASES.get(code, ()))
        values = {
            "code": code, "alpha3": country.alpha_3, "numeric": country.numeric,
            "name": en, "name_en": en, "name_zh_hant": zh, "kind": _kind(code, row), "aliases": aliases,
            "region_id": regions[row["region"]].pk if row["region"] else None,
            "sub_region_id": regions[row["sub_region"]].pk if row["sub_region"] else None,
            "search_text": index_text([code, country.alpha_3, en, zh, *aliases]),
        }
        _sync(Jurisdiction, existing, code, values, counts)
    return existing, counts


def _tag_codes(tag: dict, m49: dict) -> set[str]:
    """The jurisdictions a reference tag lists, or those of the M49 sub-region that defines it."""
    sub_region = tag.get("m49_sub_region")
    return set(tag.get("jurisdictions", ())) | {code for code, row in m49.items() if sub_region == row["sub_region"]}


def _add_tags(tags: dict, reference: dict, jurisdictions: dict, m49: dict) -> int:
    """Adds the reference tags that are missing; never removes one, so users' additions stay."""
    added = 0
    for slug, tag in tags.items():
        codes = _tag_codes(reference[slug], m49)
        missing = codes - set(tag.jurisdictions.values_list("code", flat=True))
        tag.jurisdictions.add(*(jurisdictions[code] for code in sorted(missing)))
        added += len(missing)
    return added


@transaction.atomic
def load_jurisdictions(Jurisdiction, Region, Tag) -> dict[str, Counter]:
    """Creates or updates every ISO 3166-1 jurisdiction, the M49 regions they use and the reference tags.

    Answers {"regions" | "tags" | "jurisdictions": Counter(created=, updated=, unchanged=), "tag_links": n}.
    """
    m49, babel, reference = m49_rows(), _babel_names(), reference_tags()
    # The untranslated `name` column holds the English name whatever language the caller runs in.
    with translation.override("en"):
        regions, region_counts = _load_regions(Region, m49, babel)
        tags, tag_counts = _load_tags(Tag, reference)
        jurisdictions, counts = _load_countries(Jurisdiction, regions, m49, babel)
        links = _add_tags(tags, reference, jurisdictions, m49)
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
