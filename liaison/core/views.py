"""Generic views every app configures with a few attributes: list, detail, edit, delete, history, merge, and
the one shape of an action posted on a record."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import ProtectedError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from django.views.generic.base import ContextMixin, TemplateResponseMixin
from django_tables2 import RequestConfig

from . import changelog, services
from .access import get_for, permission_name, refuse_unrestricted_prefetches, restrict
from .choices import ChangeAction
from .exports import export_response
from .filtersets import LiaisonFilterSet
from .forms import ActionStatusForm, MergeForm
from .http import safe_next
from .models import ChangeRecord, Tag
from .pagination import paginate_table

# The rows a record's page shows of a list that grows with the data (the people of an organisation, the members
# of a network); the rest is one link away, on the list filtered to the record.
PAGE_OF_RECORDS = 50


class ModelViewMixin(ContextMixin):
    """Names the model a view works on and restricts every queryset through the chokepoint.

    `action` is what the view does (view, add, change, delete). A record the user may not see is a 404; one
    they may see but not act on is a 403 (see core.access).
    """

    model = None
    queryset = None
    action = "view"
    required_permission = ""  # a permission the page needs besides `action` on the model (e.g. reading a log)

    def base_queryset(self):
        """The view's records before restriction; override to add `restricted_prefetch`es for the user."""
        return self.queryset.all() if self.queryset is not None else self.model.objects.all()

    def get_queryset(self):
        return restrict(refuse_unrestricted_prefetches(self.base_queryset()), self.request.user, self.action)

    def get_object(self):
        queryset = refuse_unrestricted_prefetches(self.base_queryset())
        return get_for(queryset, self.request.user, self.action, pk=self.kwargs["pk"])

    def require(self, action: str) -> None:
        """403 unless the user may do `action` on records of the model (for pages without a record), and holds
        the page's `required_permission` if it has one."""
        if not self.can(action):
            raise PermissionDenied
        if self.required_permission and not self.request.user.has_perm(self.required_permission):
            raise PermissionDenied

    def url_name(self, suffix: str = "") -> str:
        meta = self.model._meta
        return f"{meta.app_label}:{meta.model_name}{suffix}"

    def page_url(self, suffix: str, *args) -> str | None:
        """The URL of one of the model's pages, or None where the model has no such page."""
        try:
            return reverse(self.url_name(suffix), args=args)
        except NoReverseMatch:
            return None

    def record_urls(self, obj) -> dict:
        """The URLs of a record's pages that exist and that the user may use."""
        allowed = {"edit": self.can("change"), "delete": self.can("delete"), "history": True,
                   "merge": self.can("change") and self.can("delete")}
        return {page: self.page_url(f"_{page}", obj.pk) if permitted else None for page, permitted in allowed.items()}

    def can(self, action: str) -> bool:
        return self.request.user.has_perm(permission_name(self.model, action))

    def shows_deleted(self) -> bool:
        """Deleted records of this kind are shown to whoever may view its records; never for a need-to-know
        model, whose visibility depends on a record that is gone (fail closed)."""
        return self.can("view") and not hasattr(self.model, "restrict_for")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meta = self.model._meta
        context.update(
            model_meta=meta,
            list_url=self.page_url("_list"),
            can_add=self.can("add"),
            can_change=self.can("change"),
            can_delete=self.can("delete"),
        )
        return context


def incomplete_tags(filterset) -> list:
    """The tags a list is filtered by that only some of their records carry: the page says its figures are partial."""
    form = filterset.form
    chosen = form.cleaned_data.get("tag") if form.is_bound and form.is_valid() else None
    tags = list(chosen) if isinstance(chosen, list | tuple | models.QuerySet) else [chosen]
    return [tag for tag in tags if isinstance(tag, Tag) and not tag.is_complete]


