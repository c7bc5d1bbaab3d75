"""A steward publishes a CSV through the dataset form (issue 16): xloader loads it for
real (the job runs here, downloading from and reporting to the live server), the
columns get their types, the upload log reads in Spanish, and a new tag typed in the
form is kept as typed."""
from __future__ import annotations

import io

import ckan.plugins.toolkit as tk
import pytest
from bs4 import BeautifulSoup
from ckan.lib import jobs
from ckan.tests import factories, helpers

from ckanext.grll.catalog import column_types, xloader_log
from portal_testing import form_token, log_in, signed_in

STEWARD_PASSWORD = "Clave-Segura-2026"

CSV = (
    "distrito,poblacion,tasa,precio_kg,fecha,codigo,nota\n"
    'Trujillo,120,10.25,"1.234,5",2024-03-01,0130,5\n'
    'Otuzco,9,2.5,"0,80",2024-01-15,0131,sin dato\n'
    'Pacasmayo,10,,"12",2024-02-10,0132,\n'
    'Chepén,1500,0.5,"3,25",2023-12-31,0133,7\n'
)

DATASET_FORM = {
    "title": "Precios en chacra de prueba",
    "name": "precios-en-chacra-de-prueba",
    "notes": "Precios pagados al productor, cargados por el formulario.",
    "entidad": "Gobierno Regional La Libertad - Gerencia Regional de Agricultura",
    "fuente": "Encuesta de precios en chacra", "license_id": "cc-by",
    "frecuencia": "MONTHLY", "cobertura_espacial": "1306",
    "cobertura_temporal_inicio": "2024-01-01", "cobertura_temporal_fin": "2024-12-31",
    "maintainer": "Oficina de Estadística Agraria",
    "maintainer_email": "estadistica@regionlalibertad.gob.pe",
}


@pytest.fixture
def steward(clean_db, clean_index, live_server, ckan_config, monkeypatch):
    """An editor of an organization, and a valid API token for xloader's job (the test
    database was rebuilt after `make test-setup` wrote the configured one). Jobs other
    tests left in the queue are not this test's to run."""
    jobs.get_queue().empty()
    organization = factories.Organization()
    user = factories.User(password=STEWARD_PASSWORD)
    helpers.call_action("organization_member_create", id=organization["id"],
                        username=user["name"], role="editor")
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    monkeypatch.setitem(ckan_config, "ckanext.xloader.api_token",
                        factories.APIToken(user=site_user["name"])["token"])
    return {"user": user, "organization": organization}


def publish_through_the_form(app, steward: dict) -> tuple[str, str]:
    """The two steps of the dataset form, each posted with its page's CSRF token."""
    browser = signed_in(app, steward["user"]["name"])
    token = form_token(browser, "/dataset/new")
    response = browser.post("/dataset/new", data={
        **DATASET_FORM, "owner_org": steward["organization"]["id"],
        "_ckan_phase": "dataset_new_1", "save": "continue", "_csrf_token": token,
    }, follow_redirects=False)
    assert response.status_code == 302
    name = DATASET_FORM["name"]
    assert response.headers["Location"].endswith(f"/dataset/{name}/resource/new")

    token = form_token(browser, f"/dataset/{name}/resource/new")
    response = browser.post(f"/dataset/{name}/resource/new", data={
        "id": "", "upload": (io.BytesIO(CSV.encode("utf-8")), "precios.csv"), "url": "",
        "name": "Precios por distrito", "save": "go-metadata", "_csrf_token": token,
    }, content_type="multipart/form-data",
        follow_redirects=False)
    assert response.status_code == 302
    resource = helpers.call_action("package_show", id=name)["resources"][0]
    return name, resource["id"]


