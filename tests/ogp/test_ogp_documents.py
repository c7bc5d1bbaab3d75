"""Documents uploaded from the plan's forms and the API (issue 20): a milestone's
evidence and a session's minutes become resources of the plan's dataset, stored under
the test ini's ``ckan.storage_path``, listed with name, format and size, downloadable,
and in the activity stream. A citizen cannot upload; an empty, oversize or unaccepted
file (judged by its content) is refused under its field and leaves nothing stored."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest
from ogp_testing import PDF, act, day

from ckanext.grll.ogp import config, documentos
from ckanext.grll.ogp.logic import action
from portal_testing import form_token, page, signed_in

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
       b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05"
       b"\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def zipped(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def odf(kind: str) -> bytes:
    return zipped({"mimetype": f"application/vnd.oasis.opendocument.{kind}",
                   "content.xml": "<office:document-content/>"})


def ooxml(main_part: str) -> bytes:
    return zipped({"[Content_Types].xml": "<Types/>", main_part: "<document/>"})


ODT, ODS = odf("text"), odf("spreadsheet")
DOCX, XLSX = ooxml("word/document.xml"), ooxml("xl/workbook.xml")


def stored_files() -> set[Path]:
    """Every file CKAN's uploader keeps for resources under ckan.storage_path."""
    root = Path(tk.config["ckan.storage_path"]) / "resources"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def plan_resources() -> list[dict]:
    return act("package_show", None, id=config.dataset())["resources"]


def upload(content: bytes, name: str) -> tuple[io.BytesIO, str]:
    return io.BytesIO(content), name


def api_token(user: dict) -> dict[str, str]:
    key = tk.get_action("api_token_create")(
        {"user": user["name"], "ignore_auth": True}, {"user": user["name"], "name": "t"})
    return {"Authorization": key["token"]}


def changes(plan: dict) -> list[tuple[str, str | None]]:
    dataset = act("package_show", None, id=config.dataset())
    activities = act("package_activity_list", plan["sysadmin"], id=dataset["id"], limit=50)
    return [(a["user_id"], a["data"].get("grll_ogp", {}).get("cambio")) for a in activities]


def test_the_lead_uploads_evidence_from_the_commitments_page(app, plan):
    browser = signed_in(app, plan["lider"]["name"])
    commitment = page(browser.get("/gobierno-abierto/compromiso/2"))
    form = commitment.select_one("#form-evidencia")
    assert form["enctype"] == "multipart/form-data"
    assert form.find("input", attrs={"name": "_csrf_token"})["value"]
    assert form.find("input", attrs={"type": "file", "name": "upload"})["accept"] == \
        documentos.ACCEPT
    before = stored_files()

    # Without the page's CSRF token the post is refused and nothing is stored.
    refused = browser.post(form["action"], data={
        "hito_id": plan["hitos"][0]["id"], "tipo": "documento", "titulo": "Informe",
        "upload": upload(PDF, "informe.pdf")}, content_type="multipart/form-data")
    assert refused.status_code == 400 and stored_files() == before

    token = form_token(browser, "/gobierno-abierto/compromiso/2")
    response = browser.post(form["action"], data={
        "hito_id": plan["hitos"][0]["id"], "tipo": "documento",
        "titulo": "Informe del directorio", "upload": upload(PDF, "informe directorio.pdf"),
        "_csrf_token": token}, content_type="multipart/form-data", follow_redirects=False)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert len(stored_files() - before) == 1

    [resource] = [r for r in plan_resources() if r.get("url_type") == "upload"]
    assert resource["format"] == "PDF" and resource["size"] == len(PDF)
    assert resource["name"] == ("Evidencia del hito 1 del compromiso 2: "
                                "Informe del directorio")

    shown = page(app.get("/gobierno-abierto/compromiso/2"))
    [item] = shown.select(".grll-ogp-hitos > li")[0].select("li")
    text = item.get_text(" ", strip=True)
    assert "Informe del directorio" in text and "(PDF, " in text
    assert f"{len(PDF)}\u00a0B" in text
    download = item.select_one("a[download]")
    assert download.get_text() == "Descargar"
    got = app.get(download["href"])
    assert got.status_code == 200 and got.data == PDF
    assert "informe" in download["href"] and download["href"].endswith(".pdf")
    timeline = " ".join(shown.select_one(".grll-ogp-timeline").get_text(" ").split())
    assert "Evidencia del hito 1: Informe del directorio" in timeline

    api = act("grll_ogp_commitment_show", None, numero=2)["hitos"][0]["evidencias"][0]
    assert api["documento"]["formato"] == "PDF" and api["documento"]["tamano"] == len(PDF)
    assert (plan["lider"]["id"],
            "evidencia del hito 1 añadida: documento informe-directorio.pdf subido"
            ) in changes(plan)
    dataset = act("package_show", None, id=config.dataset())
    creation = [a for a in act("package_activity_list", plan["sysadmin"], id=dataset["id"],
                               limit=50)
                if a["user_id"] == plan["lider"]["id"] and resource["id"] in {
                    r["id"] for r in a["data"]["package"].get("resources", [])}]
    assert creation, "the resource's creation is in the activity stream, by the lead"


