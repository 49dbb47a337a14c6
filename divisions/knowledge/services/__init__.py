"""Everything that writes knowledge records; callers import from here."""

from eecportal.ratelimit import RateLimited

from .items import (
    MAX_BODY_CHARACTERS,
    PUBLISH_PERMISSION,
    RICH_TEXT_FIELDS,
    item_archive,
    item_publish,
    item_publish_due,
    item_revision_restore,
    item_save,
    item_submit_for_review,
    item_validate_text,
    sanitize_html,
)
from .participation import (
    comment_moderate,
    comment_report,
    comment_submit,
    participant_invite,
    response_submit,
    submission_accept,
    submission_decline,
    submission_receive,
    subscription_cancel,
    subscription_confirm,
    subscription_digest_send,
    subscription_request,
)

__all__ = [
    "RICH_TEXT_FIELDS",
    "MAX_BODY_CHARACTERS",
    "PUBLISH_PERMISSION",
    "RateLimited",
    "comment_moderate",
    "comment_report",
    "comment_submit",
    "item_archive",
    "item_publish",
    "item_publish_due",
    "item_revision_restore",
    "item_save",
    "item_submit_for_review",
    "item_validate_text",
    "participant_invite",
    "response_submit",
    "submission_accept",
    "submission_decline",
    "submission_receive",
    "sanitize_html",
    "subscription_cancel",
    "subscription_confirm",
    "subscription_digest_send",
    "subscription_request",
]
