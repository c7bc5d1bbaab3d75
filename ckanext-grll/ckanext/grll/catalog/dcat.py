"""DCAT-AP 3 and schema.org profiles for the portal's own metadata fields.

ckanext-dcat's `euro_dcat_ap_3` and `schemaorg` profiles know CKAN's core fields
(title, notes, tags, resources, maintainer as contact point, the organization
as publisher). These profiles run after them, add what only our schema holds and
turn the base profiles' free-text values into the IRIs DCAT-AP 3.0.1 asks for, so
`/catalog.ttl` and every dataset's RDF pass the official SHACL shapes (see
tests/catalog/test_dcat_ap3.py and docs/dcat.md):

| field | DCAT-AP 3 | schema.org |
|---|---|---|
| entidad | dct:publisher (foaf:name), a regional authority | schema:publisher |
| fuente | dct:provenance (rdfs:label) | schema:isBasedOn |
| frecuencia | dct:accrualPeriodicity, EU frequency IRI | - |
| cobertura_espacial | dct:spatial: /ubigeo/<code> with label, centroid, bbox | schema:spatialCoverage |
| cobertura_temporal_* | dct:temporal, dcat:startDate/endDate (no end in the future) | schema:temporalCoverage |
| idioma | dct:language, EU language IRI | schema:inLanguage |
| license_id | dct:license on the dataset and each distribution, SPDX IRI | schema:license |
| groups | dcat:theme: EU data theme IRIs plus the group itself | schema:about |
| resource format | dct:format EU file type, dcat:mediaType IANA IRI | schema:encodingFormat |

`parse_dataset` reads the same properties back, so a CKAN harvesting us with
these profiles stores our fields as they are here.
"""
from __future__ import annotations

import datetime
import html
import re
from typing import Any

import markdown
import nh3
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from ckanext.dcat.profiles import (
    DCAT,
    DCT,
    FOAF,
    GSP,
    SCHEMA,
    SPDX,
    VCARD,
    CleanedURIRef,
    RDFProfile,
)
from ckanext.dcat.utils import (
    catalog_uri,
    dataset_uri,
    publisher_uri_organization_fallback,
    resource_uri,
)
from ckanext.grll import reference
from ckanext.grll.catalog import ubigeo_geometry

FREQUENCY_BASE = "http://publications.europa.eu/resource/authority/frequency/"
LANGUAGE_BASE = "http://publications.europa.eu/resource/authority/language/"
THEME_BASE = "http://publications.europa.eu/resource/authority/data-theme/"
FILE_TYPE_BASE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE_BASE = "https://www.iana.org/assignments/media-types/"
SPDX_LICENCE_BASE = "http://spdx.org/licenses/"
PUBLISHER_TYPE = URIRef("http://purl.org/adms/publishertype/RegionalAuthority")
WKT = GSP.wktLiteral
# Schema codes (ISO 639-1) to the EU language authority (ISO 639-3 based).
LANGUAGES = {"es": "SPA", "qu": "QUE", "en": "ENG"}
FREQUENCIES = ("CONT", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "BIANNUAL",
               "ANNUAL", "IRREG", "NEVER")
