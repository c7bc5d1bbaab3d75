"""DCAT-AP and schema.org profiles for the portal's own metadata fields.

ckanext-dcat's `euro_dcat_ap_2` and `schemaorg` profiles know CKAN's core fields
(title, notes, tags, resources, maintainer as contact point, the organization
as publisher). These profiles run after them and add what only our schema
holds, so harvesters see it with the right properties:

| field | DCAT-AP | schema.org |
|---|---|---|
| entidad | dct:publisher (foaf:name), a regional authority | schema:publisher |
| fuente | dct:provenance (rdfs:label) | schema:isBasedOn |
| frecuencia | dct:accrualPeriodicity, EU frequency authority URI | - |
| cobertura_espacial | dct:spatial: dct:Location with ubigeo, label, centroid | schema:spatialCoverage |
| cobertura_temporal_* | dct:temporal: dct:PeriodOfTime, dcat:startDate/endDate | schema:temporalCoverage |
| idioma | dct:language, EU language authority URI | schema:inLanguage |
| license_id | dct:license on every distribution | schema:license |

`parse_dataset` reads the same properties back, so a CKAN harvesting us with
these profiles stores our fields as they are here.
"""
from __future__ import annotations

from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from ckanext.dcat.profiles import DCAT, DCT, FOAF, SCHEMA, RDFProfile
from ckanext.dcat.utils import catalog_uri, publisher_uri_organization_fallback
from ckanext.grll import reference

FREQUENCY_BASE = "http://publications.europa.eu/resource/authority/frequency/"
LANGUAGE_BASE = "http://publications.europa.eu/resource/authority/language/"
PUBLISHER_TYPE = URIRef("http://purl.org/adms/publishertype/RegionalAuthority")
# Schema codes (ISO 639-1) to the EU language authority (ISO 639-3 based).
LANGUAGES = {"es": "SPA", "qu": "QUE", "en": "ENG"}
FREQUENCIES = ("CONT", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "BIANNUAL",
               "ANNUAL", "IRREG", "NEVER")
# Fields these profiles own: the base profiles' guesses for them are dropped on parse.
BASE_EXTRAS = ("frequency", "language", "temporal_start", "temporal_end", "spatial_uri",
               "spatial_text", "spatial_centroid", "contact_name", "contact_email",
               "contact_uri", "publisher_name", "publisher_uri", "publisher_email",
               "publisher_url", "publisher_type", "provenance", "dcat_type")


def frequency_uri(code: str) -> URIRef | None:
    return URIRef(FREQUENCY_BASE + code) if code in FREQUENCIES else None


def ubigeo_uri(code: str) -> URIRef:
    """The URI the portal gives a region, province or district (INEI ubigeo)."""
    return URIRef(f"{catalog_uri().rstrip('/')}/ubigeo/{code}")


def centroid_wkt(code: str) -> str | None:
    """WKT point of the district capital; provinces and the region have none."""
    district = reference.distritos().get(code)
    return f"POINT ({district.lon} {district.lat})" if district else None


