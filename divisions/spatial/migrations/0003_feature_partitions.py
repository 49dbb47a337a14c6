"""Features partitioned by layer: a LIST partition a layer, each with its own GiST index.

Django cannot declare partitions, so the table is written in SQL; the model's state follows."""

import django.contrib.gis.db.models.fields
import django.contrib.postgres.indexes
import django.db.models.deletion
from django.db import migrations, models

PARTITIONED = """
CREATE TABLE spatial_feature_partitioned (
    layer_id bigint NOT NULL,
    fid integer NOT NULL CHECK (fid >= 0),
    properties jsonb NOT NULL,
    geom geometry(Geometry, 4326) NOT NULL,
    CONSTRAINT spatial_feature_pkey_by_layer PRIMARY KEY (layer_id, fid)
) PARTITION BY LIST (layer_id);
CREATE INDEX feature_geom ON spatial_feature_partitioned USING gist (geom);
DO $$
DECLARE layer bigint;
BEGIN
    FOR layer IN SELECT DISTINCT layer_id FROM spatial_feature LOOP
        EXECUTE format(
            'CREATE TABLE spatial_feature_layer_%s PARTITION OF spatial_feature_partitioned '
            'FOR VALUES IN (%s)', layer, layer);
    END LOOP;
END $$;
INSERT INTO spatial_feature_partitioned (layer_id, fid, properties, geom)
    SELECT layer_id, fid, properties, geom FROM spatial_feature;
DROP TABLE spatial_feature;
ALTER TABLE spatial_feature_partitioned RENAME TO spatial_feature;
"""


class Migration(migrations.Migration):
    dependencies = [("spatial", "0002_resource_file_address")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(PARTITIONED)],
            state_operations=[
                migrations.DeleteModel(name="Feature"),
                migrations.CreateModel(
                    name="Feature",
                    fields=[
                        ("pk", models.CompositePrimaryKey("layer", "fid", blank=True, editable=False, primary_key=True, serialize=False)),
                        ("fid", models.PositiveIntegerField()),
                        ("properties", models.JSONField(default=dict)),
                        ("geom", django.contrib.gis.db.models.fields.GeometryField(spatial_index=False, srid=4326)),
                        ("layer", models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, to="spatial.layer")),
                    ],
                    options={
                        "indexes": [django.contrib.postgres.indexes.GistIndex(fields=["geom"], name="feature_geom")],
                    },
                ),
            ],
        ),
    ]
