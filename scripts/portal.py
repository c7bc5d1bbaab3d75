"""Portal set-up and service runner behind `make run` and `make test`.

    python scripts/portal.py prepare --env dev|test   # databases, roles, config, CKAN set-up
    python scripts/portal.py serve                    # web server + workers, Ctrl-C stops all
    python scripts/portal.py write-config --output F  # production ini from GRLL_* variables

Every step checks before it acts, so running it twice changes nothing.
Failures end with one sentence saying what to do, not a traceback.
"""
from __future__ import annotations

import argparse
import configparser
import json
import os
import runpy
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
CKAN = str(VENV_BIN / "ckan")
PG_HOST, PG_PORT = "127.0.0.1", 5432
OWNER_ROLE, READ_ROLE = "grll_ckan", "grll_datastore_ro"
ADMIN_USER = "admin"
GUNICORN_CONF = ROOT / "config/gunicorn.conf.py"
MB = 1024 * 1024
GB = 1024 * MB


class SetupError(Exception):
    """A problem the user can fix; its message says how."""


@dataclass(frozen=True)
class Environment:
    name: str
    ini: Path
    catalog_db: str
    datastore_db: str
    redis_db: int
    port: int
    log_level: str

    @property
    def var(self) -> Path:
        return ROOT / "var" / self.name


# GRLL_TEST_SLOT=<n> (1-9) gives a parallel test run its own databases, ini,
# Redis db and port, so several people can run the suite on one machine.
TEST_SLOT = os.environ.get("GRLL_TEST_SLOT", "")
ENVIRONMENTS = {
    "dev": Environment("dev", ROOT / "config/ckan.ini", "grll_ckan", "grll_datastore",
                       0, int(os.environ.get("GRLL_PORT", "5000")), "INFO"),
    "test": Environment(f"test{TEST_SLOT}", ROOT / f"config/test{TEST_SLOT}.ini",
                        f"grll_ckan_test{TEST_SLOT}", f"grll_datastore_test{TEST_SLOT}",
                        # 5500+: Chromium refuses some ports near 5055 (5060 is SIP).
                        1 + int(TEST_SLOT or 0), 5500 + int(TEST_SLOT or 0), "WARNING"),
}


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


# --- PostgreSQL as superuser -------------------------------------------------

def _superuser_command(database: str) -> list[str]:
    """psql as the cluster superuser: over TCP when trust auth allows it,
    else through the local socket as the postgres system user."""
    tcp = ["psql", "-h", PG_HOST, "-p", str(PG_PORT), "-U", "postgres", "-w"]
    probe = subprocess.run(tcp + ["-d", "postgres", "-c", "select 1"],
                           capture_output=True, text=True)
    if probe.returncode == 0:
        return tcp + ["-d", database]
    if shutil.which("runuser") and os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", "psql", "-d", database]
    raise SetupError(
        "Cannot connect to PostgreSQL as superuser on 127.0.0.1:5432; start PostgreSQL "
        "(pg_ctlcluster 15 main start) or run this as root.")


def superuser_sql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        _superuser_command(database) + ["-v", "ON_ERROR_STOP=1", "-qAt"],
        input=sql, capture_output=True, text=True)
    if result.returncode != 0:
        raise SetupError(f"PostgreSQL refused a set-up statement: {result.stderr.strip()}")
    return result.stdout.strip()