def _date_literal(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


class GrllDCATAPProfile(RDFProfile):
    """DCAT-AP 2 for the portal's scheming fields (use after `euro_dcat_ap_2`)."""

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Any) -> None:
        g = self.g
        g.bind("dcat", DCAT)
        g.bind("dct", DCT)
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
            location = ubigeo_uri(code)
            g.add((dataset_ref, DCT.spatial, location))
            g.add((location, RDF.type, DCT.Location))
            g.add((location, DCT.identifier, Literal(code)))
            g.add((location, SKOS.prefLabel,
                   Literal(reference.ubigeo_label(code) or code, lang="es")))
            wkt = centroid_wkt(code)
            if wkt:
                g.add((location, DCAT.centroid,
                       Literal(wkt, datatype=URIRef("http://www.opengis.net/ont/geosparql#wktLiteral"))))
        start = dataset_dict.get("cobertura_temporal_inicio")
        end = dataset_dict.get("cobertura_temporal_fin")
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
        self._licence(dataset_dict, dataset_ref)

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
        g.remove((publisher, DCT.type, None))
        g.add((publisher, DCT.type, PUBLISHER_TYPE))

    def _licence(self, dataset_dict: dict[str, Any], dataset_ref: Any) -> None:
        """DCAT-AP puts the licence on each distribution; licences without a URL
        (e.g. other-open) get a node named by their CKAN id and title."""
        licence_id = dataset_dict.get("license_id")
        if not licence_id:
            return
        url = dataset_dict.get("license_url")
        licence = URIRef(url) if url else BNode()
        self.g.add((licence, RDF.type, DCT.LicenseDocument))
        self.g.add((licence, DCT.identifier, Literal(licence_id)))
        if dataset_dict.get("license_title"):
            self.g.add((licence, DCT.title, Literal(dataset_dict["license_title"])))
        for distribution in self.g.objects(dataset_ref, DCAT.distribution):
            self.g.remove((distribution, DCT.license, None))
            self.g.add((distribution, DCT.license, licence))

    def graph_from_catalog(self, catalog_dict: dict[str, Any], catalog_ref: Any) -> None:
        g = self.g
        publisher = URIRef(catalog_uri().rstrip("/") + "/acerca")
        g.add((catalog_ref, DCT.publisher, publisher))
        g.add((publisher, RDF.type, FOAF.Agent))
        g.add((publisher, FOAF.name, Literal(f"Gobierno Regional {reference.REGION_NAME}")))
        g.add((publisher, DCT.type, PUBLISHER_TYPE))
        g.add((catalog_ref, DCT.language, URIRef(LANGUAGE_BASE + "SPA")))
        region = ubigeo_uri(reference.REGION_UBIGEO)
        g.add((catalog_ref, DCT.spatial, region))
        g.add((region, RDF.type, DCT.Location))
        g.add((region, DCT.identifier, Literal(reference.REGION_UBIGEO)))

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
            vcard = "http://www.w3.org/2006/vcard/ns#"
            name = g.value(contact, URIRef(vcard + "fn"))
            email = g.value(contact, URIRef(vcard + "hasEmail"))
            if name:
                values["maintainer"] = str(name)
            if email:
                values["maintainer_email"] = str(email).removeprefix("mailto:")
        if not dataset_dict.get("license_id"):
            for distribution in g.objects(dataset_ref, DCAT.distribution):
                for licence in g.objects(distribution, DCT.license):
                    if g.value(licence, DCT.identifier):
                        values["license_id"] = str(g.value(licence, DCT.identifier))
        dataset_dict.update(values)
        if "version" not in dataset_dict:
            for extra in dataset_dict.get("extras", []):
                if extra["key"] == "version":
                    dataset_dict["version"] = extra["value"]
        dataset_dict["extras"] = [
            extra for extra in dataset_dict.get("extras", [])
            if extra["key"] not in (*BASE_EXTRAS, "version")]
        return dataset_dict


class GrllSchemaOrgProfile(RDFProfile):
    """schema.org for search engines: our fields (use after `schemaorg`)."""

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Any) -> None:
        g = self.g
        if dataset_dict.get("entidad"):
            g.remove((dataset_ref, SCHEMA.publisher, None))
            publisher = BNode()
            g.add((publisher, RDF.type, SCHEMA.GovernmentOrganization))
            g.add((publisher, SCHEMA.name, Literal(dataset_dict["entidad"])))
            org_uri = publisher_uri_organization_fallback(dataset_dict)
            if org_uri:
                g.add((publisher, SCHEMA.url, Literal(org_uri)))
            g.add((dataset_ref, SCHEMA.publisher, publisher))
        if dataset_dict.get("fuente"):
            g.add((dataset_ref, SCHEMA.isBasedOn, Literal(dataset_dict["fuente"])))
        code = dataset_dict.get("cobertura_espacial")
        if code:
            place = BNode()
            g.add((place, RDF.type, SCHEMA.Place))
            g.add((place, SCHEMA.name, Literal(reference.ubigeo_label(code) or code)))
            g.add((place, SCHEMA.identifier, Literal(code)))
            district = reference.distritos().get(code)
            if district:
                geo = BNode()
                g.add((geo, RDF.type, SCHEMA.GeoCoordinates))
                g.add((geo, SCHEMA.latitude, Literal(district.lat)))
                g.add((geo, SCHEMA.longitude, Literal(district.lon)))
                g.add((place, SCHEMA.geo, geo))
            g.add((dataset_ref, SCHEMA.spatialCoverage, place))
        start = dataset_dict.get("cobertura_temporal_inicio")
        end = dataset_dict.get("cobertura_temporal_fin")
        if start or end:
            g.add((dataset_ref, SCHEMA.temporalCoverage,
                   Literal(f"{start or '..'}/{end or '..'}")))
        if dataset_dict.get("idioma"):
            g.add((dataset_ref, SCHEMA.inLanguage, Literal(dataset_dict["idioma"])))
        if dataset_dict.get("license_url"):
            g.remove((dataset_ref, SCHEMA.license, None))
            g.add((dataset_ref, SCHEMA.license, Literal(dataset_dict["license_url"])))
        g.add((dataset_ref, SCHEMA.isAccessibleForFree, Literal(True)))
