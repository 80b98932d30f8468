"""The URL set every model's pages share."""

from django.urls import path


def object_urls(name: str, prefix: str, views, class_prefix: str) -> list:
    """list, add, detail, edit, delete, history and merge URLs, from views named `<Prefix>ListView` etc."""
    patterns = [
        ("", "ListView", "_list"),
        ("add/", "EditView", "_add"),
        ("<int:pk>/", "DetailView", ""),
        ("<int:pk>/edit/", "EditView", "_edit"),
        ("<int:pk>/delete/", "DeleteView", "_delete"),
        ("<int:pk>/history/", "HistoryView", "_history"),
        ("<int:pk>/merge/", "MergeView", "_merge"),
    ]
    return [
        path(f"{prefix}/{route}", getattr(views, class_prefix + kind).as_view(), name=name + suffix)
        for route, kind, suffix in patterns
        if hasattr(views, class_prefix + kind)
    ]
