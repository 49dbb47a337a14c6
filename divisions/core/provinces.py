"""Thailand's provinces by ISO 3166-2 code ("TH-" and the Department of Provincial
Administration's two digits), shared by every section that records a place. Names in Thai and
English come from geothai, the maintained national gazetteer, as do districts and subdistricts
(`divisions.core.gazetteer`)."""

from functools import cache

import geothai
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import get_language

# The three provinces of the Eastern Economic Corridor come first.
EEC_CODES = ("24", "20", "21")


def _thai() -> bool:
    """Whether names are wanted in Thai (English when no language is active, as when
    migrations are written)."""
    return (get_language() or "").startswith("th")


def _name(province: geothai.Province) -> str:
    """The province's name in the active language."""
    return province.name_th if _thai() else province.name_en


_label = lazy(_name, str)
_ORDERED = sorted(
    geothai.provinces(),
    key=lambda p: (p.code not in EEC_CODES, EEC_CODES.index(p.code) if p.code in EEC_CODES else 0,
                   p.code),
)  # fmt: skip
Province = models.TextChoices(
    "Province",
    [(p.name_en.upper().replace(" ", "_").replace("-", "_"), (f"TH-{p.code}", _label(p)))
     for p in _ORDERED],
)  # fmt: skip

EEC_PROVINCES = tuple(Province(f"TH-{code}") for code in EEC_CODES)


def province_choices() -> list[tuple[str, str]]:
    """`Province.choices` named in the active language as plain strings, made once a
    language: a filter's list of 77 lazy names cost 0.4 ms a page to resolve."""
    return _choices(_thai())


@cache
def _choices(thai: bool) -> list[tuple[str, str]]:
    return [(f"TH-{p.code}", p.name_th if thai else p.name_en) for p in _ORDERED]


def province_labels(codes: list[str]) -> list[str]:
    """The provinces' names in the active language, in the order given."""
    return [Province(code).label for code in codes]
