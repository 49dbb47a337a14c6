"""Site-wide writes, by subject: the search index, citizens' privacy requests, and following."""

from .follows import (
    follow_cancel,
    follow_confirm,
    follow_digest_send,
    follow_request,
    follows_erase,
    public_change_announce,
    webhook_deliver,
    webhook_signature,
)
from .privacy import (
    PRIVACY_ANSWER_DAYS,
    PRIVACY_VERIFY_DAYS,
    privacy_request_create,
    privacy_request_decline,
    privacy_request_fulfil,
    privacy_request_verify,
    privacy_requests_purge,
)
from .search import (
    SEARCH_CONFIGS,
    search_entry_refresh,
    search_index_rebuild,
    search_index_reconcile,
)

__all__ = [
    "follow_cancel",
    "follow_confirm",
    "follow_digest_send",
    "follow_request",
    "follows_erase",
    "public_change_announce",
    "webhook_deliver",
    "webhook_signature",
    "PRIVACY_ANSWER_DAYS",
    "PRIVACY_VERIFY_DAYS",
    "SEARCH_CONFIGS",
    "privacy_request_create",
    "privacy_request_decline",
    "privacy_request_fulfil",
    "privacy_request_verify",
    "privacy_requests_purge",
    "search_entry_refresh",
    "search_index_rebuild",
    "search_index_reconcile",
]
