"""Emails to the public, written in the recipient's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    """A link for an email: workers have no request to take the host from."""
    return f"{settings.PORTAL_BASE_URL}{path}"


def send_in_language(
    *,
    to: str,
    language: str,
    template: str,
    context: dict,
    unsubscribe_url: str = "",
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and send them.

    With an unsubscribe URL the message carries RFC 8058 one-click unsubscribe headers.
    """
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    headers = {}
    if unsubscribe_url:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    EmailMessage(
        subject=subject, body=body, to=[to], headers=headers, attachments=attachments
    ).send()
