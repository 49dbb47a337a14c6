"""Site-wide writes, by subject: the search index, and citizens' privacy requests."""

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
