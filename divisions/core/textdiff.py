"""Readable word-level differences between two texts, Thai included (words by segmentation)."""

from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .thai import tokens_with_spaces


def text_diff(old: str, new: str) -> SafeString:
    """HTML of `new` with removed words in <del> and added words in <ins>."""
    before, after = tokens_with_spaces(old or ""), tokens_with_spaces(new or "")
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(before[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(after[j1:j2]))}</ins>")
        if op == "equal":
            parts.append(escape("".join(after[j1:j2])))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped
