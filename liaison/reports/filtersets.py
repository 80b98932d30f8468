"""Filters of the chapters' contents."""

from liaison.core.filtersets import SearchFilterSet

from .models import ReportYear


class ReportYearFilterSet(SearchFilterSet):
    class Meta:
        model = ReportYear
        fields = ["q", "year"]
