"""Run inside a second, clean CKAN site: `python second_site.py <ini> <command> ...`.

The harvest test drives the second site through this script in its own process
(one CKAN configuration per process). Commands print JSON on stdout:

- ``harvest <source-name> <type> <url> <config-json>``: create the source in the
  organization "cosechas" and run one job through gather, fetch and import
  (ckanext-harvest's queue stages, without the queues)
- ``datasets``: every dataset as package_show returns it
- ``clear <source-name>``: remove the source's datasets
"""
from __future__ import annotations

import json
import sys

import ckan.plugins as plugins
import ckan.plugins.toolkit as tk
from ckan.cli import load_config
from ckan.config.middleware import make_app


def context() -> dict:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def harvest(name: str, source_type: str, url: str, config: str) -> dict:
    from ckanext.harvest.interfaces import IHarvester
    from ckanext.harvest.model import HarvestJob, HarvestObject
    from ckanext.harvest.queue import fetch_and_import_stages, gather_stage

    try:
        tk.get_action("organization_show")(context(), {"id": "cosechas"})
    except tk.ObjectNotFound:
        tk.get_action("organization_create")(context(), {"name": "cosechas",
                                                          "title": "Cosechas"})
    source = tk.get_action("harvest_source_create")(context(), {
        "name": name, "title": name, "url": url, "source_type": source_type,
        "owner_org": "cosechas", "config": config, "frequency": "MANUAL"})
    job_dict = tk.get_action("harvest_job_create")(
        context(), {"source_id": source["id"], "run": False})
    job = HarvestJob.get(job_dict["id"])
    harvester = next(h for h in plugins.PluginImplementations(IHarvester)
                     if h.info()["name"] == source_type)
    job.status = "Running"
    job.save()
    states = {}
    for object_id in gather_stage(harvester, job) or []:
        harvest_object = HarvestObject.get(object_id)
        fetch_and_import_stages(harvester, harvest_object)
        states[harvest_object.guid] = {
            "state": harvest_object.state,
            "errors": [error.message for error in harvest_object.errors]}
    errors = [error.message for error in job.gather_errors]
    return {"objects": states, "gather_errors": errors}


def datasets() -> list[dict]:
    result = tk.get_action("package_search")(
        context(), {"rows": 1000, "fq": "-dataset_type:harvest", "include_private": True})
    return [tk.get_action("package_show")(context(), {"id": d["id"]})
            for d in result["results"]]


def clear(name: str) -> dict:
    source = tk.get_action("package_show")(context(), {"id": name})
    tk.get_action("harvest_source_clear")(context(), {"id": source["id"]})
    return {"cleared": name}


def main() -> None:
    ini, command, *args = sys.argv[1:]
    app = make_app(load_config(ini))
    with app._wsgi_app.test_request_context():
        result = {"harvest": harvest, "datasets": datasets, "clear": clear}[command](*args)
    print(json.dumps(result, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
