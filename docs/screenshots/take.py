"""Refresh the screenshots in this folder (`make screenshots`): the portal with its demo content,
served by gunicorn on this machine, photographed by Chromium at a phone's and a laptop's width
in Thai and English."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ADDRESS = "127.0.0.1:8765"
WIDTHS = {"phone": (390, 844), "laptop": (1366, 900)}


def pages() -> dict[str, str]:
    """Page name -> path without the language prefix, from the demo content."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eecportal.settings.local")
    import django

    django.setup()
    from django.utils import translation

    from divisions.coordination.models import Meeting
    from divisions.planning.models import Project

    with translation.override("th"):
        meeting = Meeting.objects.filter(is_public=True).order_by("-starts_at").first()
        project = Project.objects.filter(is_public=True, location__isnull=False).first()
        paths = {"home": "/th/", "map": "/th/spatial/map/", "catalog": "/th/spatial/"}
        if meeting:
            paths["meeting"] = meeting.get_absolute_url()
        if project:
            paths["project"] = project.get_absolute_url()
    return {name: path.removeprefix("/th") for name, path in paths.items()}


def main() -> None:
    from playwright.sync_api import sync_playwright

    shown = pages()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "eecportal.wsgi:application", "--bind", ADDRESS,
         "--workers", "2"],
        cwd=ROOT,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "eecportal.settings.local"},
    )  # fmt: skip
    try:
        for _attempt in range(60):
            try:
                urllib.request.urlopen(f"http://{ADDRESS}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            for device, (width, height) in WIDTHS.items():
                for language in ("th", "en"):
                    context = browser.new_context(
                        viewport={"width": width, "height": height}, locale=f"{language}-TH"
                    )
                    page = context.new_page()
                    for name, path in shown.items():
                        page.goto(f"http://{ADDRESS}/{language}{path}")
                        if page.locator("#map").count():
                            page.wait_for_selector("#map[data-ready]", timeout=15000)
                            page.wait_for_timeout(1500)  # tiles drawn
                        target = HERE / f"{name}-{language}-{device}.jpg"
                        page.screenshot(path=target, type="jpeg", quality=70)
                        print(target.relative_to(ROOT))
                    context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
