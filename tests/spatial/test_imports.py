import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management import call_command
from django.utils import translation

from divisions.spatial.models import Feature, ImportJob, Layer
from divisions.spatial.services import import_job_run, layer_create, layer_upload_check

from .fixtures import ZONES, ogr2ogr, run_import, write_geojson, zip_folder

pytestmark = pytest.mark.django_db


@pytest.fixture
def layer(dataset_factory):
    return layer_create(dataset=dataset_factory(), slug="estates", title_th="นิคมอุตสาหกรรม")


def _features(layer):
    return {f.fid: f for f in Feature.objects.filter(layer=layer)}


def test_geojson_import_keeps_typed_attributes_and_repairs_invalid_geometry(layer, zones_geojson):
    job = run_import(layer, zones_geojson)

    assert job.status == ImportJob.Status.SUCCEEDED
    assert job.report["features"] == 3
    assert job.report["repaired"] == 1
    layer.refresh_from_db()
    assert (layer.feature_count, layer.geometry_type, layer.version) == (3, "Polygon", 1)
    assert list(layer.attributes.values_list("name", "type")) == [
        ("name", "string"), ("rai", "number"), ("opened", "date"),
    ]  # fmt: skip
    features = _features(layer)
    assert features[1].properties == {
        "name": "นิคมอุตสาหกรรมอมตะซิตี้", "rai": 3000, "opened": "2019-05-01",
    }  # fmt: skip
    assert all(f.geom.valid for f in features.values())
    assert features[3].geom.geom_type == "MultiPolygon"  # the bow-tie, split at its crossing
    layer.dataset.refresh_from_db()
    assert layer.dataset.extent.extent == pytest.approx((100.88, 12.6, 101.3, 13.4))


def test_zipped_shapefile_in_utm_47n_is_reprojected_to_wgs84(layer, zones_geojson, tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    ogr2ogr(folder / "estates.shp", zones_geojson, "-t_srs", "EPSG:32647")
    job = run_import(layer, zip_folder(folder, tmp_path / "estates.zip"))

    assert job.status == ImportJob.Status.SUCCEEDED, job.error
    west, south, east, north = job.report["bounds"]
    assert west == pytest.approx(100.88, abs=1e-6)
    assert north == pytest.approx(13.4, abs=1e-6)


def test_thai_shapefile_without_cpg_is_read_as_tis620(layer, zones_geojson, tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    ogr2ogr(folder / "estates.shp", zones_geojson, "-lco", "ENCODING=CP874")
    (folder / "estates.cpg").unlink()
    job = run_import(layer, zip_folder(folder, tmp_path / "estates.zip"))

    assert job.status == ImportJob.Status.SUCCEEDED, job.error
    assert _features(layer)[1].properties["name"] == "นิคมอุตสาหกรรมอมตะซิตี้"


@pytest.mark.parametrize(
    ("suffix", "options"),
    [(".gpkg", ()), (".kml", ()), (".csv", ("-lco", "GEOMETRY=AS_XY"))],
)
def test_geopackage_kml_and_csv_import(dataset_factory, zones_geojson, tmp_path, suffix, options):
    points = write_geojson(
        tmp_path / "points.geojson",
        {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"name": "ท่าเรือแหลมฉบัง"},
             "geometry": {"type": "Point", "coordinates": [100.89, 13.08]}},
            {"type": "Feature", "properties": {"name": "สนามบินอู่ตะเภา"},
             "geometry": {"type": "Point", "coordinates": [101.005, 12.68]}},
        ]},
    )  # fmt: skip
    source = ogr2ogr(tmp_path / f"places{suffix}", points, *options)
    layer = layer_create(dataset=dataset_factory(), slug="places", title_th="สถานที่")
    job = run_import(layer, source)

    assert job.status == ImportJob.Status.SUCCEEDED, job.error
    assert job.report["features"] == 2
    assert job.report["geometry_type"] == "Point"
    key = "Name" if suffix == ".kml" else "name"  # KML's own name element
    names = {f.properties[key] for f in _features(layer).values()}
    assert names == {"ท่าเรือแหลมฉบัง", "สนามบินอู่ตะเภา"}


