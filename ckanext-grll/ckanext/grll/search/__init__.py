"""grll_search: CKAN's search served by PostgreSQL instead of Solr."""
