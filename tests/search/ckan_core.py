"""Run CKAN's own search tests (the yardstick of issue 3) against grll_search.

    .venv/bin/python tests/search/ckan_core.py [--ini PATH] [pytest args...]

Without ``--ini`` it renders ``config/test-core-search.ini.template`` into
``config/search-core.local.ini`` for the database ``grll_srch_core`` (created,
with its extensions, through the superuser URL ``--admin-url``). CKAN's
fixtures wipe that database's ``public`` tables, so it must not be shared.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import ckan
import sqlalchemy as sa

from ckanext.grll.search.storage import EXTENSIONS_SQL

ROOT = Path(__file__).resolve().parents[2]
CKAN_TESTS = Path(ckan.__file__).parent / "tests"

TARGETS = [
    "lib/search/",
    "logic/action/test_get.py::TestPackageSearch",
    "logic/action/test_get.py::TestPackageAutocomplete",
]

#: Tests that cannot pass, with the reason (also listed in docs/search.md).
CANNOT_PASS = {
    "lib/search/test_search.py::test_check_invalid_schema":
        "reads tests/lib/search/data/schema-no-version.xml, which the CKAN "
        "wheel does not ship",
    "lib/search/test_search.py::test_check_schema_with_wrong_version":
        "reads tests/lib/search/data/schema-wrong-version.xml, which the "
        "CKAN wheel does not ship",
}


def _prepare_database(admin_url: str, database: str) -> str:
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(sa.text(
            "SELECT 1 FROM pg_database WHERE datname = :d"), {"d": database}
        ).scalar()
        if not exists:
            conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
    url = admin.url.set(database=database)
    admin.dispose()
    with sa.create_engine(url).begin() as conn:
        conn.exec_driver_sql(EXTENSIONS_SQL)
    return url.render_as_string(hide_password=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ini", type=Path, help="use this CKAN test ini")
    parser.add_argument("--admin-url",
                        default="postgresql://postgres@127.0.0.1/postgres")
    # A parallel run (GRLL_TEST_SLOT, as for the other test databases) has its own
    # database and ini: CKAN's fixtures wipe them, so two runs must never share one.
    slot = os.environ.get("GRLL_TEST_SLOT", "")
    parser.add_argument("--database", default=f"grll_srch_core{slot}")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/8")
    args, pytest_args = parser.parse_known_args()

    ini = args.ini
    if ini is None:
        db_url = _prepare_database(args.admin_url, args.database)
        ini = ROOT / "config" / f"search-core{slot}.local.ini"
        template = (ROOT / "config" / "test-core-search.ini.template").read_text()
        ini.write_text(template.replace("{sqlalchemy_url}", db_url)
                       .replace("{redis_url}", args.redis_url))
        # Some of CKAN's tests expect the tables before any fixture creates them.
        subprocess.run([str(Path(sys.executable).parent / "ckan"), "-c", str(ini), "db",
                        "init"], check=True, capture_output=True)

    command = [
        sys.executable, "-m", "pytest", f"--ckan-ini={ini}",
        # CKAN's tests use markers our pyproject does not declare.
        "-o", "addopts=-p no:cacheprovider", "-q",
        *(str(CKAN_TESTS / t) for t in TARGETS),
        # Node ids are relative to the rootdir, the repository.
        *(f"--deselect={os.path.relpath(CKAN_TESTS, ROOT)}/{t}"
          for t in CANNOT_PASS),
        *pytest_args,
    ]
    return subprocess.call(command, cwd=ROOT, env=os.environ.copy())


if __name__ == "__main__":
    sys.exit(main())