def test_failed_import_leaves_the_layer_as_it_was(layer, zones_geojson, tmp_path):
    run_import(layer, zones_geojson)
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [{"type": "Feat', "utf-8")

    job = run_import(layer, broken)

    assert job.status == ImportJob.Status.FAILED
    assert "could not be imported" in job.error
    layer.refresh_from_db()
    assert (layer.version, layer.feature_count) == (1, 3)
    assert len(_features(layer)) == 3
    assert list(layer.attributes.values_list("name", flat=True)) == ["name", "rai", "opened"]


def test_reimport_replaces_features_and_keeps_attribute_labels(layer, zones_geojson, tmp_path):
    run_import(layer, zones_geojson)
    layer.attributes.filter(name="rai").update(label_th="พื้นที่ (ไร่)", label_en="Area (rai)")
    smaller = write_geojson(tmp_path / "one.geojson", ZONES | {"features": ZONES["features"][:1]})

    run_import(layer, smaller)

    layer.refresh_from_db()
    assert (layer.version, layer.feature_count) == (2, 1)
    assert Feature.objects.filter(layer=layer).count() == 1
    assert layer.attributes.get(name="rai").label_en == "Area (rai)"


def test_running_a_finished_job_again_changes_nothing(layer, zones_geojson):
    job = run_import(layer, zones_geojson)

    again = import_job_run(job_id=job.pk)

    assert again.status == ImportJob.Status.SUCCEEDED
    assert Feature.objects.filter(layer=layer).count() == 3
    layer.refresh_from_db()
    assert layer.version == 1


def test_job_interrupted_before_its_swap_runs_again_without_duplicates(layer, zones_geojson):
    """A worker that died mid-import leaves the job running; the requeued task starts over."""
    job = run_import(layer, zones_geojson)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)

    import_job_run(job_id=job.pk)

    assert Feature.objects.filter(layer=layer).count() == 3


def test_mixed_geometry_types_are_refused(layer, tmp_path):
    mixed = write_geojson(
        tmp_path / "mixed.geojson",
        {"type": "FeatureCollection", "features": [
            ZONES["features"][0],
            {"type": "Feature", "properties": {"name": "จุด"},
             "geometry": {"type": "Point", "coordinates": [101.0, 13.0]}},
        ]},
    )  # fmt: skip
    job = run_import(layer, mixed)

    assert job.status == ImportJob.Status.FAILED
    assert "mixes points, lines and polygons" in job.error
    assert not Feature.objects.filter(layer=layer).exists()


def test_coordinates_in_metres_claiming_degrees_are_flagged_as_a_wrong_crs(layer, tmp_path):
    # UTM 47N metres written into a GeoJSON, which is always longitude/latitude.
    wrong = write_geojson(
        tmp_path / "wrong.geojson",
        {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {},
             "geometry": {"type": "Point", "coordinates": [715000.0, 1470000.0]}},
        ]},
    )  # fmt: skip
    job = run_import(layer, wrong)

    assert job.status == ImportJob.Status.FAILED
    assert "outside Thailand" in job.error


def test_errors_are_written_in_the_uploaders_language(layer, tmp_path):
    mixed = write_geojson(
        tmp_path / "wrong.geojson",
        {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {},
             "geometry": {"type": "Point", "coordinates": [715000.0, 1470000.0]}},
        ]},
    )  # fmt: skip
    with open(mixed, "rb") as handle:
        job = ImportJob.objects.create(
            layer=layer, file=File(handle, name=mixed.name), language="th"
        )
    with translation.override("en"):
        job = import_job_run(job_id=job.pk)

    assert "นอกประเทศไทย" in job.error


def _upload(path):
    return File(open(path, "rb"), name=path.name)  # noqa: SIM115 - closed by the test's end


def test_shapefile_without_shx_is_refused_before_reading(zones_geojson, tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    ogr2ogr(folder / "estates.shp", zones_geojson)
    archive = zip_folder(folder, tmp_path / "estates.zip", skip=(".shx",))

    with pytest.raises(ValidationError, match=r"\.shx"):
        layer_upload_check(_upload(archive))


def test_path_traversal_zip_is_refused(tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("../../etc/cron.d/evil.shp", b"x")

    with translation.override("en"), pytest.raises(ValidationError, match="unsafe path"):
        layer_upload_check(_upload(archive))


def test_zip_bomb_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("divisions.core.uploads.ZIP_MAX_UNCOMPRESSED", 1024 * 1024)
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("estates.shp", b"\0" * (4 * 1024 * 1024))

    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="too large once unpacked"),
    ):
        layer_upload_check(_upload(archive))


