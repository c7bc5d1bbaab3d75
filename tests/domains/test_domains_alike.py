"""The commitments offer the same things, each in its own way: an application linked
from the home page, in Spanish and English, its API documented on the Desarrolladores
page, its own documentation and benchmark; and they are built alike (issue 18): the
same files, actions and auth functions under their own prefix, config options declared
in their own config_declaration.yaml, and the feedback engine reached only through
``ckanext.grll.feedback.shared``.

The commitments are the enabled ``IGrllDomain`` plugins (portal_testing.commitments)."""
from __future__ import annotations

import ast
from pathlib import Path

import ckan.plugins as plugins
import ckan.plugins.toolkit as tk
import pytest
import yaml
from bs4 import BeautifulSoup

from ckanext.grll import domains
from portal_testing import commitments

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_DIR = Path(domains.__file__).resolve().parent.parent
DOMAINS_DIR = PACKAGE_DIR / "domains"
DOMAINS = commitments()

#: What every commitment's folder holds (issue 18), besides its own modules.
FILES = ("plugin.py", "logic/__init__.py", "logic/action.py", "logic/auth.py",
         "logic/schema.py", "config.py", "config_declaration.yaml", "model.py", "views.py",
         "harvester.py", "mapping.py", "domain.yaml", "resumen.py")
FOLDERS = ("templates", "public", "i18n")
ENGINE = "ckanext.grll.feedback"
ENGINE_FACE = "ckanext.grll.feedback.shared"


def test_every_commitment_folder_is_an_enabled_plugin():
    folders = sorted(d.name for d in DOMAINS_DIR.iterdir() if (d / "plugin.py").is_file())
    assert sorted(DOMAINS) == folders


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_home_page_opens_each_application(app, domain):
    home = BeautifulSoup(app.get("/").body, "html.parser")
    with app.flask_app.test_request_context():
        start = tk.url_for(f"grll_{domain}.index")
    assert start in [a["href"] for a in home.select("a.grll-commitment-app")]
    page = app.get(start)
    assert page.status_code == 200
    assert BeautifulSoup(page.body, "html.parser").find("html")["lang"] == "es"
    english = app.get(f"/en{start}")
    assert english.status_code == 200
    assert BeautifulSoup(english.body, "html.parser").find("html")["lang"] == "en"


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_api_is_documented_for_developers(app, domain):
    page = BeautifulSoup(app.get("/desarrolladores").body, "html.parser")
    section = page.find("section", id=f"api-{domain}")
    assert section is not None and section.find("h3")
    assert f"grll_{domain}_" in section.get_text()


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_commitment_has_its_documentation_and_benchmark(domain):
    assert (ROOT / "docs" / f"{domain}.md").read_text(encoding="utf-8").strip()
    assert (ROOT / "bench" / f"domain_{domain}.py").exists()
    assert f"docs/{domain}.md" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_commitment_has_the_same_files(domain):
    folder = DOMAINS_DIR / domain
    missing = [name for name in FILES if not (folder / name).is_file()]
    missing += [f"{name}/" for name in FOLDERS if not (folder / name).is_dir()]
    assert missing == [], f"{domain} lacks {', '.join(missing)}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_actions_only_under_the_prefix_and_an_auth_function_for_each(domain):
    plugin = plugins.get_plugin(f"grll_{domain}")
    actions = set(plugin.get_actions())
    auth = set(plugin.get_auth_functions())
    assert actions, domain
    assert sorted(a for a in actions if not a.startswith(f"grll_{domain}_")) == []
    assert sorted(actions - auth) == [], "actions without their auth function"
    assert sorted(auth - actions) == [], "auth functions of no action of the commitment"


def _declared_keys(path: Path) -> list[str]:
    declaration = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [option["key"] for group in declaration.get("groups", [])
            for option in group.get("options", [])]


def _sources(domain: str) -> dict[Path, ast.Module]:
    folder = DOMAINS_DIR / domain
    return {path: ast.parse(path.read_text(encoding="utf-8"), str(path))
            for path in sorted(folder.rglob("*.py"))}


@pytest.mark.parametrize("domain", DOMAINS)
def test_config_options_declared_only_in_its_config_declaration(domain):
    prefix = f"ckanext.grll.{domain}."
    own = DOMAINS_DIR / domain / "config_declaration.yaml"
    assert [key for key in _declared_keys(own) if not key.startswith(prefix)] == []
    elsewhere = [f"{path.relative_to(PACKAGE_DIR)}: {key}"
                 for path in sorted(PACKAGE_DIR.rglob("config_declaration.yaml"))
                 if path != own for key in _declared_keys(path) if key.startswith(prefix)]
    assert elsewhere == []
    # The base loads the yaml: no declaration written in Python beside it.
    in_python = []
    for path, tree in _sources(domain).items():
        for node in ast.walk(tree):
            name = (node.name if isinstance(node, ast.FunctionDef) else
                    node.func.attr if isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute) else "")
            if name in ("declaration", "declare_config_options", "load_dict") \
                    or name.startswith("declare_") or name == "declare":
                in_python.append(f"{path.relative_to(DOMAINS_DIR)}:{node.lineno} {name}")
    assert in_python == []


def _imported_modules(path: Path, tree: ast.Module) -> list[tuple[int, str]]:
    """(line, module) of every import, relative ones resolved; ``from a import b``
    gives ``a.b`` (b may be a module)."""
    package = ".".join(("ckanext", "grll", *path.relative_to(PACKAGE_DIR).parent.parts))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_feedback_engine_is_imported_only_through_its_shared_face(domain):
    stray = [f"{path.relative_to(DOMAINS_DIR)}:{line} {module}"
             for path, tree in _sources(domain).items()
             for line, module in _imported_modules(path, tree)
             if (module + ".").startswith(ENGINE + ".")
             and not (module + ".").startswith(ENGINE_FACE + ".")]
    assert stray == []
