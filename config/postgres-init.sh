#!/bin/sh
# First start of the production PostgreSQL: the DataStore database, its read-only
# role and the extensions the portal needs (run by the postgres image as superuser).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE datastore_ro LOGIN PASSWORD '${DATASTORE_RO_PASSWORD}';
CREATE DATABASE datastore OWNER ${POSTGRES_USER} ENCODING 'UTF8';
ALTER DATABASE datastore SET default_text_search_config = 'pg_catalog.spanish';
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
SQL