@pytest.mark.usefixtures("with_test_worker")
def test_uploaded_csv_gets_typed_columns_and_a_spanish_log(app, steward):
    name, resource_id = publish_through_the_form(app, steward)
    jobs.Worker(["default"]).work(burst=True)

    status = helpers.call_action("xloader_status", resource_id=resource_id)
    assert status["status"] == "complete", status
    fields = {f["id"]: f["type"] for f in helpers.call_action(
        "datastore_search", resource_id=resource_id, limit=0)["fields"]}
    assert fields == {"_id": "int", "distrito": "text", "poblacion": "int4",
                      "tasa": "numeric", "precio_kg": "numeric", "fecha": "date",
                      "codigo": "text", "nota": "text"}

    by_population = helpers.call_action("datastore_search", resource_id=resource_id,
                                        sort="poblacion asc")["records"]
    assert [r["poblacion"] for r in by_population] == [9, 10, 120, 1500]
    by_price = helpers.call_action("datastore_search", resource_id=resource_id,
                                   sort="precio_kg desc")["records"]
    assert [float(r["precio_kg"]) for r in by_price] == [1234.5, 12.0, 3.25, 0.8]
    cheap = helpers.call_action("datastore_search_sql", sql=(
        f'SELECT distrito FROM "{resource_id}" WHERE precio_kg < 1 AND tasa > 2'))
    assert [r["distrito"] for r in cheap["records"]] == ["Otuzco"]
    assert [r["codigo"] for r in by_population][0] == "0131"

    page = signed_in(app, steward["user"]["name"]).get(
        f"/dataset/{name}/resource_data/{resource_id}")
    text = BeautifulSoup(page.body, "html.parser").get_text(" ", strip=True)
    assert "Registro de la carga" in text
    assert "Carga terminada" in text
    assert "Tipos de columna según los datos: poblacion = número entero" in text
    assert "La columna «nota» queda como texto: sus valores son de distinto tipo" in text
    assert "La columna «codigo» queda como texto: números con ceros a la izquierda" in text
    assert "«distrito»" not in text
    for english in ("Upload Log", "Express Load completed", "Fetching from",
                    "Complete", "Upload to DataStore"):
        assert english not in text
    english_page = signed_in(app, steward["user"]["name"]).get(
        f"/en/dataset/{name}/resource_data/{resource_id}")
    english = BeautifulSoup(english_page.body, "html.parser").get_text(" ", strip=True)
    assert "Upload log" in english and "Load finished" in english
    assert "Column types from the data: poblacion = whole number" in english

    with app.flask_app.test_request_context("/"):
        shown = xloader_log.lineas_visibles(status["task_info"]["logs"])
    untranslated = {line["message"] for line in shown} & {
        line["message"] for line in status["task_info"]["logs"]}
    assert untranslated == set()


@pytest.mark.usefixtures("with_test_worker")
def test_a_new_file_with_a_mixed_column_loads_and_that_column_stays_text(app, steward):
    name, resource_id = publish_through_the_form(app, steward)
    jobs.Worker(["default"]).work(burst=True)

    browser = signed_in(app, steward["user"]["name"])
    edit = f"/dataset/{name}/resource/{resource_id}/edit"
    token = form_token(browser, edit)
    newer = CSV.replace("Pacasmayo,10,", "Pacasmayo,s/d,") + "Virú,11,1.5,\"2,10\",2024-04-01,0134,\n"
    response = browser.post(edit, data={
        "id": resource_id, "name": "Precios por distrito", "url": "",
        "upload": (io.BytesIO(newer.encode("utf-8")), "precios-abril.csv"),
        "save": "", "_csrf_token": token,
    }, content_type="multipart/form-data",
        follow_redirects=False)
    assert response.status_code == 302
    jobs.Worker(["default"]).work(burst=True)

    assert helpers.call_action("xloader_status", resource_id=resource_id)["status"] == \
        "complete"
    result = helpers.call_action("datastore_search", resource_id=resource_id,
                                 sort="precio_kg asc")
    fields = {f["id"]: f["type"] for f in result["fields"]}
    assert fields["poblacion"] == "text" and fields["precio_kg"] == "numeric"
    assert result["total"] == 5
    assert [float(r["precio_kg"]) for r in result["records"]][:2] == [0.8, 2.1]
    assert "s/d" in [r["poblacion"] for r in result["records"]]
    logs = helpers.call_action("xloader_status", resource_id=resource_id)["task_info"]["logs"]
    assert 'Column "poblacion" kept as text: its values are of mixed kinds' in [
        line["message"] for line in logs]


def test_a_loaded_text_table_is_typed_and_what_cannot_be_stays_text(clean_db):
    """The typing step on a table as xloader's COPY leaves it: every column text, its
    full-text indexes already built."""
    dataset = factories.Dataset(**{k: v for k, v in DATASET_FORM.items()
                                   if k not in ("name", "title")},
                                owner_org=factories.Organization()["id"])
    resource = factories.Resource(package_id=dataset["id"])
    rows = [
        {"ruc": "20123456789", "pesaje": "2024-03-01 08:30", "dia": "05/03/2024",
         "mal_dia": "31/02/2024", "monto": "-1.234,50", "mixta": "12", "vacia": ""},
        {"ruc": "20987654321", "pesaje": "2024-03-02", "dia": "28/02/2024",
         "mal_dia": "01/03/2024", "monto": "7", "mixta": "doce", "vacia": ""},
    ]
    helpers.call_action("datastore_create", resource_id=resource["id"], force=True,
                        fields=[{"id": name, "type": "text"} for name in rows[0]],
                        records=rows)
    typed = helpers.call_action("datastore_info", id=resource["id"])["fields"]
    helpers.call_action("datastore_create", resource_id=resource["id"], force=True,
                        fields=[{**field, "info": {"type_override": "text"}}
                                if field["id"] == "mixta" else field for field in typed])

    converted, kept = column_types.type_columns(resource["id"])

    assert converted == {"ruc": "int8", "pesaje": "timestamp", "dia": "date",
                         "monto": "numeric"}
    assert kept == {"mal_dia": column_types.REFUSED}
    records = helpers.call_action("datastore_search", resource_id=resource["id"],
                                  sort="monto asc")["records"]
    assert [float(r["monto"]) for r in records] == [-1234.5, 7.0]
    assert [r["dia"] for r in records] == ["2024-03-05", "2024-02-28"]
    assert [r["mal_dia"] for r in records] == ["31/02/2024", "01/03/2024"]
    assert [r["mixta"] for r in records] == ["12", "doce"]
    found = helpers.call_action("datastore_search", resource_id=resource["id"], q="doce")
    assert found["total"] == 1


