"""Every write to the partner registry: validated, logged, in one transaction."""

from django.db import transaction

from liaison.core import services as core

from .models import Contact, Organisation, Position

ORGANISATION_FILL_FIELDS = ("name_en", "name_zh_hant", "acronym_en", "acronym_zh_hant", "jurisdiction",
                            "parent", "website", "notes")
CONTACT_FILL_FIELDS = ("name_en", "name_zh_hant", "honorific_en", "honorific_zh_hant", "notes")


def create_organisation(acting_user, data: dict) -> Organisation:
    return core.create_object(acting_user, Organisation, data)


def update_organisation(acting_user, organisation: Organisation, data: dict, expected_version=None) -> Organisation:
    return core.update_object(acting_user, organisation, data, expected_version)


def delete_organisation(acting_user, organisation: Organisation) -> None:
    core.delete_object(acting_user, organisation)


def merge_organisations(acting_user, keep: Organisation, remove: Organisation) -> Organisation:
    """`remove`'s people, sub-organisations, tags and history move to `keep`."""
    return core.merge_objects(acting_user, keep, remove, fill_fields=ORGANISATION_FILL_FIELDS)


@transaction.atomic
def create_contact(acting_user, data: dict) -> Contact:
    """A person; with `position` in `data` (organisation, title, dates), the post they hold, in the same step."""
    data = dict(data)
    position = data.pop("position", None)
    contact = core.create_object(acting_user, Contact, data)
    if position:
        add_position(acting_user, contact, position)
    return contact


def update_contact(acting_user, contact: Contact, data: dict, expected_version=None) -> Contact:
    return core.update_object(acting_user, contact, data, expected_version)


def delete_contact(acting_user, contact: Contact) -> None:
    core.delete_object(acting_user, contact)


@transaction.atomic
def merge_contacts(acting_user, keep: Contact, remove: Contact) -> Contact:
    """`remove`'s positions and history move to `keep`; e-mails, phones and languages are combined."""
    combined = {
        name: list(dict.fromkeys([*getattr(keep, name), *getattr(remove, name)]))
        for name in ("emails", "phones", "languages")
    }
    keep = core.merge_objects(acting_user, keep, remove, fill_fields=CONTACT_FILL_FIELDS)
    return core.update_object(acting_user, keep, combined)


def add_position(acting_user, contact: Contact, data: dict) -> Position:
    return core.create_object(acting_user, Position, {**data, "contact": contact}, related=contact)


def update_position(acting_user, position: Position, data: dict, expected_version=None) -> Position:
    return core.update_object(acting_user, position, data, expected_version, related=position.contact)


def remove_position(acting_user, position: Position) -> None:
    core.delete_object(acting_user, position, related=position.contact)
