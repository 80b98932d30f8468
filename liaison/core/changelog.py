"""The change log: snapshots of records and the context (request id, source) of each write."""

import contextvars
import datetime
import decimal
import functools
import re
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import get_language, override

from .choices import ChangeAction, ChangeSource

# Fields that change on every save and say nothing to a reader of the history.
UNLOGGED_FIELDS = {"created", "updated", "version", "search_text", "last_login"}
# Fields whose values must never be copied anywhere, the change log included: hashes of passwords and keys.
SECRET_FIELDS = {"password", "key_hash", "token_hash"}

_context = contextvars.ContextVar("liaison_change_context", default=None)


@contextmanager
def change_context(source: str, request_id: str | None = None):
    """Marks the writes inside the block as coming from one source and request."""
    token = _context.set((source, request_id or uuid.uuid4().hex))
    try:
        yield
    finally:
        _context.reset(token)


def current_context() -> tuple[str, str]:
    """(source, request id) of the write in progress; a write outside any context is a system write."""
    return _context.get() or (ChangeSource.SYSTEM, uuid.uuid4().hex)


def plain(value):
    """A field value as the log stores it (JSON-safe)."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):  # a stored file, or an empty file field
        return value.name or None
    return value


def snapshot(obj: models.Model, m2m: dict | None = None) -> dict:
    """The logged field values of a record, JSON-safe; many-to-many values as sorted primary keys.

    `m2m` gives the many-to-many values of a record just written in bulk, so they are not read back one by one.
    """
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in UNLOGGED_FIELDS or field.name in SECRET_FIELDS or field.primary_key:
            continue
        data[field.name] = plain(field.value_from_object(obj))
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            values = m2m.get(field.name, ()) if m2m is not None else field.value_from_object(obj)
            data[field.name] = sorted(related.pk for related in values)
    return data


@dataclass(frozen=True)
class Sentence:
    """What a change record says about a change, stored as facts and said in the reader's language when shown.

    `text` is the message with a {placeholder} per fact; `choices` names the placeholders holding a code of
    those choices (shown by label). A fact holding {language: name} (see `names_of`) is shown in the reader's
    language.
    """

    key: str
    text: str
    choices: dict = dataclass_field(default_factory=dict)

    def __call__(self, **facts) -> dict:
        """The facts of one such message, as a change record stores them."""
        return {"say": self.key, **facts}

    def say(self, facts: dict) -> str:
        shown = {}
        for name, value in facts.items():
            if name in self.choices:
                value = dict(self.choices[name].choices).get(value, value)
            elif isinstance(value, dict):
                value = in_reader_language(value)
            shown[name] = value
        return str(self.text).format(**shown)

    def pattern(self, language: str) -> re.Pattern:
        """The message as written in `language` by older versions, which stored the sentence itself."""
        with override(language):
            text = str(self.text)
        parts = re.split(r"\{(\w+)\}", text)
        regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
        # A message ending in a fact ends where the next sentence (". ") or the text does.
        return re.compile(regex + (r"(?=\.\s|$)" if parts[-1] == "" else ""))


@functools.cache
def _patterns(language: str, known: int) -> list:
    """(sentence, pattern) of every known message in `language` (`known`: how many, so a later one counts)."""
    return [(sentence, sentence.pattern(language)) for sentence in SENTENCES.values()]


SENTENCES: dict[str, Sentence] = {}


def sentence(key: str, text, **choices) -> Sentence:
    """Declares a message of the change log (each app declares its own in its `history` module)."""
    SENTENCES[key] = Sentence(key, text, choices)
    return SENTENCES[key]


def names_of(obj) -> dict:
    """{language: name} of a record, so a message naming it reads in each reader's language."""
    names = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            names[code] = str(obj)
    return names


def in_reader_language(names: dict) -> str:
    return names.get(get_language()) or next(iter(names.values()), "")


def say(facts: list) -> str:
    """The messages of stored facts, in the reader's language."""
    return " ".join(SENTENCES[fact["say"]].say({k: v for k, v in fact.items() if k != "say"})
                    for fact in facts if fact.get("say") in SENTENCES)


def read_message(message: str) -> list | None:
    """The facts of a message stored as a sentence (English or Chinese) by older versions; None when some part
    of it is not one of the known messages (it is then shown as stored)."""
    facts, rest = [], message.strip()
    while rest:
        found = _read_one(rest)
        if found is None:
            return None
        fact, rest = found
        facts.append(fact)
        rest = rest.lstrip(". 。")
    return facts


def _read_one(text: str):
    for language, _name in settings.LANGUAGES:
        for known, pattern in _patterns(language, len(SENTENCES)):
            match = pattern.match(text)
            if match:
                facts = {name: _code(known, name, value, language) for name, value in match.groupdict().items()}
                return known(**facts), text[match.end():]
    return None


def _code(known: Sentence, name: str, value: str, language: str):
    """A fact read back from a sentence: a choice's label becomes its code again, in either language; other
    text stays in the language it was written in."""
    choices = known.choices.get(name)
    if choices is None:
        return {language: value}
    for code, label in choices.choices:
        for language, _name in settings.LANGUAGES:
            with override(language):
                if str(label) == value:
                    return code
    return value


