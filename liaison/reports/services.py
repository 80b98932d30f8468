"""Every write to the chapters' contents: validated, logged, in one transaction."""

from liaison.core import services as core

from .models import ReportYear


def create_report_year(acting_user, data: dict) -> ReportYear:
    return core.create_object(acting_user, ReportYear, data)


def update_report_year(acting_user, report_year: ReportYear, data: dict, expected_version=None) -> ReportYear:
    return core.update_object(acting_user, report_year, data, expected_version)


def delete_report_year(acting_user, report_year: ReportYear) -> None:
    core.delete_object(acting_user, report_year)