def ensure_roles_and_databases(env: Environment, secret: dict[str, str]) -> None:
    for role, password in ((OWNER_ROLE, secret["db_password"]),
                           (READ_ROLE, secret["read_password"])):
        superuser_sql(f"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                CREATE ROLE {role} LOGIN;
              END IF;
            END $$;
            ALTER ROLE {role} WITH LOGIN NOSUPERUSER PASSWORD '{password}';""")
    existing = set(superuser_sql("SELECT datname FROM pg_database").split())
    for database in (env.catalog_db, env.datastore_db):
        if database not in existing:
            say(f"Creating database {database}")
            superuser_sql(f"CREATE DATABASE {database} OWNER {OWNER_ROLE} ENCODING 'UTF8' "
                          "TEMPLATE template0")
    # DataStore rows are indexed by a trigger with the database's default text search
    # configuration; make it Spanish so it matches ckan.datastore.default_fts_lang.
    superuser_sql(f"ALTER DATABASE {env.datastore_db} "
                  "SET default_text_search_config = 'pg_catalog.spanish'")
    # The search backend needs these extensions; only a superuser may create them.
    from ckanext.grll.search.storage import EXTENSIONS_SQL

    superuser_sql(EXTENSIONS_SQL, env.catalog_db)


def set_datastore_permissions(env: Environment) -> None:
    from ckanext.datastore.cli import permissions_sql

    superuser_sql(permissions_sql(maindb=env.catalog_db, datastoredb=env.datastore_db,
                                  mainuser=OWNER_ROLE, writeuser=OWNER_ROLE,
                                  readuser=READ_ROLE), env.datastore_db)


# --- PostgreSQL tuning ------------------------------------------------------------

#: The memory docker-compose.yml's `db` service is sized for: its command line
#: repeats postgres_settings(COMPOSE_DB_MEMORY) (tests/test_production_files.py).
COMPOSE_DB_MEMORY = 8 * GB


def postgres_settings(memory: int) -> dict[str, int]:
    """PostgreSQL settings for a machine with `memory` bytes that serves the portal:
    memory in bytes, connections as a count. PostgreSQL's 128 MB of shared buffers
    leave the search index on disk: docs/search.md's targets were measured with 2 GB."""
    def megabytes(size: int) -> int:
        return size // MB * MB

    return {
        # A quarter of the memory, as PostgreSQL's documentation advises; beyond
        # 4 GB the operating system's cache serves as well.
        "shared_buffers": megabytes(min(memory // 4, 4 * GB)),
        # What the planner may count on finding in memory (shared buffers + OS cache).
        "effective_cache_size": megabytes(memory * 3 // 4),
        # Per sort or hash of each query: facet counts and rankings sort in memory.
        "work_mem": megabytes(min(max(memory // 512, 8 * MB), 64 * MB)),
        # Index builds (search-index rebuild, DataStore loads).
        "maintenance_work_mem": megabytes(min(memory // 16, GB)),
        # Each CKAN process (every gunicorn worker, the job worker, the harvest
        # consumers) keeps a few connections: 100 run out beside a test run.
        "max_connections": 200,
    }


def pg_value(name: str, value: int) -> str:
    """A postgres_settings() value as PostgreSQL writes it (memory in MB)."""
    return str(value) if name == "max_connections" else f"{value // MB}MB"


def machine_memory() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


#: pg_settings' units, in what postgres_settings() counts (bytes; none for a count).
_PG_UNITS = {"": 1, "B": 1, "kB": 1024, "8kB": 8192, "MB": MB, "GB": GB}


def postgres_changes(wanted: dict[str, int]) -> dict[str, int]:
    """The settings whose value in force differs from `wanted`."""
    names = ", ".join(f"'{name}'" for name in wanted)
    rows = superuser_sql(f"SELECT name, setting, unit FROM pg_settings WHERE name IN ({names})")
    current = {}
    for row in rows.splitlines():
        name, setting, unit = row.split("|")
        current[name] = int(setting) * _PG_UNITS[unit]
    return {name: value for name, value in wanted.items() if current.get(name) != value}


def tune_postgres(wanted: dict[str, int]) -> dict[str, int]:
    """Apply `wanted` with ALTER SYSTEM where the value in force differs, reload, and
    restart the cluster when a setting needs it and nobody else is connected (else
    say how). Returns what it set; a tuned cluster is left untouched."""
    changes = postgres_changes(wanted)
    if not changes:
        return {}
    say("Tuning PostgreSQL for the portal: "
        + ", ".join(f"{name} = {pg_value(name, value)}" for name, value in changes.items()))
    superuser_sql("".join(f"ALTER SYSTEM SET {name} = '{pg_value(name, value)}';\n"
                          for name, value in changes.items()) + "SELECT pg_reload_conf();")
    # shared_buffers and max_connections change only with a restart; the reload
    # applied the others.
    pending = postgres_changes(changes)
    if pending:
        restart_postgres(sorted(pending))
    return changes


def restart_postgres(settings: list[str]) -> None:
    """Restart the local Debian cluster, unless other sessions use it (other
    programs, other test runs): those would lose their connections."""
    version = superuser_sql("SHOW server_version_num")[:-4]
    cluster = Path(superuser_sql("SHOW data_directory")).name
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"]
    others = int(superuser_sql("SELECT count(*) FROM pg_stat_activity WHERE backend_type = "
                               "'client backend' AND pid <> pg_backend_pid()"))
    if others or not shutil.which("pg_ctlcluster") or os.geteuid() != 0:
        say(f"{', '.join(settings)} take effect when PostgreSQL restarts "
            f"({others} other connections open now): run `{' '.join(command)}` "
            "when nothing else uses it.")
        return
    say(f"Restarting PostgreSQL for {', '.join(settings)}")
    subprocess.run(command, check=False, capture_output=True)
    for _ in range(60):
        if subprocess.run(["pg_isready", "-q", "-h", PG_HOST, "-p", str(PG_PORT)]).returncode == 0:
            return
        time.sleep(0.5)
    raise SetupError(f"PostgreSQL did not come back after `{' '.join(command)}`; start it "
                     "and run again.")


def maybe_tune_postgres() -> None:
    """Tune the local cluster once for this machine, unless GRLL_TUNE_POSTGRES=0."""
    if os.environ.get("GRLL_TUNE_POSTGRES", "1") == "0":
        return
    tune_postgres(postgres_settings(machine_memory()))


# --- configuration -------------------------------------------------------------

def load_secrets() -> dict[str, str]:
    path = ROOT / "var" / "secrets.json"
    stored = json.loads(path.read_text()) if path.exists() else {}
    wanted = ("db_password", "read_password", "secret_key", "jwt_secret", "admin_password")
    if any(key not in stored for key in wanted):
        for key in wanted:
            stored.setdefault(key, secrets.token_urlsafe(24))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stored, indent=2))
        path.chmod(0o600)
    return stored


def local_config_values(env: Environment, secret: dict[str, str]) -> dict[str, str]:
    db = f"postgresql://{OWNER_ROLE}:{secret['db_password']}@{PG_HOST}:{PG_PORT}"
    return {
        "site_id": "grll" if env.name == "dev" else f"grll-{env.name}",
        "site_url": f"http://127.0.0.1:{env.port}",
        "secret_key": secret["secret_key"],
        "jwt_secret": secret["jwt_secret"],
        "sqlalchemy_url": f"{db}/{env.catalog_db}",
        "datastore_write_url": f"{db}/{env.datastore_db}",
        "datastore_read_url": (f"postgresql://{READ_ROLE}:{secret['read_password']}"
                               f"@{PG_HOST}:{PG_PORT}/{env.datastore_db}"),
        "redis_url": f"redis://127.0.0.1:6379/{env.redis_db}",
        "redis_host": "127.0.0.1",
        "redis_port": "6379",
        "redis_db": str(env.redis_db),
        "solr_url": "http://127.0.0.1:8983/solr/ckan",
        "search_backend": "postgres",
        "storage_path": str(env.var / "storage"),
        # Tests run a local SMTP sink on this port (one per test slot).
        "smtp_server": f"127.0.0.1:{2525 + int(TEST_SLOT or 0) if env.name != 'dev' else 2525}",
        "port": str(env.port),
        # `make run` and the tests are reached directly, never through a proxy.
        "trusted_proxies": "0",
        "log_level": env.log_level,
        "xloader_api_token": (env.var / "xloader_token").read_text().strip()
        if (env.var / "xloader_token").exists() else "NOT_SET",
    }


PRODUCTION_SETTINGS = (
    "site_id", "site_url", "secret_key", "jwt_secret", "sqlalchemy_url", "datastore_write_url",
    "datastore_read_url", "redis_url", "redis_host", "redis_port", "redis_db", "solr_url",
    "search_backend", "storage_path", "smtp_server", "port", "trusted_proxies", "log_level",
    "xloader_api_token")


def production_config_values() -> dict[str, str]:
    """Production takes every value from GRLL_<NAME> environment variables
    (docker-compose.yml sets them); a missing one is named in the error."""
    names = PRODUCTION_SETTINGS
    missing = [f"GRLL_{name.upper()}" for name in names if not os.environ.get(f"GRLL_{name.upper()}")]
    if missing:
        raise SetupError(f"Set the environment variables {', '.join(missing)} to write the "
                         "production configuration.")
    return {name: os.environ[f"GRLL_{name.upper()}"] for name in names}


def write_config(path: Path, values: dict[str, str]) -> None:
    """Render config/ckan.ini.template into `path`; rewritten only when it changes."""
    text = (ROOT / "config/ckan.ini.template").read_text()
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    if "{{" in text:
        start = text.index("{{")
        raise SetupError("config/ckan.ini.template has a placeholder the set-up does not "
                         f"know: {text[start:text.index('}}', start) + 2]}")
    Path(values["storage_path"]).mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        say(f"Writing {path}")
        path.write_text(text)
        path.chmod(0o600)


def compile_translations() -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    # The portal's texts (grll/i18n) and each commitment's own (grll/domains/<d>/i18n).
    for po_path in (ROOT / "ckanext-grll/ckanext/grll").glob("**/i18n/*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)


def ckan(env: Environment, *args: str) -> None:
    """Run a CKAN command; on failure, its last line and where its full output is."""
    result = subprocess.run([CKAN, "-c", str(env.ini), *args], capture_output=True, text=True)
    if result.returncode != 0:
        log = env.var / "setup.log"
        log.write_text(result.stdout + result.stderr)
        last = (result.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise SetupError(f"`ckan {args[0]} {args[1]}` failed: {last} (full output in "
                         f"{log.relative_to(ROOT)}); fix the cause and run again.")


def prepare(env: Environment) -> dict[str, str]:
    # First, while none of our programs holds a connection a restart would cut.
    maybe_tune_postgres()
    secret = load_secrets()
    ensure_roles_and_databases(env, secret)
    write_config(env.ini, local_config_values(env, secret))
    compile_translations()
    say("Applying CKAN and plugin database migrations")
    ckan(env, "grll", "setup", "--admin-password", secret["admin_password"],
         "--xloader-token-file", str(env.var / "xloader_token"))
    # The token only exists once the database does: write the config again with it.
    write_config(env.ini, local_config_values(env, secret))
    set_datastore_permissions(env)
    return secret


# --- serving ---------------------------------------------------------------------

def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def ini_settings(ini: Path) -> dict[str, str]:
    """The [app:main] settings of a CKAN ini, as written (bench/, upgrade_check.py)."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read(ini)
    return dict(parser["app:main"])


def web_server_command(ini: Path, port: int, workers: int | None = None
                       ) -> tuple[list[str], dict[str, str]]:
    """How the portal is served from `ini` on 127.0.0.1:`port`: gunicorn with
    config/gunicorn.conf.py, as in production. `make run`, the test suite's live
    server and bench/load.py start it this way. Returns (command, environment)."""
    environment = {**os.environ, "CKAN_INI": str(ini)}
    if workers:
        environment["GRLL_WEB_WORKERS"] = str(workers)
    return ([str(VENV_BIN / "gunicorn"), "--config", str(GUNICORN_CONF),
             "--bind", f"127.0.0.1:{port}"], environment)


def wait_until_serving(url: str, web: subprocess.Popen, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and web.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/api/3/action/status_show", timeout=5):
                return True
        except OSError:
            time.sleep(0.5)
    return False


def serve(env: Environment, secret: dict[str, str]) -> int:
    ini = str(env.ini)
    web_command, web_environment = web_server_command(env.ini, env.port)
    # What gunicorn reads from its config file (defaults sized for this machine).
    web_settings = runpy.run_path(str(GUNICORN_CONF))
    commands = {
        "worker": [CKAN, "-c", ini, "jobs", "worker", "default"],
        "harvest-gather": [CKAN, "-c", ini, "harvester", "gather-consumer"],
        "harvest-fetch": [CKAN, "-c", ini, "harvester", "fetch-consumer"],
    }
    children: dict[str, subprocess.Popen] = {
        "web": subprocess.Popen(web_command, env=web_environment, start_new_session=True),
        **{name: subprocess.Popen(command, start_new_session=True)
           for name, command in commands.items()},
    }

    def stop(*_: object) -> None:
        for child in children.values():
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        for child in children.values():
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)

    signal.signal(signal.SIGTERM, lambda *_: (stop(), sys.exit(0)))
    # Ctrl-C must work even when a parent shell started us with SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    url = f"http://127.0.0.1:{env.port}"
    try:
        if not wait_until_serving(url, children["web"]):
            raise SetupError("The web server did not start; read its messages above.")
        # Seeded once the server answers: the xloader jobs that resource uploads queue
        # download the files from it and skip them (already loaded, same hash).
        say("Loading the seed catalog")
        if subprocess.run([CKAN, "-c", ini, "grll", "seed"]).returncode != 0:
            print("Some seed datasets were not loaded (see above); the portal runs without them.",
                  flush=True)
        print(f"\n  Portal:        {url}\n"
              f"  Administrador: usuario {ADMIN_USER}, contraseña {secret['admin_password']}\n"
              f"  API:           {url}/api/3/action/package_search\n"
              f"  Servidor:      gunicorn, {web_settings['workers']} procesos, "
              f"{web_settings['timeout']} s como máximo por pedido "
              "(GRLL_WEB_WORKERS, GRLL_WEB_TIMEOUT)\n"
              "  Ctrl-C detiene el portal y sus procesos.\n", flush=True)
        next_harvest_run = 0.0
        while all(child.poll() is None for child in children.values()):
            # What the scheduler does in production: `harvester run` starts due harvest
            # jobs and closes finished ones; `grll periodicas` publishes citizen reports
            # whose publication job could not be queued (Redis was down), tells
            # organizations about overdue datasets and runs each commitment's own work.
            if time.monotonic() >= next_harvest_run:
                for periodic in (["harvester", "run"], ["grll", "periodicas"]):
                    subprocess.run([CKAN, "-c", ini, *periodic], capture_output=True)
                next_harvest_run = time.monotonic() + 60
            time.sleep(1)
        dead = [name for name, child in children.items() if child.poll() is not None]
        raise SetupError(f"The {', '.join(dead)} process stopped; read its messages above.")
    except KeyboardInterrupt:
        print("\nDeteniendo el portal…", flush=True)
        return 0
    finally:
        stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["prepare", "serve", "write-config"])
    parser.add_argument("--env", choices=sorted(ENVIRONMENTS), default="dev")
    parser.add_argument("--output", type=Path, help="write-config: where to write the ini")
    args = parser.parse_args()
    env = ENVIRONMENTS[args.env]
    try:
        if args.action == "write-config":
            write_config(args.output or Path(os.environ.get("CKAN_INI", "ckan.ini")),
                         production_config_values())
            compile_translations()
            return 0
        if args.action == "serve" and not port_is_free(env.port):
            raise SetupError(f"Port {env.port} is already in use; stop the program using it "
                             "or run `GRLL_PORT=5001 make run`.")
        secret = prepare(env)
        if args.action == "serve":
            return serve(env, secret)
    except SetupError as error:
        print(f"\nERROR: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
