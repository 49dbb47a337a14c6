"""The ground floor: helpers every section shares (uploads, jobs, exports, rate limits, Thai
text and dates, maps, mail, audit, API bases, widgets, provinces). It imports no section and
not the site; sections and the site import it."""
