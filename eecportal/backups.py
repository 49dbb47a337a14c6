"""Backups: the database as a pg_dump archive (one consistent snapshot), the media files, and
a manifest of what they hold (rows per table, a checksum of each table's content, each file's
SHA-256), so a restore can prove that nothing was lost."""

import hashlib
import io
import json
import os
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

DUMP = "database.dump"
MEDIA = "media.tar"
MANIFEST = "manifest.json"


class RestoreRefused(Exception):
    pass


def _pg_env(database: dict) -> dict:
    return os.environ | {
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
    }


def _tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
        "AND c.relname <> 'spatial_ref_sys' ORDER BY c.relname"
    )
    return [name for (name,) in cursor.fetchall()]


def database_summary(cursor) -> dict[str, dict]:
    """Rows and a content checksum of every table (partitioned tables counted whole)."""
    summary = {}
    for table in _tables(cursor):
        row_hash = "md5(t::text)"
        cursor.execute(
            f"SELECT count(*), coalesce(md5(string_agg({row_hash}, '' ORDER BY {row_hash})), '')"
            f' FROM "{table}" t'
        )
        rows, checksum = cursor.fetchone()
        summary[table] = {"rows": rows, "checksum": checksum}
    return summary


def media_summary(root: Path) -> dict[str, str]:
    summary = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            summary[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return summary


def _media_archive(root: Path, archive_path: Path) -> dict[str, str]:
    """Archive the media files and return the SHA-256 of exactly the bytes archived (a file
    replaced meanwhile is described as it was written into the archive)."""
    summary = {}
    with tarfile.open(archive_path, "w") as archive:
        for path in sorted(root.rglob("*")) if root.exists() else []:
            if not path.is_file():
                continue
            data = path.read_bytes()
            name = str(path.relative_to(root))
            info = tarfile.TarInfo(f"./{name}")
            info.size, info.mtime, info.mode = len(data), int(path.stat().st_mtime), 0o600
            archive.addfile(info, io.BytesIO(data))
            summary[name] = hashlib.sha256(data).hexdigest()
    return summary


def backup_create(*, target: Path) -> dict:
    """Write the dump, the media archive and the manifest into `target` (a new folder, and
    files only its owner can read: they hold password hashes, second-factor secrets and
    personal data). The manifest describes exactly the dump: both read one exported snapshot,
    so staff may go on working while the backup runs."""
    database = settings.DATABASES["default"]
    umask = os.umask(0o077)
    try:
        target.mkdir(parents=True, exist_ok=False, mode=0o700)
        target.chmod(0o700)
        snapshot = connections.create_connection("default")
        try:
            with snapshot.cursor() as cursor:
                cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                (snapshot_id,) = cursor.fetchone()
                subprocess.run(
                    ["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot_id}",
                     f"--file={target / DUMP}", database["NAME"]],
                    env=_pg_env(database), check=True,
                )  # fmt: skip
                summary = database_summary(cursor)
                cursor.execute("COMMIT")
        finally:
            snapshot.close()
        manifest = {
            "created_at": timezone.now().isoformat(),
            "database": summary,
            "media": _media_archive(Path(settings.MEDIA_ROOT), target / MEDIA),
        }
        (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    finally:
        os.umask(umask)
    return manifest


def backup_restore(*, source: Path, database_alias: str = "default") -> dict:
    """Restore a backup into an empty database and the media folder, then check them against
    the manifest; RestoreRefused when the database is not empty or anything differs."""
    manifest = json.loads((source / MANIFEST).read_text())
    database = settings.DATABASES[database_alias]
    target = connections[database_alias]
    with target.cursor() as cursor:
        if _tables(cursor):
            raise RestoreRefused(f"The database {database['NAME']} is not empty.")
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={database['NAME']}",
         str(source / DUMP)],
        env=_pg_env(database), check=True,
    )  # fmt: skip
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA) as archive:
        archive.extractall(media_root, filter="data")  # no links out, no absolute paths
    target.close()
    with target.cursor() as cursor:
        restored = {"database": database_summary(cursor), "media": media_summary(media_root)}
    differences = [
        table
        for table, summary in manifest["database"].items()
        if restored["database"].get(table) != summary
    ] + [
        path for path, digest in manifest["media"].items() if restored["media"].get(path) != digest
    ]
    if differences:
        raise RestoreRefused("Restored data differs from the backup: " + ", ".join(differences))
    return restored