def record(acting_user, action: str, obj: models.Model, before=None, after=None, related=None, facts=(),
           merged=None):
    """Writes one change record; call it inside the transaction of the change it records.

    `related` is the record whose history this change belongs to as well (a record, or (content type id, pk) of
    one that may be gone); `facts` are the messages (see `sentence`) the change comes with; `merged` is the
    primary key of a record merged into `obj` (merge rows only).
    """
    change = unsaved_record(acting_user, action, obj, before, after, related, facts, merged)
    change.save()
    return change


def unsaved_record(acting_user, action: str, obj: models.Model, before=None, after=None, related=None, facts=(),
                   merged=None):
    """The change record of one change, not yet saved (writes in bulk save many at once)."""
    from .models import ChangeRecord

    if related is None or isinstance(related, tuple):
        related_type, related_pk = related or (None, None)
    else:
        related_type, related_pk = ContentType.objects.get_for_model(related).pk, related.pk
    source, request_id = current_context()
    return ChangeRecord(
        user=acting_user if getattr(acting_user, "pk", None) else None,
        user_name=getattr(acting_user, "username", "") or "",
        request_id=request_id,
        source=source,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        object_names={code: name[:300] for code, name in names_of(obj).items()},
        related_content_type_id=related_type,
        related_object_id=related_pk,
        before=before,
        after=after,
        facts=list(facts),
        merged_object_id=merged,
    )


def linked_names(changes, user) -> dict:
    """{model: {pk: name}} of the records the changes link to, that the user may see; one query per model."""
    wanted = defaultdict(set)
    for change in changes:
        for data in (change.before or {}, change.after or {}):
            for name, value in data.items():
                field = change.linked_field(name) if value is not None else None
                if field is not None:
                    wanted[field.related_model].update(value if isinstance(value, list) else [value])
    return {model: _names(model, pks, user) for model, pks in wanted.items()}


def _names(model, pks, user) -> dict:
    """{pk: name} of the records the user may see; users by their user name, as the history's "who" shows them."""
    from .access import restrict

    if model is get_user_model():
        return dict(model._default_manager.filter(pk__in=pks).values_list("pk", "username"))
    return {pk: str(record) for pk, record in restrict(model._default_manager.all(), user).in_bulk(pks).items()}


def record_names(changes, user) -> dict:
    """{change: name of its record in the reader's language}: the name it had when changed, or for a change
    logged before names were kept in both languages, its name now (records still there that the user may see;
    one query per kind), else the name as logged."""
    wanted = defaultdict(set)
    for change in changes:
        if not change.object_names:
            wanted[change.content_type_id].add(change.object_id)
    now = _names_now(wanted, user)
    return {change: change.record_name() if change.object_names else
            now.get((change.content_type_id, change.object_id), change.object_repr) for change in changes}


def _names_now(wanted: dict, user) -> dict:
    from .access import restrict

    names = {}
    for type_id, pks in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        for pk, found in restrict(model._default_manager.all(), user).in_bulk(pks).items():
            names[type_id, pk] = str(found)
    return names


def merged_into(content_type, pk) -> set:
    """The primary keys whose history is this record's: its own and those of every record merged into it."""
    from .models import ChangeRecord

    found, new = {pk}, {pk}
    while new:
        merged = set(ChangeRecord.objects.filter(
            content_type=content_type, object_id__in=new, action=ChangeAction.MERGE, merged_object_id__isnull=False,
        ).values_list("merged_object_id", flat=True))
        new = merged - found
        found |= new
    return found


def history(obj: models.Model | None, user, *, model=None, pk=None):
    """Change records of a record and of the records that belong to it (e.g. a contact's positions), following
    merges (the history of every record merged into it is part of its own), without those of records the user
    may not see. A deleted record has no object: give its `model` and `pk` instead.

    A change of a belonging record shows when the user may see records of its kind; for a kind that narrows by
    need-to-know (`restrict_for`), only while the record is there and visible to the user.
    """
    from .access import permission_name, restrict
    from .models import ChangeRecord

    if user is None:
        raise TypeError("history() needs the user who reads it.")
    content_type = ContentType.objects.get_for_model(model or obj)
    pks = merged_into(content_type, obj.pk if obj is not None else pk)
    own = models.Q(content_type=content_type, object_id__in=pks)
    belonging = models.Q(related_content_type=content_type, related_object_id__in=pks)
    kinds = ChangeRecord.objects.filter(belonging).exclude(own).values_list("content_type", flat=True).distinct()
    visible = own
    for kind in set(kinds):
        kind_model = ContentType.objects.get_for_id(kind).model_class()
        if kind_model is None or not user.has_perm(permission_name(kind_model, "view")):
            continue
        of_kind = belonging & models.Q(content_type_id=kind)
        if hasattr(kind_model, "restrict_for"):
            of_kind &= models.Q(object_id__in=restrict(kind_model._default_manager.all(), user).values("pk"))
        visible |= of_kind
    return ChangeRecord.objects.filter(visible).select_related("content_type", "user")
