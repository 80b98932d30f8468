"""The annual chapter, written from records: the year's contents (strategies, the order of sections) and each
registered section's paragraphs, figures and records, in one language or both.

Nothing here knows a year or an area: the text comes from `ReportYear`, the sections and figures from what the
areas register in `core.reporting`. A section without records for the year is left out.
"""

from dataclasses import dataclass, field

from django.utils import translation

from liaison.core import reporting
from liaison.core.access import restrict

from .models import ReportYear

LANGUAGES = {"en": ("en",), "zh-hant": ("zh-hant",), "both": ("zh-hant", "en")}  # the report sets Chinese first


@dataclass
class WrittenSection:
    key: str
    title: str
    section: reporting.Section
    charts: list[reporting.Chart] = field(default_factory=list)


@dataclass
class Part:
    """The chapter in one language."""

    language: str
    title: str
    strategies: list[str]
    introduction: str
    sections: list[WrittenSection] = field(default_factory=list)


@dataclass
class Chapter:
    year: int
    parts: list[Part]

    def by_section(self) -> list[list[WrittenSection]]:
        """The sections side by side: for each section, its text in each language of the chapter."""
        return [list(row) for row in zip(*(part.sections for part in self.parts), strict=True)]


def contents_for(user, year: int) -> ReportYear | None:
    """The year's contents, or else those of the latest year before it (strategies last for several years)."""
    return restrict(ReportYear.objects.all(), user).filter(year__lte=year).order_by("-year").first()


def kinds_for(user, year: int) -> list:
    """The sections the year's chapter may have, in order (those without records are left out when written)."""
    contents = contents_for(user, year)
    return contents.section_kinds() if contents else reporting.sections()


def step_count(user, year: int, lang: str) -> int:
    return len(kinds_for(user, year)) * len(LANGUAGES[lang])


def write(user, year: int, lang: str, progress=None) -> Chapter:
    """The chapter of `year` for what `user` may see, in `lang` ("en", "zh-hant" or "both")."""
    contents, kinds = contents_for(user, year), kinds_for(user, year)
    total, parts = len(kinds) * len(LANGUAGES[lang]), []
    for language in LANGUAGES[lang]:
        with translation.override(language):
            part = Part(language, _title(contents, year), contents.strategy_lines() if contents else [],
                        contents.introduction if contents else "")
            for index, kind in enumerate(kinds):
                if progress:
                    progress(len(parts) * len(kinds) + index, total)
                section = kind.build(user, year)
                if section is not None:
                    drawn = [found for chart in reporting.charts(section=kind.key) if (found := chart(user, year))]
                    part.sections.append(WrittenSection(kind.key, str(kind.title), section, drawn))
            parts.append(part)
    return Chapter(year, parts)


def _title(contents: ReportYear | None, year: int) -> str:
    if contents is not None and contents.title:
        return contents.title
    return translation.gettext("International cooperation and Mainland liaison, {year}").format(year=year)
