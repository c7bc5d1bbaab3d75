"""Check an in-place upgrade of a portal database (docs/upgrade.md).

    python scripts/upgrade_check.py snapshot --ini OLD.ini --output before.json
    # ... pip install the new version, `ckan db upgrade`, `ckan grll setup` ...
    python scripts/upgrade_check.py check --ini NEW.ini --before before.json

`snapshot` reads the database with plain SQL, so the old portal's virtualenv (or any
Python with SQLAlchemy and psycopg2) can take it. `check`, run with the new portal's
virtualenv, reads the same facts again and stops with the differences if any dataset,
citizen report, rating, harvest source or harvest job, or DataStore table changed or
went missing; then, through the new CKAN's actions, it searches for every dataset,
shows every report, lists every harvest source's jobs and reads every DataStore table.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from portal import ini_settings

#: What must survive the upgrade, as rows of the catalog database.
CATALOG_FACTS = {
    "datasets": "SELECT name, type, private, owner_org FROM package WHERE state = 'active'",
    "organizations": "SELECT name FROM \"group\" WHERE state = 'active'",
    "reports": "SELECT tracking_code, domain, status, hidden FROM grll_feedback_report",
    "report_events": "SELECT count(*) FROM grll_feedback_event",
    "ratings": "SELECT prestador_id, user_id, trimestre FROM grll_agua_calificacion",
    "harvest_sources": "SELECT id, url, type FROM harvest_source",
    "harvest_jobs": "SELECT id, source_id, status FROM harvest_job",
    "harvest_objects": "SELECT count(*) FROM harvest_object",
}
DATASTORE_FACTS = {
    "datastore_tables": "SELECT table_name FROM information_schema.tables"
                        " WHERE table_schema = 'public' AND table_name <> '_table_metadata'",
}


def _rows(url: str, queries: dict[str, str]) -> dict[str, list[list[Any]]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return {name: sorted([str(v) for v in row] for row in conn.execute(sa.text(sql)))
                    for name, sql in queries.items()}
    finally:
        engine.dispose()


def snapshot(ini: Path) -> dict[str, list[list[Any]]]:
    settings = ini_settings(ini)
    return {**_rows(settings["sqlalchemy.url"], CATALOG_FACTS),
            **_rows(settings["ckan.datastore.write_url"], DATASTORE_FACTS)}


def differences(before: dict[str, list[list[Any]]],
                after: dict[str, list[list[Any]]]) -> list[str]:
    problems = []
    for name, rows in before.items():
        now = after.get(name, [])
        lost = [row for row in rows if row not in now]
        if lost:
            problems.append(f"{name}: {len(lost)} missing or changed, e.g. {lost[:3]}")
    return problems


def unreachable(ini: Path, before: dict[str, list[list[Any]]]) -> list[str]:
    """What the new CKAN cannot find through its actions (search index included)."""
    from ckan.cli import load_config
    from ckan.config.middleware import make_app
    from ckan.plugins import toolkit as tk

    app = make_app(load_config(str(ini)))
    problems = []
    with app._wsgi_app.test_request_context():
        site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
        context = {"user": site_user["name"], "ignore_auth": True}
        # ckanext-harvest keeps its sources (type harvest) out of package_search.
        wanted = {name for name, dataset_type, *_rest in before["datasets"]
                  if dataset_type != "harvest"}
        found = tk.get_action("package_search")(dict(context), {
            "q": "*:*", "rows": 1000, "include_private": True, "fl": "name"})
        missing = wanted - {dataset["name"] for dataset in found["results"]}
        if missing:
            problems.append(f"not found by package_search: {sorted(missing)}")
        for (code, *_rest) in before["reports"]:
            try:
                tk.get_action("grll_feedback_show")(dict(context), {"code": code})
            except (tk.ObjectNotFound, tk.ValidationError) as error:
                problems.append(f"report {code}: {error}")
        for (source_id, *_rest) in before["harvest_sources"]:
            jobs = tk.get_action("harvest_job_list")(dict(context), {"source_id": source_id})
            expected = {row[0] for row in before["harvest_jobs"] if row[1] == source_id}
            if not expected <= {job["id"] for job in jobs}:
                problems.append(f"harvest jobs of source {source_id} not listed")
        for (resource_id,) in before["datastore_tables"]:
            try:  # through the read-only role: the permissions of step 6
                tk.get_action("datastore_search")(dict(context), {"resource_id": resource_id,
                                                                  "limit": 1})
            except (tk.ObjectNotFound, tk.ValidationError) as error:
                problems.append(f"DataStore table {resource_id}: {error}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["snapshot", "check"])
    parser.add_argument("--ini", type=Path, required=True)
    parser.add_argument("--output", type=Path, help="snapshot: where to write it")
    parser.add_argument("--before", type=Path, help="check: the snapshot taken before")
    args = parser.parse_args()
    if args.action == "snapshot":
        facts = snapshot(args.ini)
        args.output.write_text(json.dumps(facts, indent=1))
        print(", ".join(f"{name}: {len(rows)}" for name, rows in facts.items()))
        return 0
    before = json.loads(args.before.read_text())
    problems = differences(before, snapshot(args.ini)) or unreachable(args.ini, before)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("Upgrade intact: " + ", ".join(f"{name}: {len(rows)}"
                                            for name, rows in before.items()))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
