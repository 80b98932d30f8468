"""The chapters' contents through the API."""

from liaison.core.testing import ApiMatrix

from .factories import ReportYearFactory


class TestReportYearApi(ApiMatrix):
    endpoint = "/api/reports/contents/"
    factory = ReportYearFactory

    def payload(self):
        return {"year": 2045, "title_en": "Chapter 6", "title_zh_hant": "第六章", "sections": ["agreements"]}
