"""The one search across every kind of record the user may see, with type filters."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.views.generic import TemplateView

from . import global_search


class SearchView(TemplateView):
    """`?q=` words (English or Chinese, Traditional or Simplified), `?type=` kinds to keep (several allowed)."""

    template_name = "core/search.html"
    for_every_signed_in_user = True  # each kind is searched only when the user may view it, through restrict

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, query = self.request.user, self.request.GET.get("q", "").strip()
        kinds = global_search.kinds_for(user)
        chosen = set(self.request.GET.getlist("type")) & {kind.key for kind in kinds}
        searched = [kind for kind in kinds if not chosen or kind.key in chosen]
        context.update(query=query, kinds=kinds, chosen=chosen, hits=[], counts={}, error="",
                       most=global_search.CANDIDATES_PER_KIND)
        if query:
            try:
                context["hits"], counts = global_search.find(user, query, searched)
            except ValidationError as error:
                context["error"] = error.messages[0]
            else:
                context["counts"] = [(kind, counts[kind.key], f"{kind.list_url}?{urlencode({'q': query})}")
                                     for kind in searched if counts[kind.key]]
        return context
