"""`make run` explains its failures in one sentence instead of a traceback."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _serve(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/portal.py", "serve", "--env", "dev"],
                          cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=120)


def test_port_in_use_is_one_clear_sentence():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _serve({"GRLL_PORT": str(port)})
    assert result.returncode == 1
    assert f"Port {port} is already in use" in result.stderr
    assert "GRLL_PORT=" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_broken_config_template_is_one_clear_sentence(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "scripts"))
    import portal

    template = tmp_path / "config" / "ckan.ini.template"
    template.parent.mkdir()
    template.write_text("[app:main]\nsqlalchemy.url = {{no_such_setting}}\n")
    monkeypatch.setattr(portal, "ROOT", tmp_path)
    values = {"storage_path": str(tmp_path / "storage")}
    with pytest.raises(portal.SetupError, match="no_such_setting"):
        portal.write_config(tmp_path / "ckan.ini", values)
    assert not (tmp_path / "ckan.ini").exists()


def test_the_scheduler_command_runs_every_periodic_task(ckan_ini):
    """What `make run` and the compose scheduler call every few minutes."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "ckan"), "-c", str(ckan_ini), "grll", "periodicas"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