#: Each commitment's group (and the reference data) to the EU data themes it is about.
THEMES: dict[str, tuple[str, ...]] = {
    "seguridad-ciudadana": ("JUST",),
    "agua-segura": ("HEAL", "ENVI"),
    "mercado-agrario": ("AGRI",),
    "informacion-laboral": ("ECON", "SOCI"),
    "datos-de-referencia": ("REGI",),
}
THEME_LABELS = {
    "JUST": "Justicia, sistema judicial y seguridad pública",
    "HEAL": "Salud",
    "ENVI": "Medio ambiente",
    "AGRI": "Agricultura, pesca, silvicultura y alimentación",
    "ECON": "Economía y finanzas",
    "SOCI": "Población y sociedad",
    "REGI": "Regiones y ciudades",
}
#: CKAN licence ids to SPDX licence IRIs. Licences without an SPDX identifier
#: (other-open, other-at...) point at the terms stated on the dataset's page.
LICENCES = {
    "cc-by": "CC-BY-4.0",
    "cc-by-sa": "CC-BY-SA-4.0",
    "cc-zero": "CC0-1.0",
    "cc-nc": "CC-BY-NC-4.0",
    "odc-by": "ODC-By-1.0",
    "odc-odbl": "ODbL-1.0",
    "odc-pddl": "PDDL-1.0",
    "uk-ogl": "OGL-UK-3.0",
    "gfdl": "GFDL-1.3-or-later",
}
#: Resource formats as CKAN stores them -> (EU file type, IANA media type).
FORMATS: dict[str, tuple[str, str | None]] = {
    "CSV": ("CSV", "text/csv"),
    "TSV": ("TSV", "text/tab-separated-values"),
    "JSON": ("JSON", "application/json"),
    "GEOJSON": ("GEOJSON", "application/geo+json"),
    "XLSX": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "XLS": ("XLS", "application/vnd.ms-excel"),
    "ODS": ("ODS", "application/vnd.oasis.opendocument.spreadsheet"),
    "XML": ("XML", "application/xml"),
    "PDF": ("PDF", "application/pdf"),
    "ZIP": ("ZIP", "application/zip"),
    "HTML": ("HTML", "text/html"),
    "TXT": ("TXT", "text/plain"),
    "KML": ("KML", "application/vnd.google-earth.kml+xml"),
    "SHP": ("SHP", None),
    "RDF": ("RDF_XML", "application/rdf+xml"),
    "TTL": ("RDF_TURTLE", "text/turtle"),
    "JSON-LD": ("JSON_LD", "application/ld+json"),
}
#: Formats with a de facto media type but no IANA registration (the catalog dump):
#: schema.org's encodingFormat takes any text, DCAT-AP's mediaType an IANA IRI only.
UNREGISTERED_MEDIA_TYPES = {"JSONL": "application/jsonl"}
#: The labels our forms use for the formats whose CKAN label is not the EU code.
FORMAT_LABELS = {"GEOJSON": "GeoJSON", "RDF_XML": "RDF", "RDF_TURTLE": "TTL",
                 "JSON_LD": "JSON-LD"}
#: Checksum algorithm by the length of a hexadecimal digest (CKAN stores no algorithm).
CHECKSUM_ALGORITHMS = {32: "md5", 40: "sha1", 64: "sha256", 128: "sha512"}
# Fields these profiles own: the base profiles' guesses for them are dropped on parse.
BASE_EXTRAS = ("frequency", "language", "temporal_start", "temporal_end", "spatial_uri",
               "spatial_text", "spatial_centroid", "spatial_bbox", "contact_name",
               "contact_email", "contact_uri", "publisher_name", "publisher_uri",
               "publisher_email", "publisher_url", "publisher_type", "provenance",
               "dcat_type", "theme", "access_rights")
# Keys the scheming part of euro_dcat_ap_3 adds that our schema does not have.
SCHEMING_KEYS = ("contact", "publisher", "creator", "temporal_coverage",
                 "spatial_coverage", "theme", "has_version")


def frequency_uri(code: str) -> URIRef | None:
    return URIRef(FREQUENCY_BASE + code) if code in FREQUENCIES else None


def ubigeo_uri(code: str) -> URIRef:
    """The URI the portal gives a region, province or district (INEI ubigeo); it
    answers with a page or RDF (ubigeo_pages.py)."""
    return URIRef(f"{catalog_uri().rstrip('/')}/ubigeo/{code}")


def licence_uri(dataset_dict: dict[str, Any]) -> URIRef | None:
    """The licence as an SPDX IRI, or the licence section of the dataset's page."""
    licence_id = dataset_dict.get("license_id")
    if not licence_id:
        return None
    if licence_id in LICENCES:
        return URIRef(SPDX_LICENCE_BASE + LICENCES[licence_id])
    return URIRef(landing_page(dataset_dict) + "#licencia")