class ObjectListView(ModelViewMixin, TemplateView):
    """A sortable, filterable, paginated table with search and export of the current list."""

    table_class = None
    filterset_class = None
    template_name = "core/object_list.html"
    paginate_by = 25
    export_formats = ("xlsx", "csv")
    import_url_name = None
    # Other ways of adding, beside "Add": (label, query string of the add page), e.g. a record already signed.
    add_variants: tuple = ()

    def get(self, request, *args, **kwargs):
        self.require("view")
        if not issubclass(self.filterset_class, LiaisonFilterSet):
            raise ImproperlyConfigured(
                f"{self.filterset_class.__name__} must subclass core.filtersets.LiaisonFilterSet.")
        self.build_table()
        export = request.GET.get("export")
        if export in self.export_formats and not self.filterset.errors:
            return export_response(self, export)
        paginate_table(self.table, request, self.paginate_by)
        if request.htmx and request.htmx.target == "object-table":
            self.template_name = "core/includes/table_block.html"
        return super().get(request, *args, **kwargs)

    def build_table(self) -> None:
        """The filtered, ordered list as a table of every row (paginated afterwards for the page)."""
        queryset = refuse_unrestricted_prefetches(self.get_queryset())
        self.filterset = self.filterset_class(self.request.GET or None, queryset=queryset, request=self.request)
        self.table = self.table_class(self.filterset.qs)
        RequestConfig(self.request, paginate=False).configure(self.table)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            table=self.table,
            filter=self.filterset,
            export_formats=self.export_formats,
            incomplete_tags=incomplete_tags(self.filterset),
            query=query.urlencode(),
            add_url=self.page_url("_add") if context["can_add"] else None,
            add_variants=[(label, f"{self.page_url('_add')}?{query}") for label, query in self.add_variants]
            if context["can_add"] else [],
            deleted_url=self.page_url("_deleted") if self.shows_deleted() else None,
            import_url=(
                reverse(self.import_url_name)
                if self.import_url_name and context["can_add"] and self.request.user.has_perm("core.import_records")
                else None
            ),
        )
        return context


