"""The production path (Dockerfile, docker-compose.yml) cannot run here: lint and read it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_dockerfile_passes_hadolint():
    result = subprocess.run([BIN / "hadolint", "Dockerfile"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_file_passes_yamllint():
    result = subprocess.run([BIN / "yamllint", "docker-compose.yml"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_runs_web_workers_postgres_solr_and_redis():
    services = compose()["services"]
    assert {"nginx", "web", "worker", "harvest-gather", "harvest-fetch", "db", "solr",
            "redis"} <= set(services)
    assert services["solr"]["image"].startswith("ckan/ckan-solr:2.12")
    assert services["web"]["environment"]["GRLL_SEARCH_BACKEND"] == "solr"


def test_compose_sets_every_variable_the_production_config_needs():
    sys.path.insert(0, str(ROOT / "scripts"))
    from portal import PRODUCTION_SETTINGS

    needed = {f"GRLL_{name.upper()}" for name in PRODUCTION_SETTINGS}
    services = compose()["services"]
    for service in ("web", "worker", "harvest-gather", "harvest-fetch", "scheduler"):
        provided = set(services[service]["environment"])
        assert needed <= provided, (service, needed - provided)


def test_the_web_app_is_reached_only_through_the_proxy_it_trusts():
    """Published directly, the app would take a client's forged X-Forwarded-For for
    the proxy's."""
    services = compose()["services"]
    assert "ports" not in services["web"]
    assert services["nginx"]["ports"] == ["80:80"]
    assert services["web"]["environment"]["GRLL_TRUSTED_PROXIES"] == "${GRLL_TRUSTED_PROXIES:-1}"
    proxy = (ROOT / "config/nginx.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in proxy
    assert "client_max_body_size" in proxy


def test_docker_serves_with_the_gunicorn_settings_of_make_run():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert '"gunicorn", "--config", "/srv/app/config/gunicorn.conf.py"' in dockerfile


def test_compose_gives_postgres_the_settings_of_the_set_up():
    sys.path.insert(0, str(ROOT / "scripts"))
    import portal

    command = compose()["services"]["db"]["command"]
    given = dict(value.split("=", 1) for flag, value in zip(command[1::2], command[2::2],
                                                             strict=True) if flag == "-c")
    wanted = portal.postgres_settings(portal.COMPOSE_DB_MEMORY)
    assert given == {name: portal.pg_value(name, value) for name, value in wanted.items()}
