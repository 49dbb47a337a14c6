"""Parts of public pages kept for anonymous readers: what a page shows of one record (a list's
row, a detail page's body) and values derived from all public records (a filter's choices),
shared by every page and filter that shows them, until public content changes.

Public content changing bumps one number, the content generation (the whole-page cache's
too); every entry carries the generation it was made in, and one of an older generation is
a miss. Entries also end FRAGMENT_CACHE_SECONDS after they are made, which bounds how long
what depends on the time (a consultation open until today) is shown as it was. Each process
also holds what it read or made lately of the newest generation it has seen (`Recent`), so
that a part read again costs no round trip to Redis: every request reads the generation
first, so what a process holds is never older than what Redis would give, nor kept longer."""

import pickle
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import get_language

GENERATION_KEY = "page-cache-generation"
# Part of every key: change it when what is stored changes shape. An entry is (generation,
# value, the time it ends).
ENTRY_FORMAT = 2
T = TypeVar("T")


def initial_generation() -> int:
    """The generation when Redis holds none (a new or restarted Redis): never one used before,
    nor lower, so that no process takes what it holds from before for current."""
    cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    return cache.get(GENERATION_KEY)


class Recent:
    """The entries this process read or made lately of one content generation, the newest it
    has seen, up to FRAGMENT_MEMORY_BYTES (the least recently used go first): a list's count,
    its filters' choices and its rows were three round trips to Redis a page (0.1 to 0.3 ms
    each on loopback, more under load). A request of an older generation than the one held
    (read just before an edit) neither reads nor adds."""

    def __init__(self) -> None:
        self.generation: int | None = None
        self.entries: OrderedDict[str, tuple[tuple, int]] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, generation: int, keys: Iterable[str]) -> dict[str, tuple]:
        if generation != self.generation:
            return {}
        found, now = {}, time.time()
        with self.lock:
            for key in keys:
                if (held := self.entries.get(key)) is not None and held[0][2] > now:
                    self.entries.move_to_end(key)
                    found[key] = held[0]
        return found

    def add(self, generation: int, entries: dict[str, tuple]) -> None:
        budget = settings.FRAGMENT_MEMORY_BYTES
        with self.lock:
            if self.generation is None or generation > self.generation:
                self.entries.clear()
                self.size, self.generation = 0, generation
            elif generation != self.generation:
                return
            for key, entry in entries.items():
                value = entry[1]
                size = sys.getsizeof(value) if isinstance(value, str) else len(pickle.dumps(value))
                if (old := self.entries.pop(key, None)) is not None:
                    self.size -= old[1]
                self.entries[key] = (entry, size)
                self.size += size
            while self.size > budget and self.entries:
                self.size -= self.entries.popitem(last=False)[1][1]


RECENT = Recent()


def fragments_wanted(request: HttpRequest | None) -> bool:
    """Fragments are shared by anonymous readers only: staff may see internal records and
    controls, so their pages are always rendered afresh."""
    user = getattr(request, "user", None)
    return settings.FRAGMENT_CACHE_SECONDS > 0 and user is not None and not user.is_authenticated


def fragment_key(request: HttpRequest, name: str, values: Iterable = ()) -> str:
    """The key of a fragment: the site it is served on (a fragment may link by absolute
    address, as the calendar links do), the block (template and line) or value's name, the
    page's language, and the records (by model and key) and values its output depends on."""
    if "fragment_site" not in request.__dict__:  # the host is checked on every get_host()
        request.fragment_site = f"{request.scheme}:{request.get_host()}"
    parts = [request.fragment_site, name, get_language() or settings.LANGUAGE_CODE]
    for value in values:
        parts += (
            [value._meta.label_lower, str(value.pk)] if isinstance(value, Model) else [str(value)]
        )
    return f"fragment:{ENTRY_FORMAT}:" + ":".join(parts)


