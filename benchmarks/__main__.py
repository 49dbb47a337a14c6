"""`make bench`: run every benchmark and write the figures to docs/benchmarks.md."""

from . import pages

if __name__ == "__main__":
    pages.run()
