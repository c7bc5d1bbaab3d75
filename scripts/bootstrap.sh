#!/usr/bin/env bash
# Machine-level set-up shared by `make run` and `make test`: Debian packages,
# PostgreSQL and Redis running, the virtualenv with the portal installed.
# Idempotent: every step checks before it acts, so a second run is fast.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"
PYTHON=${PYTHON:-python3.11}
WITH_BROWSER=${WITH_BROWSER:-0}

say() { printf '==> %s\n' "$*"; }
die() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }

need_pkgs=()
for pkg in postgresql postgresql-contrib redis-server libpq-dev libmagic1 build-essential; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_pkgs+=("$pkg")
done
if [[ "$WITH_BROWSER" == 1 ]]; then
  dpkg -s chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
  # node and npm bring axe-core (package.json) for the accessibility test.
  command -v npm >/dev/null 2>&1 || need_pkgs+=(nodejs npm)
fi
if ((${#need_pkgs[@]})); then
  say "Installing Debian packages: ${need_pkgs[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null || die "apt-get update failed; check the network or install ${need_pkgs[*]} by hand."
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null \
    || die "Could not install ${need_pkgs[*]}; install them with apt-get and run again."
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  say "Starting PostgreSQL"
  cluster_version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$cluster_version" main start 2>/dev/null || true
  for _ in $(seq 1 20); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
  pg_isready -q -h 127.0.0.1 -p 5432 \
    || die "PostgreSQL is not answering on 127.0.0.1:5432 and could not be started; start it (pg_ctlcluster $cluster_version main start) and run again."
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  say "Starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.25; done
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 \
    || die "Redis is not answering on 127.0.0.1:6379 and could not be started; start redis-server and run again."
fi

if [[ ! -x "$VENV/bin/python" ]]; then
  command -v "$PYTHON" >/dev/null || PYTHON=python3
  say "Creating the virtualenv in .venv"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip setuptools wheel
fi

# Reinstall only when the dependency declaration changed.
stamp="$VENV/.grll-installed"
want=$(cat setup.py pyproject.toml | sha256sum | cut -d' ' -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  say "Installing CKAN 2.12 and the portal plugins (first time takes a few minutes)"
  mkdir -p var
  "$VENV/bin/pip" install -e ".[dev]" > var/pip-install.log 2>&1 \
    || die "pip install failed; read var/pip-install.log."
  echo "$want" > "$stamp"
fi

# The browser tests' npm tools (axe-core), at the versions package-lock.json pins.
if [[ "$WITH_BROWSER" == 1 && ! -f node_modules/axe-core/axe.min.js ]]; then
  say "Installing the browser tests' npm packages (axe-core)"
  mkdir -p var
  npm ci --no-audit --no-fund > var/npm-install.log 2>&1 \
    || die "npm ci failed; read var/npm-install.log."
fi
