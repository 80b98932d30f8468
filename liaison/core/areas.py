"""The areas of the work: each Liaison app declares itself once on its AppConfig, and core assembles the rest.

Core never imports an app. It reads the declarations below and the app's modules of the conventional names —
`urls` (pages under /<label>/), `api` (its `router`, under /api/<label>/), `importers`, `timeline`, `calendar` and
`report` (imported at start-up for what they register), `reference` (its `load(acting_user)`, run by
`liaison demo`) and `synth` (its `generate(synth)`, run by `liaison synth` for the bench).
"""

import importlib
import importlib.util
from dataclasses import dataclass, replace

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import include, path, reverse

from .access import permission_name, restrict


@dataclass(frozen=True)
class MenuEntry:
    """A link in the main menu, shown only to users who have `permission`."""

    label: str
    url_name: str
    permission: str
    order: int = 100
    group: str = ""  # the menu groups entries under this label; blank: the app's name


# The parts of the home page a figure goes in.
TOTALS, DUE, THIS_YEAR = "totals", "due", "year"


@dataclass(frozen=True)
class HomeFigure:
    """A count on the home page: the records of `model` ("app_label.ModelName") the user may see, linking to
    `url_name` (with `query`, the list showing exactly those). Shown only to users who may view that model.

    `section`: TOTALS (everything the user may see), DUE (what waits for the office: `where` narrows it, `mine`
    names the field that must be the user) or THIS_YEAR (`year_field`, a date, falls in this year)."""

    model: str
    url_name: str
    order: int = 100
    label: str = ""  # blank: the model's plural name
    section: str = TOTALS
    where: tuple[tuple[str, object], ...] = ()  # (lookup, value) pairs the counted records match
    mine: str = ""
    year_field: str = ""
    query: str = ""  # may name {year}, the year shown


class LiaisonAppConfig(AppConfig):
    """An area of the work. Subclass it in the app's `apps.py` and declare what core cannot find by name."""

    menu: tuple[MenuEntry, ...] = ()
    home: tuple[HomeFigure, ...] = ()
    url_prefix = ""  # pages under /<url_prefix>/; blank: the label
    reference_after: tuple[str, ...] = ()  # labels of the apps whose reference data this app's data links to
    # Custom permissions (codenames of this app's models) a role gets beyond the standard table
    # (`core.roles.ROLE_ACTIONS`); a role also gets those of the roles below it.
    role_permissions: dict[str, set[str]] = {}

    # Django takes the AppConfig subclass an apps.py defines only when it sees exactly one there, imported ones
    # included: this base is never the one, each subclass is (unless it says `default = False`).
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.default = cls.__dict__.get("default", True)

    def ready(self):
        for name in ("importers", "timeline", "calendar", "report", "history"):
            self.module_named(name)

    def module_named(self, name: str):
        """The app's module of that name, imported; None when the app has none."""
        dotted = f"{self.name}.{name}"
        return importlib.import_module(dotted) if importlib.util.find_spec(dotted) else None

    def menu_entries(self) -> list[MenuEntry]:
        return [entry if entry.group else replace(entry, group=self.verbose_name) for entry in self.menu]


def liaison_apps() -> list[LiaisonAppConfig]:
    """The installed areas, in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if isinstance(config, LiaisonAppConfig)]


def page_urls() -> list:
    """Each app's pages under /<prefix>/, namespaced by its urls module's `app_name`."""
    return [path(f"{app.url_prefix or app.label}/", include(f"{app.name}.urls"))
            for app in liaison_apps() if app.module_named("urls")]


def api_routers() -> list[tuple[str, object]]:
    """(label, router) of each app with an API."""
    return [(app.label, module.router) for app in liaison_apps() if (module := app.module_named("api"))]


def api_urls() -> list:
    """Each app's API under /api/<label>/, in the namespace `<label>-api`."""
    return [path(f"{label}/", include((router.urls, f"{label}-api"))) for label, router in api_routers()]


@dataclass(frozen=True)
class MenuGroup:
    label: str
    entries: list[MenuEntry]


def menu_for(user) -> list[MenuGroup]:
    """The menu entries the user may use, in order, grouped; a group comes where its first entry does."""
    entries = sorted((entry for app in liaison_apps() for entry in app.menu_entries()
                      if user.has_perm(entry.permission)), key=lambda entry: entry.order)
    groups: dict[str, list[MenuEntry]] = {}
    for entry in entries:
        groups.setdefault(str(entry.group), []).append(entry)
    return [MenuGroup(label, found) for label, found in groups.items()]


@dataclass(frozen=True)
class Figure:
    label: str
    count: int
    url: str


def home_figures(user, section: str = TOTALS, year: int | None = None) -> list[Figure]:
    """The declared counts of one section of the home page, of what the user may see (the access chokepoint)."""
    declared = sorted((figure for app in liaison_apps() for figure in app.home if figure.section == section),
                      key=lambda figure: figure.order)
    figures = []
    for figure in declared:
        model = apps.get_model(figure.model)
        if not user.has_perm(permission_name(model, "view")):
            continue
        records = restrict(model.objects.all(), user).filter(**dict(figure.where))
        if figure.mine:
            records = records.filter(**{figure.mine: user})
        if figure.year_field:
            records = records.filter(**{f"{figure.year_field}__year": year})
        url = reverse(figure.url_name) + (f"?{figure.query.format(year=year)}" if figure.query else "")
        figures.append(Figure(figure.label or model._meta.verbose_name_plural, records.count(), url))
    return figures


def in_dependency_order(configs: list) -> list:
    """The apps with every app after those named in its `reference_after`, otherwise in the given order."""
    labels = {config.label for config in configs}
    for config in configs:
        unknown = set(config.reference_after) - labels
        if unknown:
            raise ImproperlyConfigured(f"{config.label}.reference_after names apps not installed: {sorted(unknown)}")
    ordered, done, pending = [], set(), list(configs)
    while pending:
        ready = next((c for c in pending if set(c.reference_after) <= done), None)
        if ready is None:
            raise ImproperlyConfigured(f"reference_after forms a cycle among {[c.label for c in pending]}")
        ordered.append(ready)
        done.add(ready.label)
        pending.remove(ready)
    return ordered


def reference_loaders() -> list[tuple[str, object]]:
    """(label, load) of each app with reference data, every app after the apps its data links to."""
    loaders = []
    for app in in_dependency_order(liaison_apps()):
        module = app.module_named("reference")
        if module is not None:
            loaders.append((app.label, module.load))
    return loaders


def synth_generators() -> list[tuple[str, object]]:
    """(label, generate) of each app with a synthetic-data generator, in the order reference data loads."""
    generators = []
    for app in in_dependency_order(liaison_apps()):
        module = app.module_named("synth")
        if module is not None and callable(getattr(module, "generate", None)):
            generators.append((app.label, module.generate))
    return generators