def test_how_a_column_is_read_from_its_values():
    counts = dict.fromkeys(column_types.COUNTS, 0) | {
        "valores": 3, "cero_inicial_decimal": 0, "digitos": 2}
    assert column_types.decide(counts | {"valores": 0}) is None
    codes = counts | {"enteros": 3, "punto": 3, "coma": 3, "cero_inicial": 1}
    assert column_types.decide(codes) is None
    assert column_types.why_text(codes) == column_types.CODES
    assert column_types.decide(counts | {"enteros": 3, "punto": 3, "coma": 3}).type == "int4"
    # "1.234" alone is a thousand with a comma column's points, a decimal otherwise.
    assert column_types.decide(counts | {"coma": 3, "punto": 3}).using == "{v}::numeric"
    mixed = counts | {"enteros": 2, "punto": 2, "coma": 2}
    assert column_types.decide(mixed) is None
    assert column_types.why_text(mixed) == column_types.MIXED
    assert column_types.why_text(counts) is None


@pytest.mark.parametrize("english, spanish", [
    ("Express Load starting: /dataset/x/resource/y",
     "Carga en el DataStore iniciada: /dataset/x/resource/y"),
    ("Downloaded ok - 1.2 KB", "Descarga correcta: 1.2 KB"),
    ("Successfully pushed 12 entries to \"abc\".", "Se cargaron 12 filas."),
    ('Column "nota" kept as text: its values are of mixed kinds',
     "La columna «nota» queda como texto: sus valores son de distinto tipo"),
])
def test_log_lines_are_shown_in_spanish(app, english, spanish):
    with app.flask_app.test_request_context("/"):
        assert xloader_log.traducir(english) == spanish


def test_an_unknown_log_line_is_shown_as_it_is(app):
    with app.flask_app.test_request_context("/"):
        assert xloader_log.traducir("Something new from xloader") == \
            "Something new from xloader"


@pytest.fixture
def tagged_site(clean_db, clean_index, live_server) -> dict:
    """A public dataset tagged "agua-potable" and a steward of its organization."""
    organization = factories.Organization()
    metadata = {key: value for key, value in DATASET_FORM.items() if key not in ("name", "title")}
    factories.Dataset(owner_org=organization["id"], tags=[{"name": "agua-potable"}],
                      **metadata)
    user = factories.User(password=STEWARD_PASSWORD)
    helpers.call_action("organization_member_create", id=organization["id"],
                        username=user["name"], role="editor")
    return {"url": live_server, "user": user}


@pytest.mark.browser
def test_a_new_tag_typed_and_entered_is_kept_as_typed(tagged_site, browser):
    context = browser.new_context(locale="es-PE")
    page = context.new_page()
    site = tagged_site["url"]
    log_in(page, site, tagged_site["user"]["name"], STEWARD_PASSWORD)
    page.goto(site + "/dataset/new")

    tags = page.locator("#field-tag_string + .select2-container .select2-search__field")
    tags.click()
    # The existing tag is suggested, and the pointer rests on it, as it does when the
    # list opens under the mouse: Enter still means the text typed.
    tags.press_sequentially("agua", delay=80)
    page.hover(".select2-results__option:has-text('agua-potable')")
    assert page.locator(".select2-results__option--highlighted").inner_text() == "agua-potable"
    tags.press("Enter")
    # Typed fast, ended before the suggestions arrive: the text is not lost.
    tags.press_sequentially("riego", delay=20)
    tags.press("Enter")
    tags.press_sequentially("cultivos", delay=20)
    tags.press(",")
    page.wait_for_timeout(600)
    assert page.input_value("#field-tag_string") == "agua,riego,cultivos"
    chips = page.locator("#field-tag_string + .select2-container"
                         " .select2-selection__choice__display").all_inner_texts()
    assert [chip.strip() for chip in chips] == ["agua", "riego", "cultivos"]

    # Choosing the suggestion with the arrow keys still picks it.
    tags.press_sequentially("agua-p", delay=80)
    page.wait_for_selector(".select2-results__option:has-text('agua-potable')")
    tags.press("ArrowDown")
    tags.press("Enter")
    page.wait_for_timeout(300)
    assert page.input_value("#field-tag_string") == "agua,riego,cultivos,agua-potable"
    context.close()