def fragments_kept(
    request: HttpRequest,
    keys: list[str],
    make: Callable[[list[str]], dict[str, T]],
    also: Iterable[str] = (),
) -> list[T]:
    """The value of each of `keys`, in order: those stored in the current content generation
    read in one round trip (with the generation itself, unless this request read it
    already), the others made by `make(missed keys)` and stored in one more. `make` may
    leave a key out (its record deleted since its key was read): so is its value. `also`
    are keys the page will ask for next (its other parts of the same record), read in the
    same round trip and held on the request until asked for."""
    generation = getattr(request, "content_generation", None)
    read = request.__dict__.setdefault("fragments_read", {})
    wanted = [key for key in dict.fromkeys([*keys, *also]) if key not in read]
    if wanted and generation is not None:
        held = RECENT.get(generation, wanted)
        read.update(held)
        wanted = [key for key in wanted if key not in held]
    if wanted or generation is None:
        found = cache.get_many(wanted if generation else [GENERATION_KEY, *wanted])
        if generation is None:
            generation = found.get(GENERATION_KEY) or initial_generation()
            request.content_generation = generation
        read.update((key, found.get(key)) for key in wanted)
        RECENT.add(
            generation,
            {key: entry for key in wanted if (entry := read[key]) and entry[0] == generation},
        )
    kept = {
        key: entry[1] for key in keys if (entry := read[key]) is not None and entry[0] == generation
    }
    missed = [key for key in keys if key not in kept]
    made = make(missed) if missed else {}
    if made:
        ends = time.time() + settings.FRAGMENT_CACHE_SECONDS
        entries = {key: (generation, value, ends) for key, value in made.items()}
        cache.set_many(entries, settings.FRAGMENT_CACHE_SECONDS)
        read.update(entries)
        RECENT.add(generation, entries)
    return [kept[key] if key in kept else made[key] for key in keys if key in kept or key in made]


def public_value(
    request: HttpRequest, name: str, compute: Callable[[], T], also: Iterable[str] = ()
) -> T:
    """`compute()`, kept for anonymous readers as fragments are: for what public pages derive
    from all public records (a filter's list of partners) and the record a detail page shows
    (its head, found by its key: a query a page, profiled as a third of an item's page),
    in the page's language; an exception (no such record) is not kept. `also`
    names the public values the page asks for next, read in the same round trip."""
    if not fragments_wanted(request):
        return compute()
    key = fragment_key(request, name)
    others = [fragment_key(request, other) for other in also]
    return fragments_kept(request, [key], lambda _missed: {key: compute()}, others)[0]


def per_record(
    request: HttpRequest,
    name: str,
    page: QuerySet,
    records: QuerySet,
    make: Callable[[list[Model]], list[T]],
    vary: Iterable = (),
    pks: list | None = None,
) -> list[T]:
    """A value for each record of `page` (a slice of `records`), in order, `make(records)`
    making those of several records at once, in their order; kept for anonymous readers as
    fragments are: the page's primary keys are read (unless given as `pks`), then every kept
    value in one round trip, and only the records not kept are read, from `records`, with
    what it prefetches."""
    if not fragments_wanted(request):
        return make(list(page))
    if pks is None:
        pks = list(page.values_list("pk", flat=True))

    def made(wanted: list) -> dict:
        found = list(records.filter(pk__in=wanted))
        return dict(zip((record.pk for record in found), make(found), strict=True))

    return per_key(request, name, page.model._meta.label_lower, pks, made, vary)


def per_key(
    request: HttpRequest,
    name: str,
    label: str,
    pks: list,
    make: Callable[[list], dict],
    vary: Iterable = (),
) -> list[T]:
    """A value for each of the keys `pks` of records of the model `label`, in order, kept for
    anonymous readers as fragments are; `make(keys)` makes those not kept, by key (leaving out
    a record deleted since its key was read)."""
    if not fragments_wanted(request):
        made = make(pks)
        return [made[pk] for pk in pks if pk in made]
    # The keys differ in the record's key only (built once: a page has 20 to 50 rows).
    head = fragment_key(request, name, [label, *vary]) + ":"
    keys = {head + str(pk): pk for pk in pks}

    def make_missed(missed: list[str]) -> dict[str, T]:
        made = make([keys[key] for key in missed])
        return {key: made[keys[key]] for key in missed if keys[key] in made}

    return fragments_kept(request, list(keys), make_missed)