def licence_id_of(uri: str) -> str | None:
    by_spdx = {SPDX_LICENCE_BASE + spdx: ckan_id for ckan_id, spdx in LICENCES.items()}
    return by_spdx.get(uri)


def landing_page(dataset_dict: dict[str, Any]) -> str:
    """The dataset's page: each commitment's types live under their own prefix."""
    dataset_type = dataset_dict.get("type") or "dataset"
    return f"{catalog_uri().rstrip('/')}/{dataset_type}/{dataset_dict['name']}"


def published_end(value: str | None) -> str | None:
    """A coverage end date in the future is a plan, not coverage: not published."""
    if value and value <= datetime.date.today().isoformat():
        return value
    return None


def resource_format(resource: dict[str, Any]) -> tuple[str, str | None] | None:
    """(EU file type, IANA media type) of a resource, from its format, its media
    type or its URL's extension, in that order."""
    label = (resource.get("format") or "").strip().lstrip(".").upper()
    if label in FORMATS:
        return FORMATS[label]
    mimetype = (resource.get("mimetype") or "").split(";")[0].strip().lower()
    for code, media_type in FORMATS.values():
        if mimetype and media_type == mimetype:
            return code, media_type
    extension = (resource.get("url") or "").rsplit("/", 1)[-1].rpartition(".")[2].upper()
    return FORMATS.get(extension)


def absolute_url(url: str | None) -> str | None:
    """Resource URLs are absolute for uploads and links; a path is on our site."""
    if url and url.startswith("/"):
        return catalog_uri().rstrip("/") + url
    return url or None


