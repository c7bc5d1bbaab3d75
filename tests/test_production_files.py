"""The production path (Dockerfile, docker-compose.yml) cannot run here: lint and read it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_dockerfile_passes_hadolint():
    result = subprocess.run([BIN / "hadolint", "Dockerfile"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_file_passes_yamllint():
    result = subprocess.run([BIN / "yamllint", "docker-compose.yml"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_runs_web_workers_postgres_solr_and_redis():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "harvest-gather", "harvest-fetch", "db", "solr",
            "redis"} <= set(services)
    assert services["solr"]["image"].startswith("ckan/ckan-solr:2.11")
    assert services["web"]["environment"]["GRLL_SEARCH_BACKEND"] == "solr"


def test_compose_sets_every_variable_the_production_config_needs():
    sys.path.insert(0, str(ROOT / "scripts"))
    from portal import PRODUCTION_SETTINGS

    needed = {f"GRLL_{name.upper()}" for name in PRODUCTION_SETTINGS}
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    for service in ("web", "worker", "harvest-gather", "harvest-fetch", "scheduler"):
        provided = set(compose["services"][service]["environment"])
        assert needed <= provided, (service, needed - provided)
