"""`make bench`: run the benchmarks and write the figures to docs/benchmarks.md.

`python -m benchmarks NAME …` runs only the named ones."""

import sys

from . import coordination, knowledge, load, pages, planning, search_quality, spatial

BENCHMARKS = {
    "pages": pages.run,
    "knowledge": knowledge.run,
    "search_quality": search_quality.run,
    "spatial": spatial.run,
    "coordination": coordination.run,
    "planning": planning.run,
    "planning_sheets": planning.sheets_run,
    "load": load.run,
}

if __name__ == "__main__":
    for name in sys.argv[1:] or list(BENCHMARKS):
        BENCHMARKS[name]()