def test_the_secretariat_uploads_the_minutes_of_a_session(app, plan):
    browser = signed_in(app, plan["secretaria"]["name"])
    committee = page(browser.get("/gobierno-abierto/comite"))
    form = committee.select_one("#form-sesion")
    assert form["enctype"] == "multipart/form-data"
    token = form.find("input", attrs={"name": "_csrf_token"})["value"]
    response = browser.post(form["action"], data={
        "fecha": day(-2), "agenda": "Avance del compromiso 2",
        "upload": upload(ODT, "acta-sesion.odt"), "_csrf_token": token},
        content_type="multipart/form-data", follow_redirects=False)
    assert response.status_code == 302, response.get_data(as_text=True)

    shown = page(app.get("/gobierno-abierto/comite"))
    [session] = shown.select("article")
    text = session.get_text(" ", strip=True)
    assert "Acta de la sesión" in text
    assert f"Acta de la sesión del comité del {day(-2)} (ODT, " in text
    download = session.select_one("a[download]")
    assert download.get_text() == "Descargar el acta"
    assert app.get(download["href"]).data == ODT
    english = page(app.get("/en/gobierno-abierto/comite")).select_one("article a[download]")
    assert english.get_text() == "Download the minutes"
    assert (plan["secretaria"]["id"],
            f"sesión del comité del {day(-2)}: acta acta-sesion.odt subida") in changes(plan)


