"""The seed catalog's harvest samples, served over HTTP by the portal itself.

The demonstration harvest sources used to point at `file:///…/datasets/harvest/…`,
which printed the server's directory layout in every public output of a harvest
source (package_show, harvest_source_list, the DCAT feed, dumps). The portal now
serves those samples at /muestras-cosecha/<name> and the seed registers that
address under `ckan.site_url`; the harvester fetches it like any official source.
Only the files lying directly in datasets/harvest/ are served: a name is looked
up among them, never joined into a path.
"""
from __future__ import annotations

from pathlib import Path

import ckan.plugins.toolkit as tk

from ckanext.grll.reference import DATASETS_DIR

SAMPLES_DIR = DATASETS_DIR / "harvest"
SAMPLES_ROUTE = "/muestras-cosecha"
MEDIA_TYPES = {".csv": "text/csv", ".json": "application/json"}


def samples(samples_dir: Path = SAMPLES_DIR) -> dict[str, Path]:
    """The served samples by file name: the CSV and JSON files of `samples_dir`."""
    if not samples_dir.is_dir():
        return {}
    return {path.name: path for path in samples_dir.iterdir()
            if path.is_file() and path.suffix in MEDIA_TYPES}


def sample_path(name: str, samples_dir: Path = SAMPLES_DIR) -> Path | None:
    """The sample file called `name`, if it is one of the served samples."""
    return samples(samples_dir).get(name)


def sample_url(name: str) -> str:
    """The public address of the sample called `name`."""
    return f"{tk.config.get('ckan.site_url').rstrip('/')}{SAMPLES_ROUTE}/{name}"
