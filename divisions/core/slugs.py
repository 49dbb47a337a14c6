"""Slugs staff never have to type: made from a record's English name, or its Thai name
romanised word by word (Royal Thai General System), and kept unique with -2, -3…"""

import re

from django.db import models
from django.utils.text import slugify
from pythainlp.transliterate import romanize

from .thai import segment

_THAI = re.compile(r"[\u0e01-\u0e5b]")


def slug_for(record: models.Model, *sources: str, field: str = "slug") -> str:
    text = next((source for source in sources if source and source.strip()), "")
    if _THAI.search(text):
        text = " ".join(romanize(word, engine="royin") for word in segment(text) if word.strip())
    max_length = record._meta.get_field(field).max_length
    base = slugify(text)[: max_length - 4].strip("-") or record._meta.model_name
    taken = type(record)._default_manager.exclude(pk=record.pk)
    slug, number = base, 2
    while taken.filter(**{field: slug}).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