def test_documents_through_the_api_as_multipart(app, plan):
    response = app.post("/api/3/action/grll_ogp_evidence_create", headers=api_token(
        plan["lider"]), data={"hito_id": plan["hitos"][1]["id"], "tipo": "documento",
                              "titulo": "Padrón de prestadores",
                              "upload": upload(XLSX, "padron.xlsx")},
        content_type="multipart/form-data")
    assert response.status_code == 200, response.json
    evidence = response.json["result"]
    assert evidence["documento"]["formato"] == "XLSX"
    assert app.get(evidence["documento"]["descarga"]).data == XLSX

    response = app.post("/api/3/action/grll_ogp_session_create", headers=api_token(
        plan["secretaria"]), data={"fecha": day(-1), "agenda": "Revisión",
                                   "upload": upload(PDF, "acta.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 200, response.json
    minutes = response.json["result"]
    assert minutes["acta_documento"]["formato"] == "PDF"
    assert minutes["acta"] == f"/dataset/{plan_resources()[0]['package_id']}/resource/" \
        f"{documentos.resource_id(minutes['acta'])}"
    # Linking a document already on the portal still works.
    linked = act("grll_ogp_session_create", plan["secretaria"], fecha=day(0),
                 agenda="Otra", acta=documentos.resource_id(minutes["acta"]))
    assert linked["acta_documento"]["nombre"] == f"Acta de la sesión del comité del {day(-1)}"


def test_a_citizen_cannot_upload(app, plan):
    before, resources = stored_files(), len(plan_resources())
    browser = signed_in(app, plan["ciudadana"]["name"])
    token = form_token(browser, "/gobierno-abierto/compromiso/2")  # the comment form's
    response = browser.post("/gobierno-abierto/compromiso/2/evidencia", data={
        "hito_id": plan["hitos"][0]["id"], "tipo": "documento", "titulo": "Mío",
        "upload": upload(PDF, "mio.pdf"), "_csrf_token": token},
        content_type="multipart/form-data")
    assert response.status_code == 403
    response = browser.post("/gobierno-abierto/comite/sesion", data={
        "fecha": day(0), "agenda": "Mía", "upload": upload(PDF, "mia.pdf"),
        "_csrf_token": token}, content_type="multipart/form-data")
    assert response.status_code == 403
    response = app.post("/api/3/action/grll_ogp_evidence_create",
                        headers=api_token(plan["ciudadana"]), data={
                            "hito_id": plan["hitos"][0]["id"], "tipo": "documento",
                            "titulo": "Mío", "upload": upload(PDF, "mio.pdf")},
                        content_type="multipart/form-data")
    assert response.status_code == 403
    # Nor may the lead of another commitment, nor the lead record the committee's minutes.
    with pytest.raises(tk.NotAuthorized):
        act("grll_ogp_evidence_create", plan["otro"], hito_id=plan["hitos"][0]["id"],
            tipo="documento", titulo="x", upload=documentos_file(PDF, "x.pdf"))
    with pytest.raises(tk.NotAuthorized):
        act("grll_ogp_session_create", plan["lider"], fecha=day(0), agenda="x",
            upload=documentos_file(PDF, "x.pdf"))
    assert stored_files() == before and len(plan_resources()) == resources


def documentos_file(content: bytes, name: str):
    from werkzeug.datastructures import FileStorage

    return FileStorage(stream=io.BytesIO(content), filename=name)


REFUSED = [
    pytest.param(b"", "vacio.pdf", "El archivo está vacío", id="empty"),
    pytest.param(b"<html><script>alert(1)</script></html>", "informe.pdf",
                 "Tipo de archivo no aceptado", id="html-named-pdf"),
    pytest.param(b"MZ\x90\x00\x03\x00\x00\x00", "acta.docx", "Tipo de archivo no aceptado",
                 id="program-named-docx"),
    pytest.param(zipped({"readme.txt": "hola"}), "datos.xlsx", "Tipo de archivo no aceptado",
                 id="zip-named-xlsx"),
    pytest.param(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "tabla.csv",
                 "Tipo de archivo no aceptado", id="markup-named-csv"),
    pytest.param(b"Texto sin formato", "nota.txt", "Tipo de archivo no aceptado",
                 id="plain-text"),
    pytest.param(PDF + b"0" * (1024 * 1024), "grande.pdf", "pesa más de 1 MB",
                 id="oversize"),
]


@pytest.mark.ckan_config("ckanext.grll.ogp.max_document_mb", "1")
@pytest.mark.parametrize(("content", "name", "message"), REFUSED)
def test_a_refused_file_is_named_and_nothing_is_stored(app, plan, content, name, message):
    before, resources = stored_files(), len(plan_resources())
    browser = signed_in(app, plan["lider"]["name"])
    token = form_token(browser, "/gobierno-abierto/compromiso/2")
    response = browser.post("/gobierno-abierto/compromiso/2/evidencia", data={
        "hito_id": plan["hitos"][0]["id"], "tipo": "documento", "titulo": "Informe",
        "upload": upload(content, name), "_csrf_token": token},
        content_type="multipart/form-data")
    assert response.status_code == 400
    form = page(response).select_one("#form-evidencia")
    summary = {a["href"]: a.get_text() for a in form.select(".alert-danger a")}
    assert message in summary["#f-evidencia-upload"]
    assert summary["#f-evidencia-upload"].startswith("Documento a subir")
    assert form.select_one("#f-evidencia-upload")["aria-invalid"] == "true"
    assert form.find("input", attrs={"name": "titulo"})["value"] == "Informe"

    api = app.post("/api/3/action/grll_ogp_session_create",
                   headers=api_token(plan["secretaria"]),
                   data={"fecha": day(0), "agenda": "Sesión",
                         "upload": upload(content, name)},
                   content_type="multipart/form-data")
    assert api.status_code == 409 and message in " ".join(api.json["error"]["upload"])
    assert stored_files() == before and len(plan_resources()) == resources
    assert act("grll_ogp_committee_show", None)["sesiones"] == []


def test_each_mistake_is_named_at_once(plan):
    with pytest.raises(tk.ValidationError) as error:
        act("grll_ogp_evidence_create", plan["secretaria"], hito_id="no-existe",
            tipo="documento", titulo="", upload=documentos_file(b"", "vacio.pdf"))
    assert set(error.value.error_dict) == {"hito_id", "titulo", "upload"}
    with pytest.raises(tk.ValidationError) as error:
        act("grll_ogp_evidence_create", plan["lider"], hito_id=plan["hitos"][0]["id"],
            tipo="dataset", titulo="Datos", upload=documentos_file(PDF, "a.pdf"))
    assert error.value.error_dict == {
        "upload": ["Solo una evidencia de tipo documento lleva un archivo"]}
    resource = plan_resources()[0]["id"]
    with pytest.raises(tk.ValidationError) as error:
        act("grll_ogp_evidence_create", plan["lider"], hito_id=plan["hitos"][0]["id"],
            tipo="documento", titulo="Doble", enlace=resource,
            upload=documentos_file(PDF, "a.pdf"))
    assert "no ambos" in error.value.error_dict["enlace"][0]
    with pytest.raises(tk.ValidationError) as error:
        act("grll_ogp_evidence_create", plan["lider"], hito_id=plan["hitos"][0]["id"],
            tipo="documento", titulo="Nada")
    assert error.value.error_dict == {"enlace": [
        "Suba el documento o indique el identificador de uno ya publicado"]}
    with pytest.raises(tk.ValidationError) as error:
        act("grll_ogp_session_create", plan["secretaria"], fecha=day(0), agenda="x",
            upload="no es un archivo")
    assert "multipart/form-data" in error.value.error_dict["upload"][0]


def test_a_failure_after_the_upload_takes_the_document_back(plan, monkeypatch):
    before, resources = stored_files(), len(plan_resources())

    def broken(**kwargs):
        raise RuntimeError("the database refused the evidence")

    monkeypatch.setattr(action, "Evidencia", broken)
    with pytest.raises(RuntimeError):
        act("grll_ogp_evidence_create", plan["lider"], hito_id=plan["hitos"][0]["id"],
            tipo="documento", titulo="Informe", upload=documentos_file(PDF, "informe.pdf"))
    assert stored_files() == before
    assert len(plan_resources()) == resources
    assert act("grll_ogp_commitment_show", None, numero=2)["hitos"][0]["evidencias"] == []


@pytest.mark.parametrize(("content", "name", "expected"), [
    (PDF, "informe.pdf", "pdf"), (ODT, "acta.odt", "odt"), (ODS, "cuadro.ods", "ods"),
    (DOCX, "acta.docx", "docx"), (XLSX, "padron.xlsx", "xlsx"), (PNG, "foto.png", "png"),
    (JPEG, "foto.jpeg", "jpg"), ("distrito,casos\nSánchez Carrión,12\n".encode(), "c.csv", "csv"),
    ("distrito;año\nChepén;2024\n".encode("cp1252"), "c.csv", "csv"),
    # The content decides, not the name: a PDF called .docx is a PDF.
    (PDF, "acta.docx", "pdf"), (DOCX, "acta.pdf", "docx"),
    (b"distrito,casos\n", "c.txt", None), (b"a,b\x00\x01\n", "c.csv", None),
])
def test_the_type_is_judged_by_the_content(content, name, expected):
    assert documentos.detect(content, name) == expected


def test_a_misnamed_document_is_stored_under_its_real_type(plan):
    evidence = act("grll_ogp_evidence_create", plan["lider"], hito_id=plan["hitos"][0]["id"],
                   tipo="documento", titulo="Acta", upload=documentos_file(PDF, "acta.docx"))
    assert evidence["documento"]["formato"] == "PDF"
    assert evidence["documento"]["descarga"].endswith("/acta.pdf")
