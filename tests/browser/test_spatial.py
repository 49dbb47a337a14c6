import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from divisions.spatial.models import Feature, ImportJob, Layer
from divisions.spatial.services import layer_create
from tests.browser.maps import click_map_feature
from tests.spatial.fixtures import ogr2ogr, zip_folder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AMATA = [101.05, 13.35]  # inside the first estate of the test data


def test_citizen_opens_the_map_toggles_a_layer_clicks_a_feature_and_downloads(
    page, live_server, layer_factory
):
    layer = layer_factory(slug="estates", title_th="นิคมอุตสาหกรรมในอีอีซี")
    layer.attributes.filter(name="name").update(label_th="ชื่อนิคม", label_en="Estate")

    page.goto(f"{live_server.url}/th/spatial/map/")
    expect(page.locator("#map[data-ready]")).to_have_count(1, timeout=15000)
    toggle = page.get_by_role("checkbox", name="นิคมอุตสาหกรรมในอีอีซี")
    expect(toggle).to_be_checked()
    click_map_feature(page, AMATA)
    popup = page.locator(".maplibregl-popup")
    expect(popup).to_contain_text("ชื่อนิคม")
    expect(popup).to_contain_text("นิคมอุตสาหกรรมอมตะซิตี้")

    toggle.uncheck()
    # Once the map has redrawn, nothing of the layer is left under the point.
    page.wait_for_function(
        "([lon, lat]) => { const map = document.getElementById('map').maplibre;"
        " return map.queryRenderedFeatures(map.project([lon, lat]))"
        ".filter(f => !f.source.startsWith('base-')).length === 0; }",
        arg=AMATA,
        timeout=5000,
    )

    page.goto(f"{live_server.url}{layer.dataset.get_absolute_url()}")
    with page.expect_download() as download:
        page.get_by_role("link", name="GeoJSON").click()
    assert download.value.suggested_filename == "estates.geojson"


def test_steward_uploads_a_shapefile_and_watches_the_progress_bar(
    page, live_server, dataset_factory, zones_geojson, tmp_path, celery_worker_process
):
    steward = User.objects.create_user("steward", password="a-long-test-password", is_staff=True)
    steward.groups.add(Group.objects.get(name="Spatial data stewards"))
    layer = layer_create(dataset=dataset_factory(), slug="estates", title_th="นิคมอุตสาหกรรม")
    folder = tmp_path / "shp"
    folder.mkdir()
    ogr2ogr(folder / "estates.shp", zones_geojson, "-t_srs", "EPSG:32647")
    archive = zip_folder(folder, tmp_path / "estates.zip")

    page.goto(f"{live_server.url}/th/admin/login/")
    page.fill("#id_username", "steward")
    page.fill("#id_password", "a-long-test-password")
    page.locator("input[type=submit]").click()
    page.goto(f"{live_server.url}/th/admin/spatial/importjob/add/?layer={layer.pk}")
    page.set_input_files("#id_file", str(archive))
    page.locator("input[name=_save]").click()

    progress = page.locator("#import-progress")
    expect(progress).to_have_attribute("data-status", "succeeded", timeout=60000)
    expect(page.locator("#import-bar")).to_have_attribute("value", "100")
    expect(page.locator("#import-report")).to_contain_text("นำเข้า 3 รายการ")
    assert ImportJob.objects.get().status == ImportJob.Status.SUCCEEDED
    assert Feature.objects.filter(layer=layer).count() == 3
    assert Layer.objects.get(pk=layer.pk).version == 1


