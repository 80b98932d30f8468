"""Pagination with bounds, pages and API alike: no parameter can ask for an unbounded or impossible page."""

import re

from django.core.paginator import EmptyPage
from rest_framework.pagination import LimitOffsetPagination

from .parameters import MAX_ID, parse_int

MAX_PER_PAGE = 100  # rows of a page's table
MAX_LIMIT = 500  # records of one API answer


class LiaisonPagination(LimitOffsetPagination):
    """`limit` (at most MAX_LIMIT; a larger one gives MAX_LIMIT) and `offset` (past the end: no results);
    malformed values give the default."""

    default_limit = 50
    max_limit = MAX_LIMIT

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {self.limit_query_param: {"minimum": 1, "maximum": self.max_limit},
                  self.offset_query_param: {"minimum": 0, "maximum": MAX_ID}}
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters


def page_number(text) -> int:
    """A page number from the request: 1 unless it is a positive whole number; a huge one is past the end."""
    text = (text or "").strip() if isinstance(text, str) else ""
    if not re.fullmatch(r"[0-9]+", text):
        return 1
    return MAX_ID if len(text) > 18 else max(int(text), 1)


def paginate_table(table, request, per_page: int) -> None:
    """Shows one page of a table: `page` and `per_page` from the request when they make sense, else defaults;
    a page past the end shows the last one."""
    per_page = parse_int(request.GET.get(table.prefixed_per_page_field), 1, MAX_PER_PAGE) or per_page
    page = page_number(request.GET.get(table.prefixed_page_field))
    try:
        table.paginate(page=page, per_page=per_page)
    except EmptyPage:
        table.paginate(page=table.paginator.num_pages, per_page=per_page)
