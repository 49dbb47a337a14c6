"""What GDAL's command-line tools need to reach the portal's database."""

from django.db import connection


def pg_connection_string() -> str:
    """libpq's key='value' form, quoted so any password works."""
    db = connection.settings_dict
    parts = {
        "dbname": db["NAME"],
        "host": db.get("HOST") or "",
        "port": str(db.get("PORT") or ""),
        "user": db.get("USER") or "",
        "password": db.get("PASSWORD") or "",
    }
    quoted = {key: value.replace("\\", "\\\\").replace("'", "\\'") for key, value in parts.items()}
    return "PG:" + " ".join(f"{key}='{value}'" for key, value in quoted.items() if value)
