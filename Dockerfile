# Production image: gunicorn serves the portal; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gdal-bin libpq-dev gcc gettext curl fonts-thai-tlwg \
       libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY eecportal ./eecportal
COPY divisions ./divisions
RUN pip install .
COPY . .
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost DJANGO_SETTINGS_MODULE=eecportal.settings.production \
    python manage.py collectstatic --noinput \
    && python manage.py compilemessages --ignore '.venv' -v 0 \
    && useradd --system --home /app portal && mkdir -p /app/var/media && chown -R portal /app/var

USER portal
EXPOSE 8000
CMD ["gunicorn", "eecportal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4"]
