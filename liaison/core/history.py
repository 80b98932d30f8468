"""The messages core's changes come with (see changelog.sentence), said in each reader's language."""

from django.utils.translation import gettext_lazy as _

from .changelog import sentence
from .choices import ActionStatus

DELETED_WITH = sentence("core.deleted_with", _("Deleted with “{record}”."))
LINK_EMPTIED = sentence("core.link_emptied", _("Link emptied: “{record}” was deleted."))
MOVED_BY_MERGE = sentence("core.moved_by_merge", _("Moved here from “{record}” (#{pk}) by a merge."))
MERGED_INTO = sentence("core.merged_into", _("Merged into “{record}” (#{pk})."))
MERGED_HERE = sentence("core.merged_here", _("Merged “{record}” (#{pk}) into this record; {count} links moved."))
TOKEN_CREATED = sentence("core.token_created", _("API token created."))
TOKEN_REVOKED = sentence("core.token_revoked", _("API token revoked."))
PASSWORD_CHANGED = sentence("core.password_changed", _("Password changed."))
FEED_MADE = sentence("core.feed_made", _("Calendar address made."))
FEED_REPLACED = sentence("core.feed_replaced", _("Calendar address replaced; the old one no longer works."))
FEED_STOPPED = sentence("core.feed_stopped", _("Calendar address turned off."))
ACTION_ADDED = sentence("core.action_added", _("Follow-up action added under “{record}”."))
ACTION_STATUS = sentence("core.action_status", _("Follow-up action: {old} → {new}"), old=ActionStatus,
                         new=ActionStatus)
