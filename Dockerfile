# scimon: one image for the scheduler, the review app and one-off commands.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md alembic.ini ./
COPY monitor ./monitor
COPY storage ./storage
COPY queries ./queries
COPY templates ./templates
RUN pip install . && useradd --create-home --uid 1000 scimon && mkdir -p /data && chown scimon /data

USER scimon
ENV SCIMON_QUERIES_DIR=/app/queries \
    SCIMON_TEMPLATES_DIR=/app/templates \
    SCIMON_OUTBOX_DIR=/data/outbox

# `scimon db upgrade` runs in the compose file's migrate service before these start
ENTRYPOINT ["scimon"]
CMD ["run"]
