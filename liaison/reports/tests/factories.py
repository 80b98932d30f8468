"""Factories of the reports (test fixtures only; application code writes through services)."""

import factory

from liaison.reports.models import ReportYear


class ReportYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportYear
        django_get_or_create = ("year",)

    year = factory.Sequence(lambda n: 2000 + n % 900)
    title_en = factory.LazyAttribute(lambda o: f"Chapter {o.year}")
    title_zh_hant = factory.LazyAttribute(lambda o: f"{o.year}年章節")
    strategies_en = "Strengthen liaison with ACAs;\nExpand global networks"
    strategies_zh_hant = "加強與反貪機構的聯繫；\n擴闊國際網絡"
