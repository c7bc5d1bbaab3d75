# Production image: CKAN 2.12 with ckanext-grll, served by gunicorn with the settings
# `make run` uses (config/gunicorn.conf.py: GRLL_WEB_WORKERS, GRLL_WEB_TIMEOUT).
# The same image runs the web app and the background workers (docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    CKAN_INI=/srv/app/config/production.ini \
    GRLL_STORAGE_PATH=/var/lib/ckan

RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 libpq-dev libmagic1 gcc postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --uid 900 --create-home --home-dir /srv/app ckan
WORKDIR /srv/app

COPY --chown=ckan:ckan setup.py pyproject.toml ./
COPY --chown=ckan:ckan ckanext-grll ./ckanext-grll
RUN pip install --no-cache-dir -e .

COPY --chown=ckan:ckan config ./config
COPY --chown=ckan:ckan datasets ./datasets
COPY --chown=ckan:ckan scripts ./scripts

RUN mkdir -p /var/lib/ckan && chown ckan:ckan /var/lib/ckan /srv/app/config
USER 900
EXPOSE 5000
ENTRYPOINT ["/srv/app/scripts/docker-entrypoint.sh"]
CMD ["gunicorn", "--config", "/srv/app/config/gunicorn.conf.py", "--bind", "0.0.0.0:5000"]
