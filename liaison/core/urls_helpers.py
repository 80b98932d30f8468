"""The URL set every model's pages share."""

from django.urls import path

from .views import DeletedRecordsView


def object_urls(name: str, prefix: str, views, class_prefix: str) -> list:
    """list, add, detail, edit, delete, history and merge URLs, from views named `<Prefix>ListView` etc., and the
    list of deleted records of a model that has a history (and is not need-to-know)."""
    patterns = [
        ("", "ListView", "_list"),
        ("add/", "EditView", "_add"),
        ("<int:pk>/", "DetailView", ""),
        ("<int:pk>/edit/", "EditView", "_edit"),
        ("<int:pk>/delete/", "DeleteView", "_delete"),
        ("<int:pk>/history/", "HistoryView", "_history"),
        ("<int:pk>/merge/", "MergeView", "_merge"),
    ]
    urls = [
        path(f"{prefix}/{route}", getattr(views, class_prefix + kind).as_view(), name=name + suffix)
        for route, kind, suffix in patterns
        if hasattr(views, class_prefix + kind)
    ]
    history = getattr(views, class_prefix + "HistoryView", None)
    # A model with a history keeps it after deletion: list the deleted records; not for a need-to-know model,
    # whose visibility depends on a record that is gone (see ModelViewMixin.shows_deleted).
    if history is not None and not hasattr(history.model, "restrict_for"):
        deleted = DeletedRecordsView.as_view(model=history.model, queryset=history.queryset)
        urls.append(path(f"{prefix}/deleted/", deleted, name=name + "_deleted"))
    return urls
