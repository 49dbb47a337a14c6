"""Signals sections send about their records, for whoever keeps copies of them (the site's
search index and page cache) without the sections importing those keepers."""

from django.dispatch import Signal

# Sent (sender=the model, pks=[…]) by a service that changes records without saving each one
# (QuerySet.update): saves are heard through post_save already; these would be missed.
records_changed = Signal()