def test_too_large_file_is_refused(zones_geojson, settings):
    settings.MAX_LAYER_UPLOAD_MB = 0

    with translation.override("en"), pytest.raises(ValidationError, match="too large"):
        layer_upload_check(_upload(zones_geojson))


@pytest.mark.parametrize(
    ("name", "content"),
    [("estates.geojson", b"\x89PNG\r\n\x1a\n"), ("estates.exe", b"MZ"), ("estates.gpkg", b"{}")],
)
def test_files_that_are_not_what_they_claim_are_refused(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(ValidationError):
        layer_upload_check(_upload(path))


def test_import_layer_command_uses_the_same_service(dataset_factory, zones_geojson, capsys):
    dataset = dataset_factory()

    call_command("import_layer", str(zones_geojson), dataset=dataset.slug, layer="estates")

    assert "3 features" in capsys.readouterr().out
    assert Layer.objects.get(slug="estates").feature_count == 3


def test_staging_tables_are_dropped_after_success_and_failure(layer, zones_geojson, tmp_path):
    from django.db import connection

    good = run_import(layer, zones_geojson)
    (tmp_path / "bad.geojson").write_text("{", "utf-8")
    bad = run_import(layer, tmp_path / "bad.geojson")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'spatial_staging' "
            "AND (table_name LIKE %s OR table_name LIKE %s)",
            [f"job_{good.pk}_%", f"job_{bad.pk}_%"],
        )
        assert cursor.fetchone()[0] == 0


def test_import_layer_command_refuses_a_layer_of_another_dataset(dataset_factory, zones_geojson):
    from django.core.management.base import CommandError

    call_command("import_layer", str(zones_geojson), dataset=dataset_factory().slug, layer="a")

    with pytest.raises(CommandError, match="another dataset"):
        call_command("import_layer", str(zones_geojson), dataset=dataset_factory().slug, layer="a")


def test_import_layer_command_into_a_new_layer_is_all_or_nothing(
    dataset_factory, zones_geojson, tmp_path, settings
):
    from django.core.management.base import CommandError

    from divisions.spatial.models import ImportJob

    settings.MEDIA_ROOT = tmp_path / "media"
    outside = tmp_path / "outside.geojson"  # metres marked as degrees: far outside Thailand
    outside.write_text(zones_geojson.read_text().replace("101.", "7101."), "utf-8")
    dataset = dataset_factory()

    with pytest.raises(CommandError):
        call_command("import_layer", str(outside), dataset=dataset.slug, layer="new-layer")

    assert not Layer.objects.filter(slug="new-layer").exists()
    assert not ImportJob.objects.exists()
    stored = [p for p in (tmp_path / "media").rglob("*") if p.is_file()]
    assert stored == []
    # An existing layer keeps its data when a later file fails.
    call_command("import_layer", str(zones_geojson), dataset=dataset.slug, layer="new-layer")
    with pytest.raises(CommandError):
        call_command("import_layer", str(outside), dataset=dataset.slug, layer="new-layer")
    assert Layer.objects.get(slug="new-layer").feature_count == 3


def test_each_layer_has_its_own_partition_and_deleting_a_layer_drops_it(layer, zones_geojson):
    from django.db import connection

    from divisions.spatial.services import dataset_delete

    run_import(layer, zones_geojson)
    run_import(layer, zones_geojson)  # replacing swaps the partition, never stacks another

    def partitions():
        """The feature table's partitions for this layer (other tests may leave their own)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
                "JOIN pg_class c ON c.oid = i.inhrelid "
                "WHERE i.inhparent = 'spatial_feature'::regclass"
            )
            bound = {f"FOR VALUES IN ('{layer.pk}')", f"FOR VALUES IN ({layer.pk})"}
            return [name for name, values in cursor.fetchall() if values in bound]

    assert partitions() == [f"spatial_feature_layer_{layer.pk}"]
    dataset_delete(dataset=layer.dataset)
    assert partitions() == []
    assert not Layer.objects.filter(pk=layer.pk).exists()