class ObjectDetailView(ModelViewMixin, TemplateView):
    """One record with its tabs; a record the user may not see is a 404."""

    tab = "details"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        meta = self.model._meta
        return [f"{meta.app_label}/{meta.model_name}.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.object, tab=self.tab, urls=self.record_urls(self.object))
        return context


def history_rows(changes, user) -> list:
    """(change, record's name, differences) of change records, in the reader's language; records and links
    named as far as the user may see them."""
    changes = list(changes[:500])
    names = changelog.linked_names(changes, user)
    records = changelog.record_names(changes, user)
    return [(change, records[change], change.differences(names)) for change in changes]


class ObjectHistoryView(ObjectDetailView):
    """The History tab: every change of the record, of what belongs to it, and of the records merged into it.

    A deleted record's history stays at the same address (see `deleted`).
    """

    tab = "history"

    def get(self, request, *args, **kwargs):
        if not self.model._base_manager.filter(pk=kwargs["pk"]).exists():
            return self.deleted(kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        return ["core/object_history.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["changes"] = history_rows(changelog.history(self.object, self.request.user), self.request.user)
        return context

    def deleted(self, pk: int):
        """The history of a deleted (or merged away) record, for users who may view records of its kind."""
        if not self.shows_deleted():
            raise Http404
        content_type = ContentType.objects.get_for_model(self.model)
        deletion = ChangeRecord.objects.filter(content_type=content_type, object_id=pk,
                                               action=ChangeAction.DELETE).select_related("user").first()
        if deletion is None:
            raise Http404
        merge = ChangeRecord.objects.filter(content_type=content_type, action=ChangeAction.MERGE,
                                            merged_object_id=pk).first()
        user = self.request.user
        kept = merge and restrict(self.base_queryset(), user).filter(pk=merge.object_id).first()
        context = ModelViewMixin.get_context_data(  # the record's own context needs the record
            self, deletion=deletion, merged_into=kept or None, deleted_list_url=self.page_url("_deleted"),
            changes=history_rows(changelog.history(None, user, model=self.model, pk=pk), user),
        )
        return TemplateResponse(self.request, "core/deleted_history.html", context)


class DeletedRecordsView(ModelViewMixin, TemplateView):
    """The records of one kind that were deleted or merged away, newest first, each with its history."""

    template_name = "core/deleted_records.html"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.require("view")
        if not self.shows_deleted():  # a need-to-know model: what was deleted is not shown (fail closed)
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deletions = ChangeRecord.objects.filter(content_type=ContentType.objects.get_for_model(self.model),
                                                action=ChangeAction.DELETE)
        page = Paginator(deletions, self.paginate_by).get_page(self.request.GET.get("page"))
        context.update(page=page, deletions=[(d, self.page_url("_history", d.object_id)) for d in page])
        return context


class ObjectEditView(ModelViewMixin, FormView):
    """Add or edit a record through the app's services; a stale form or one without its version is refused."""

    form_class = None
    template_name = "core/object_edit.html"
    create_service = None
    update_service = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.action = "change" if "pk" in kwargs else "add"

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs:
            self.object = self.get_object()
        else:
            self.require("add")
            self.object = None
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            if self.object is None:
                obj = type(self).create_service(self.request.user, form.changes())
            else:
                obj = type(self).update_service(
                    self.request.user, self.object, form.changes(), expected_version=form.cleaned_data["version"]
                )
        except ValidationError as error:
            form.add_validation_error(error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved “{record}”.").format(record=obj))
        return redirect(obj.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["cancel_url"] = self.object.get_absolute_url() if self.object else context["list_url"]
        return context


class RecordActionView(ModelViewMixin, View):
    """One action on one record, posted from a page (move it, add a document or a line to it, delete it).

    Every such action has this one shape: the record is fetched through the access chokepoint for `action` (404
    when hidden, 403 when the user may see it but not do that, see core.access); a `permission` the action needs
    besides (e.g. adding a document to an agreement) is then checked (403 without it); the form, if any, is
    checked; `perform` calls the service. A refusal (an invalid form, or the service's ValidationError) writes
    nothing and is reported as error messages; the user then goes back to `next` when it is a page of this site,
    else to the record's page.
    """

    action = "change"
    permission = ""  # a permission needed besides `action` on the record, e.g. "agreements.add_agreementdocument"
    form_class = None
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.permission and not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        try:
            if form is not None and not form.is_valid():
                raise ValidationError(form.errors.as_data())
            done = self.perform(form)
        except ValidationError as error:
            self.report_refusal(error, form)
            return redirect(self.back_url())
        if done:
            messages.success(request, done)
        return redirect(self.success_url())

    def get_form(self):
        if self.form_class is None:
            return None
        return self.form_class(self.request.POST, self.request.FILES, **self.get_form_kwargs())

    def get_form_kwargs(self) -> dict:
        return {}

    def perform(self, form) -> str:
        """Acts through the app's services; returns the message that confirms it ("" for none)."""
        raise NotImplementedError

    def report_refusal(self, error: ValidationError, form=None) -> None:
        """Each reason as an error message, prefixed by the label of the field it concerns."""
        reasons = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
        for name, texts in reasons.items():
            label = form[name].label if form is not None and name in form.fields else None
            for text in texts:
                messages.error(self.request, _("{field}: {reason}").format(field=label, reason=text) if label else text)

    def back_url(self) -> str:
        """`next` when it is a page of this site; otherwise the record's page."""
        return safe_next(self.request, self.object.get_absolute_url())

    def success_url(self) -> str:
        return self.back_url()


class ObjectDeleteView(TemplateResponseMixin, RecordActionView):
    """Confirm, then delete through the app's service; then the list."""

    action = "delete"
    template_name = "core/object_delete.html"
    http_method_names = ["get", "post"]
    delete_service = None

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(object=self.object))

    def perform(self, form) -> str:
        name = str(self.object)
        try:
            type(self).delete_service(self.request.user, self.object)
        except ProtectedError as error:
            raise ValidationError(_("“{record}” is still linked to other records and was not deleted.").format(
                record=name)) from error
        return _("Deleted “{record}”.").format(record=name)

    def success_url(self) -> str:
        return reverse(self.url_name("_list"))


class ObjectMergeView(ModelViewMixin, FormView):
    """Merge another record into this one, keeping every link and both histories (needs change and delete)."""

    action = "change"
    template_name = "core/object_merge.html"
    merge_service = None

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.require("delete")
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        queryset = restrict(self.base_queryset(), self.request.user, "delete").exclude(pk=self.object.pk)
        return MergeForm(queryset=queryset, **self.get_form_kwargs())

    def form_valid(self, form):
        try:
            type(self).merge_service(self.request.user, self.object, form.cleaned_data["other"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Merged into “{record}”.").format(record=self.object))
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context


# --- Follow-up actions (an agreement's, a mission's: see models.FollowUpActionBase) --------------------------------

class FollowUpActionsMixin:
    """A detail page that lists its record's follow-up actions (core/includes/follow_up_actions.html) with the
    form to add one: `action_model`, `action_form_class` and `action_add_route` (the route of an ActionAddView)."""

    action_model = None
    action_form_class = None
    action_add_route = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, model = self.request.user, self.action_model
        may = user.has_perm
        actions = restrict(model.objects.all(), user).filter(**{model.parent_field: self.object})
        context.update(
            actions=actions.select_related("owner"),
            action_form=(self.action_form_class(user=user, auto_id="action_%s")
                         if may(permission_name(model, "add")) else None),
            action_add_url=reverse(self.action_add_route, args=[self.object.pk]),
            can_change_action=may(permission_name(model, "change")),
            today=timezone.localdate(),
        )
        return context


class ActionAddView(RecordActionView):
    """Adds a follow-up action of `action_model` to the record (`model`) it is posted on."""

    action = "view"
    action_model = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.action_model is not None:  # a class attribute, so that the access matrix reads it too
            cls.permission = permission_name(cls.action_model, "add")

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form) -> str:
        services.add_action(self.request.user, self.action_model, self.object, form.changes())
        return ""


class ActionStatusView(RecordActionView):
    """Marks a follow-up action done or cancelled (or open again) in one click."""

    form_class = ActionStatusForm

    def base_queryset(self):
        return super().base_queryset().select_related(self.model.parent_field)

    def perform(self, form) -> str:
        services.update_action(self.request.user, self.object, {"status": form.cleaned_data["status"]},
                               expected_version=form.cleaned_data["version"])
        return ""
