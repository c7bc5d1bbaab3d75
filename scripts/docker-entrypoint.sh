#!/bin/sh
# Production entry point: write the ini from GRLL_* variables, bring the databases
# up to date (web container only), then run the given command.
set -eu
python /srv/app/scripts/portal.py write-config --output "$CKAN_INI"
if [ "${GRLL_RUN_MIGRATIONS:-0}" = "1" ]; then
  ckan -c "$CKAN_INI" grll setup --admin-password "$GRLL_ADMIN_PASSWORD"
  # In the compose stack the catalog role owns the cluster, so it may grant these.
  ckan -c "$CKAN_INI" datastore set-permissions | psql --set ON_ERROR_STOP=1 "$GRLL_DATASTORE_WRITE_URL"
fi
exec "$@"