def test_steward_sees_why_a_bad_upload_is_refused(page, live_server, dataset_factory, tmp_path):
    steward = User.objects.create_user("steward", password="a-long-test-password", is_staff=True)
    steward.groups.add(Group.objects.get(name="Spatial data stewards"))
    layer = layer_create(dataset=dataset_factory(), slug="estates", title_th="นิคมอุตสาหกรรม")
    fake = tmp_path / "estates.zip"
    fake.write_bytes(b"this is not a zip")

    page.goto(f"{live_server.url}/en/admin/login/")
    page.fill("#id_username", "steward")
    page.fill("#id_password", "a-long-test-password")
    page.locator("input[type=submit]").click()
    page.goto(f"{live_server.url}/en/admin/spatial/importjob/add/?layer={layer.pk}")
    page.set_input_files("#id_file", str(fake))
    page.locator("input[name=_save]").click()

    expect(page.locator(".errorlist")).to_contain_text("not what its name says")
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("page", [{"width": 390, "height": 844}], indirect=True)
def test_catalog_dataset_and_map_fit_a_phone_screen(page, live_server, layer_factory):
    layer = layer_factory(slug="estates")
    layer.dataset.publisher.name_en = "Department of Public Works and Town & Country Planning"
    layer.dataset.publisher.save()
    for path in ["/en/spatial/", layer.dataset.get_absolute_url(), "/th/spatial/map/"]:
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path


def test_steward_fixes_the_weakest_dataset_and_citizens_see_its_grade(
    page, live_server, layer_factory, dataset_factory
):
    from divisions.spatial.models import Dataset

    layer = layer_factory(slug="estates", title_en="Industrial estates")
    dataset_factory(slug="empty", title_en="Flood-prone villages",
                    title_th="หมู่บ้านเสี่ยงน้ำท่วม")  # no data yet  # fmt: skip
    steward = User.objects.create_user("steward", password="a-long-test-password", is_staff=True)
    steward.groups.add(Group.objects.get(name="Spatial data stewards"))

    page.goto(f"{live_server.url}/th/admin/login/")
    page.fill("#id_username", "steward")
    page.fill("#id_password", "a-long-test-password")
    page.locator("input[type=submit]").click()
    page.locator("tr.model-dataset th a").click()  # from the admin's home
    rows = page.locator("#result_list tbody tr")
    expect(rows.first).to_contain_text("หมู่บ้านเสี่ยงน้ำท่วม")  # the weakest first
    rows.nth(1).locator("th a").click()
    expect(page.locator(".quality")).to_contain_text("กรอก: วัตถุประสงค์")
    before = Dataset.objects.get(pk=layer.dataset_id).quality_score
    page.fill("#id_objective_th", "ติดตามการขยายตัวของนิคมอุตสาหกรรม")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".quality")).not_to_contain_text("กรอก: วัตถุประสงค์")
    after = Dataset.objects.get(pk=layer.dataset_id)
    assert after.quality_score > before

    page.goto(f"{live_server.url}/th/spatial/")
    page.select_option("#filter-quality", after.quality_grade)
    page.get_by_role("button", name="กรอง").click()
    expect(page.locator(".teaser-list")).not_to_contain_text("หมู่บ้านเสี่ยงน้ำท่วม")
    page.locator(".teaser-list h2 a").first.click()
    expect(page.locator(".quality")).to_contain_text(f"ระดับ {after.quality_grade}")
    expect(page.locator(".quality")).to_contain_text("ความครบถ้วนของคำอธิบายข้อมูล")


@pytest.mark.parametrize(("language", "name"), [("th", "ชลบุรี"), ("en", "Chon Buri")])
def test_the_map_draws_its_own_base_with_province_names_and_asks_no_other_host(
    page, live_server, layer_factory, language, name
):
    from urllib.parse import urlparse

    layer_factory(slug="estates")
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))

    page.goto(f"{live_server.url}/{language}/spatial/map/")

    expect(page.locator("#map[data-places='77']")).to_have_count(1, timeout=15000)
    label = page.locator(".map-place", has_text=name).first
    expect(label).to_be_visible()  # zoom 7.6 shows the names
    assert page.evaluate(
        "() => { const map = document.getElementById('map').maplibre;"
        " return ['base-land', 'base-lines', 'base-borders'].every(id => map.getLayer(id))"
        " && map.queryRenderedFeatures(map.project([101.1, 13.3]), {layers: ['base-land']})"
        ".length > 0; }"
    )
    assert hosts == {urlparse(live_server.url).netloc}