def _date_literal(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


class GrllDCATAPProfile(RDFProfile):
    """DCAT-AP 3 for the portal's scheming fields (use after `euro_dcat_ap_3`)."""

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Any) -> None:
        g = self.g
        g.bind("dcat", DCAT)
        g.bind("dct", DCT)
        g.bind("spdx", SPDX)
        self._publisher(dataset_dict, dataset_ref)
        if dataset_dict.get("fuente"):
            provenance = BNode()
            g.add((provenance, RDF.type, DCT.ProvenanceStatement))
            g.add((provenance, RDFS.label, Literal(dataset_dict["fuente"])))
            g.add((dataset_ref, DCT.provenance, provenance))
        frequency = frequency_uri(dataset_dict.get("frecuencia") or "")
        if frequency is not None:
            g.remove((dataset_ref, DCT.accrualPeriodicity, None))
            g.add((dataset_ref, DCT.accrualPeriodicity, frequency))
            g.add((frequency, RDF.type, DCT.Frequency))
        code = dataset_dict.get("cobertura_espacial")
        if code:
            g.add((dataset_ref, DCT.spatial, self._location(code)))
        start = dataset_dict.get("cobertura_temporal_inicio")
        end = published_end(dataset_dict.get("cobertura_temporal_fin"))
        if start or end:
            period = BNode()
            g.add((period, RDF.type, DCT.PeriodOfTime))
            if start:
                g.add((period, DCAT.startDate, _date_literal(start)))
            if end:
                g.add((period, DCAT.endDate, _date_literal(end)))
            g.add((dataset_ref, DCT.temporal, period))
        language = LANGUAGES.get(dataset_dict.get("idioma") or "")
        if language:
            g.add((dataset_ref, DCT.language, URIRef(LANGUAGE_BASE + language)))
            g.add((URIRef(LANGUAGE_BASE + language), RDF.type, DCT.LinguisticSystem))
        self._themes(dataset_dict, dataset_ref)
        for contact in g.objects(dataset_ref, DCAT.contactPoint):
            g.add((contact, RDF.type, VCARD.Kind))
        self._licence(dataset_dict, dataset_ref)
        for resource in dataset_dict.get("resources", []):
            self._distribution(resource, CleanedURIRef(resource_uri(resource)))

    def _location(self, code: str) -> URIRef:
        g = self.g
        location = ubigeo_uri(code)
        g.add((location, RDF.type, DCT.Location))
        g.add((location, DCT.identifier, Literal(code)))
        g.add((location, SKOS.prefLabel,
               Literal(reference.ubigeo_label(code) or code, lang="es")))
        wkt = ubigeo_geometry.centroid_wkt(code)
        if wkt:
            g.add((location, DCAT.centroid, Literal(wkt, datatype=WKT)))
        bbox = ubigeo_geometry.bbox_wkt(code)
        if bbox:
            g.add((location, DCAT.bbox, Literal(bbox, datatype=WKT)))
        return location

    def _publisher(self, dataset_dict: dict[str, Any], dataset_ref: Any) -> None:
        """The organization's URI named by the Entidad field, a regional authority."""
        entidad = dataset_dict.get("entidad")
        if not entidad:
            return
        g = self.g
        publisher = g.value(dataset_ref, DCT.publisher)
        if publisher is None:
            fallback = publisher_uri_organization_fallback(dataset_dict)
            publisher = URIRef(fallback) if fallback else BNode()
            g.add((dataset_ref, DCT.publisher, publisher))
            g.add((publisher, RDF.type, FOAF.Agent))
        g.remove((publisher, FOAF.name, None))
        g.add((publisher, FOAF.name, Literal(entidad)))
        self._publisher_type(publisher)

    def _publisher_type(self, publisher: Any) -> None:
        g = self.g
        g.remove((publisher, DCT.type, None))
        g.add((publisher, DCT.type, PUBLISHER_TYPE))
        g.add((PUBLISHER_TYPE, RDF.type, SKOS.Concept))
        g.add((PUBLISHER_TYPE, SKOS.prefLabel, Literal("Autoridad regional", lang="es")))
        g.add((PUBLISHER_TYPE, SKOS.prefLabel, Literal("Regional authority", lang="en")))

    def _themes(self, dataset_dict: dict[str, Any], dataset_ref: Any) -> None:
        """The EU data themes of the dataset's groups, and each group as a theme of
        the portal's own scheme (the groups' pages), so both facets survive."""
        g = self.g
        site = catalog_uri().rstrip("/")
        for group in dataset_dict.get("groups", []):
            for code in THEMES.get(group["name"], ()):
                theme = URIRef(THEME_BASE + code)
                g.add((dataset_ref, DCAT.theme, theme))
                g.add((theme, RDF.type, SKOS.Concept))
                g.add((theme, SKOS.prefLabel, Literal(THEME_LABELS[code], lang="es")))
            concept = URIRef(f"{site}/group/{group['name']}")
            g.add((dataset_ref, DCAT.theme, concept))
            g.add((concept, RDF.type, SKOS.Concept))
            g.add((concept, SKOS.prefLabel,
                   Literal(group.get("title") or group["name"], lang="es")))
            g.add((concept, SKOS.notation, Literal(group["name"])))

    def _licence(self, dataset_dict: dict[str, Any], dataset_ref: Any) -> None:
        """One licence IRI on the dataset and each of its distributions."""
        g = self.g
        for distribution in g.objects(dataset_ref, DCAT.distribution):
            for old in list(g.objects(distribution, DCT.license)):
                g.remove((old, None, None))
            g.remove((distribution, DCT.license, None))
        licence = licence_uri(dataset_dict)
        if licence is None:
            return
        g.add((licence, RDF.type, DCT.LicenseDocument))
        g.add((licence, DCT.identifier, Literal(dataset_dict["license_id"])))
        if dataset_dict.get("license_title"):
            g.add((licence, DCT.title, Literal(dataset_dict["license_title"])))
        g.add((dataset_ref, DCT.license, licence))
        for distribution in g.objects(dataset_ref, DCAT.distribution):
            g.add((distribution, DCT.license, licence))

    def _distribution(self, resource: dict[str, Any], distribution: URIRef) -> None:
        """EU file type and IANA media type IRIs, a download URL for files, an integer
        size and a checksum that names its algorithm."""
        g = self.g
        g.remove((distribution, DCT["format"], None))
        g.remove((distribution, DCAT.mediaType, None))
        found = resource_format(resource)
        if found:
            code, media_type = found
            file_type = URIRef(FILE_TYPE_BASE + code)
            g.add((distribution, DCT["format"], file_type))
            g.add((file_type, RDF.type, DCT.MediaTypeOrExtent))
            if media_type:
                iana = URIRef(MEDIA_TYPE_BASE + media_type)
                g.add((distribution, DCAT.mediaType, iana))
                g.add((iana, RDF.type, DCT.MediaType))
        url = absolute_url(resource.get("url"))
        # A file we serve (upload, DataStore dump) or a link to a known file format.
        if url and (resource.get("url_type") in ("upload", "datastore") or found):
            g.add((distribution, DCAT.downloadURL, CleanedURIRef(url)))
        for size in list(g.objects(distribution, DCAT.byteSize)):
            g.remove((distribution, DCAT.byteSize, size))
            try:
                value = int(float(size))
            except ValueError:
                continue
            if value >= 0:
                g.add((distribution, DCAT.byteSize,
                       Literal(value, datatype=XSD.nonNegativeInteger)))
        for checksum in list(g.objects(distribution, SPDX.checksum)):
            digest = str(g.value(checksum, SPDX.checksumValue) or "")
            algorithm = CHECKSUM_ALGORITHMS.get(len(digest))
            if g.value(checksum, SPDX.algorithm) is not None:
                continue
            if algorithm is None:
                g.remove((checksum, None, None))
                g.remove((distribution, SPDX.checksum, checksum))
                continue
            algorithm_ref = SPDX["checksumAlgorithm_" + algorithm]
            g.add((checksum, SPDX.algorithm, algorithm_ref))
            g.add((algorithm_ref, RDF.type, SPDX.ChecksumAlgorithm))

    def graph_from_catalog(self, catalog_dict: dict[str, Any], catalog_ref: Any) -> None:
        g = self.g
        publisher = URIRef(catalog_uri().rstrip("/") + "/acerca")
        g.add((catalog_ref, DCT.publisher, publisher))
        g.add((publisher, RDF.type, FOAF.Agent))
        g.add((publisher, FOAF.name, Literal(f"Gobierno Regional {reference.REGION_NAME}")))
        self._publisher_type(publisher)
        # The base profile adds the site's locale as a bare literal ("es").
        for language in list(g.objects(catalog_ref, DCT.language)):
            if isinstance(language, Literal):
                g.remove((catalog_ref, DCT.language, language))
        g.add((catalog_ref, DCT.language, URIRef(LANGUAGE_BASE + "SPA")))
        g.add((URIRef(LANGUAGE_BASE + "SPA"), RDF.type, DCT.LinguisticSystem))
        for homepage in g.objects(catalog_ref, FOAF.homepage):
            g.add((homepage, RDF.type, FOAF.Document))
        g.add((catalog_ref, DCT.spatial, self._location(reference.REGION_UBIGEO)))

    def parse_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Any) -> dict[str, Any]:
        """Our fields from a DCAT-AP description written by this profile."""
        g = self.g
        values: dict[str, str] = {}
        publisher = g.value(dataset_ref, DCT.publisher)
        if publisher is not None and g.value(publisher, FOAF.name):
            values["entidad"] = str(g.value(publisher, FOAF.name))
        provenance = g.value(dataset_ref, DCT.provenance)
        if provenance is not None and g.value(provenance, RDFS.label):
            values["fuente"] = str(g.value(provenance, RDFS.label))
        frequency = str(g.value(dataset_ref, DCT.accrualPeriodicity) or "")
        if frequency.startswith(FREQUENCY_BASE):
            values["frecuencia"] = frequency[len(FREQUENCY_BASE):]
        for location in g.objects(dataset_ref, DCT.spatial):
            code = str(g.value(location, DCT.identifier) or "")
            if reference.ubigeo_label(code):
                values["cobertura_espacial"] = code
        for period in g.objects(dataset_ref, DCT.temporal):
            for predicate, key in ((DCAT.startDate, "cobertura_temporal_inicio"),
                                   (DCAT.endDate, "cobertura_temporal_fin")):
                if g.value(period, predicate) is not None:
                    values[key] = str(g.value(period, predicate))[:10]
        by_uri = {LANGUAGE_BASE + code: lang for lang, code in LANGUAGES.items()}
        for language in g.objects(dataset_ref, DCT.language):
            if str(language) in by_uri:
                values["idioma"] = by_uri[str(language)]
        contact = g.value(dataset_ref, DCAT.contactPoint)
        if contact is not None:
            name = g.value(contact, VCARD.fn)
            email = g.value(contact, VCARD.hasEmail)
            if name:
                values["maintainer"] = str(name)
            if email:
                values["maintainer_email"] = str(email).removeprefix("mailto:")
        licence = g.value(dataset_ref, DCT.license)
        if licence is not None:
            licence_id = licence_id_of(str(licence)) or g.value(licence, DCT.identifier)
            if licence_id:
                values["license_id"] = str(licence_id)
        dataset_dict.update(values)
        for resource in dataset_dict.get("resources", []):
            self._parse_format(resource)
        if "version" not in dataset_dict:
            for extra in dataset_dict.get("extras", []):
                if extra["key"] == "version":
                    dataset_dict["version"] = extra["value"]
        for key in SCHEMING_KEYS:
            dataset_dict.pop(key, None)
        dataset_dict["extras"] = [
            extra for extra in dataset_dict.get("extras", [])
            if extra["key"] not in (*BASE_EXTRAS, "version")]
        return dataset_dict

    @staticmethod
    def _parse_format(resource: dict[str, Any]) -> None:
        """CKAN's labels and media types back from the EU and IANA IRIs."""
        media_type = resource.get("mimetype") or ""
        if media_type.startswith(MEDIA_TYPE_BASE):
            resource["mimetype"] = media_type[len(MEDIA_TYPE_BASE):]
        label = resource.get("format") or ""
        code = label.rsplit("/", 1)[-1] if label.startswith(FILE_TYPE_BASE) else None
        if code:
            resource["format"] = FORMAT_LABELS.get(code, code)
        elif label.startswith(MEDIA_TYPE_BASE):
            resource["format"] = next(
                (FORMAT_LABELS.get(c, c) for c, m in FORMATS.values()
                 if m == resource.get("mimetype")), resource["mimetype"])
        resource.pop("hash_algorithm", None)


def plain_text(text: str | None) -> str:
    """A description as search engines show it: the Markdown (tables included, as
    our descriptions use them) rendered, then stripped of its tags."""
    if not text:
        return ""
    rendered = markdown.markdown(text, extensions=["tables"])
    plain = html.unescape(nh3.clean(rendered, tags=set()))
    return re.sub(r"\n\s*\n+", "\n\n", plain).strip()


#: Google Dataset Search reads descriptions of 50 to 5,000 characters.
DESCRIPTION_MAX = 5000


class GrllSchemaOrgProfile(RDFProfile):
    """schema.org for search engines: our fields and Google Dataset Search's
    recommended ones (use after `schemaorg`)."""

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Any) -> None:
        g = self.g
        g.remove((dataset_ref, SCHEMA.identifier, None))
        g.add((dataset_ref, SCHEMA.identifier, Literal(dataset_uri(dataset_dict))))
        g.remove((dataset_ref, SCHEMA.description, None))
        description = plain_text(dataset_dict.get("notes"))
        if description:
            g.add((dataset_ref, SCHEMA.description, Literal(description[:DESCRIPTION_MAX])))
        self._publisher(dataset_dict, dataset_ref)
        if dataset_dict.get("fuente"):
            g.add((dataset_ref, SCHEMA.isBasedOn, Literal(dataset_dict["fuente"])))
        code = dataset_dict.get("cobertura_espacial")
        if code:
            g.add((dataset_ref, SCHEMA.spatialCoverage, self._place(code)))
        start = dataset_dict.get("cobertura_temporal_inicio")
        end = published_end(dataset_dict.get("cobertura_temporal_fin"))
        if start or end:
            g.add((dataset_ref, SCHEMA.temporalCoverage,
                   Literal(f"{start or '..'}/{end or '..'}")))
        if dataset_dict.get("idioma"):
            g.add((dataset_ref, SCHEMA.inLanguage, Literal(dataset_dict["idioma"])))
        g.remove((dataset_ref, SCHEMA.license, None))
        licence = licence_uri(dataset_dict)
        if licence is not None:
            g.add((dataset_ref, SCHEMA.license, Literal(str(licence))))
        g.add((dataset_ref, SCHEMA.isAccessibleForFree, Literal(True)))
        for resource in dataset_dict.get("resources", []):
            self._distribution(resource, CleanedURIRef(resource_uri(resource)))

    def _publisher(self, dataset_dict: dict[str, Any], dataset_ref: Any) -> None:
        """The Entidad as publisher; the organization (creator) with one contact point:
        the base profile gives it one copy per role it plays."""
        g = self.g
        for agent in g.objects(dataset_ref, SCHEMA.creator):
            contacts = list(g.objects(agent, SCHEMA.contactPoint))
            for extra in contacts[1:]:
                g.remove((agent, SCHEMA.contactPoint, extra))
                g.remove((extra, None, None))
        if not dataset_dict.get("entidad"):
            return
        for old in list(g.objects(dataset_ref, SCHEMA.publisher)):
            g.remove((dataset_ref, SCHEMA.publisher, old))
            if (dataset_ref, SCHEMA.creator, old) not in g:
                g.remove((old, None, None))
        publisher = BNode()
        g.add((publisher, RDF.type, SCHEMA.GovernmentOrganization))
        g.add((publisher, SCHEMA.name, Literal(dataset_dict["entidad"])))
        org_uri = publisher_uri_organization_fallback(dataset_dict)
        if org_uri:
            g.add((publisher, SCHEMA.url, Literal(org_uri)))
        g.add((dataset_ref, SCHEMA.publisher, publisher))

    def _place(self, code: str) -> BNode:
        g = self.g
        place = BNode()
        g.add((place, RDF.type, SCHEMA.Place))
        g.add((place, SCHEMA.name, Literal(reference.ubigeo_label(code) or code)))
        g.add((place, SCHEMA.identifier, Literal(code)))
        g.add((place, SCHEMA.url, Literal(str(ubigeo_uri(code)))))
        found = ubigeo_geometry.shape(code)
        geo = BNode()
        if found and found.bbox:
            west, south, east, north = found.bbox
            g.add((geo, RDF.type, SCHEMA.GeoShape))
            g.add((geo, SCHEMA.box, Literal(f"{south} {west} {north} {east}")))
            g.add((place, SCHEMA.geo, geo))
        elif found and found.centroid:
            g.add((geo, RDF.type, SCHEMA.GeoCoordinates))
            g.add((geo, SCHEMA.latitude, Literal(found.centroid[1])))
            g.add((geo, SCHEMA.longitude, Literal(found.centroid[0])))
            g.add((place, SCHEMA.geo, geo))
        return place

    def _distribution(self, resource: dict[str, Any], distribution: URIRef) -> None:
        """A media type as encoding format and the file's URL as contentUrl."""
        g = self.g
        g.remove((distribution, SCHEMA.encodingFormat, None))
        found = resource_format(resource)
        media_type = found[1] if found else UNREGISTERED_MEDIA_TYPES.get(
            (resource.get("format") or "").strip().upper())
        if media_type:
            g.add((distribution, SCHEMA.encodingFormat, Literal(media_type)))
        url = absolute_url(resource.get("url"))
        if url and (distribution, SCHEMA.contentUrl, None) not in g:
            g.add((distribution, SCHEMA.contentUrl, Literal(url)))
        description = plain_text(resource.get("description"))
        g.remove((distribution, SCHEMA.description, None))
        if description:
            g.add((distribution, SCHEMA.description, Literal(description)))
