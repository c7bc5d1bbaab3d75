"""Personal data typed into free text never reaches a public output.

The detector first (many ways Peruvians write the same phone, and the numbers a
report is full of that are not personal data), then the whole portal: a report
carrying unique personal data in its description, answers and public notes is
published and every public output is searched for it.
"""
from __future__ import annotations

import datetime
import random
from typing import Any

import ckan.model as model
import feedback_security_helpers
import pytest
from feedback_security_helpers import (
    DOMAINS,
    TRUJILLO,
    act,
    backdate,
    form_post,
    make_public,
    ordinary_category,
    plain_answer,
    public_outputs,
    published_rows,
    submission,
    token_for,
    unique_digits,
)

from ckanext.grll.feedback import personal_data, publication
from ckanext.grll.feedback.domains import Category, Question, enabled_domains
from ckanext.grll.feedback.model import Report

staff = feedback_security_helpers.staff
run_jobs = feedback_security_helpers.run_jobs

POSITIVES = [
    ("Escríbame a rosa.quispe77@gmail.com por favor", "correo", "rosa.quispe77@gmail.com"),
    ("correo: JUAN_PEREZ@Hotmail.COM.pe", "correo", "JUAN_PEREZ@Hotmail.COM.pe"),
    ("mi correo es juan (arroba) gmail.com", "correo", "juan (arroba) gmail.com"),
    ("Llámeme al 987654321", "telefono", "987654321"),
    ("cel. 987 654 321 de noche", "telefono", "987 654 321"),
    ("celular 987-654-321", "telefono", "987-654-321"),
    ("celular 987.654.321.", "telefono", "987.654.321"),
    ("whatsapp +51 987 654 321", "telefono", "+51 987 654 321"),
    ("whatsapp +51987654321", "telefono", "+51987654321"),
    ("llamar al 0051 987654321", "telefono", "0051 987654321"),
    ("número 98 765 4321", "telefono", "98 765 4321"),
    ("teléfono fijo (044) 123456", "telefono", "(044) 123456"),
    ("teléfono fijo (44) 123456", "telefono", "(44) 123456"),
    ("fijo 044-123456", "telefono", "044-123456"),
    ("fijo 044 123 456", "telefono", "044 123 456"),
    ("fijo 044123456", "telefono", "044123456"),
    ("fijo +51 44 123456", "telefono", "+51 44 123456"),
    ("Lima (01) 4567890", "telefono", "(01) 4567890"),
    ("Lima 01-456-7890", "telefono", "01-456-7890"),
    ("mi DNI 45678912", "dni", "DNI 45678912"),
    ("D.N.I. N° 45678912", "dni", "D.N.I. N° 45678912"),
    ("dni: 45 678 912", "dni", "dni: 45 678 912"),
    ("documento 45678912 del vecino", "dni", "45678912"),
    ("RUC 20481234567 de la empresa", "ruc", "RUC 20481234567"),
    ("la empresa 20481234567", "ruc", "20481234567"),
    ("persona natural 10456789121", "ruc", "10456789121"),
    ("RUC: 20-48123456-7", "ruc", "RUC: 20-48123456-7"),
    ("la camioneta de placa ABC-123 huyó", "placa", "ABC-123"),
    ("placa A1B-234", "placa", "A1B-234"),
    ("placa abc-123", "placa", "abc-123"),
    ("auto antiguo AB-1234", "placa", "AB-1234"),
    ("la moto 1234-AB", "placa", "1234-AB"),
    ("placa T1X123 blanca", "placa", "T1X123"),
    ("Me llamo Rosa Quispe Mamani y vivo aquí", "nombre", "Rosa Quispe Mamani"),
    ("mi nombre es Juan de la Cruz", "nombre", "Juan de la Cruz"),
    ("Atentamente, Pedro Castillo", "nombre", "Pedro Castillo"),
    ("el Sr. Manuel Rojas cobra de más", "nombre", "Manuel Rojas"),
    ("la señora Carmen Vega lo vio", "nombre", "Carmen Vega"),
]

NEGATIVES = [
    "Sin agua desde el 15/03/2024 en la cuadra.",
    "Sin agua desde el 2024-03-15 a las 10:30.",
    "Pasó el 15-03-2024 y el 15.03.2024.",
    "Desde 2023 y hasta 2024 no hay riego.",
    "Me pagaron S/ 2.50 por kg de papa.",
    "Me pagaron S/. 1,250.00 por la cosecha.",
    "Vendí 12500 kg a un acopiador.",
    "Vendí 12345678 kg en total.",
    "Pagué 98765432 soles en total.",
    "El ubigeo 130101 es Trujillo.",
    "El precio subió a 3.20 soles el kilo, 45% más.",
    "Fecha 20240315 del recibo.",
    "Según el D.S. 031-2010-SA el agua debe tener cloro.",
    "Un caso de COVID-19 en el barrio.",
    "Av. España 1234, cuadra 12, km 5.",
    "Recibo 2024-0012345 de SEDALIB.",
    "Afecta a 1500 hogares y 3000 personas.",
    "Señor de los Milagros, procesión del barrio.",
    "Cobraron 150000000 por la obra.",
    "Expediente 123-2024-GRLL.",
    "El suministro 45678 no tiene agua.",
    "Hectáreas afectadas: 12.5, a 3500 m de altura.",
]


@pytest.mark.parametrize(("text", "kind", "piece"), POSITIVES)
def test_the_detector_finds_personal_data(text, kind, piece):
    [found] = personal_data.find(text)
    assert found.kind == kind
    assert text[found.start:found.end] == piece
    masked = personal_data.mask(text)
    assert piece not in masked and personal_data.MASKS[kind] in masked


@pytest.mark.parametrize("text", NEGATIVES)
def test_the_detector_leaves_dates_amounts_and_codes_alone(text):
    assert personal_data.find(text) == []
    assert personal_data.mask(text) == text


def test_several_pieces_are_masked_together():
    text = ("Soy del caserío. Escríbame a rq@correo.pe o al 912 345 678; mi DNI 40123456 "
            "y la placa del camión es T2B-456. Me pagaron S/ 1.80 el 03/05/2025.")
    assert personal_data.kinds(text) == {"correo", "telefono", "dni", "placa"}
    assert personal_data.mask(text) == (
        "Soy del caserío. Escríbame a [correo oculto] o al [teléfono oculto]; mi "
        "[DNI oculto] y la placa del camión es [placa oculta]. Me pagaron S/ 1.80 el "
        "03/05/2025.")


def planted_personal_data() -> dict[str, str]:
    """Personal data no other test or seed text carries, the way citizens type it."""
    return {
        "correo": f"vecina.{unique_digits(6)}@ejemplo.pe",
        "telefono": unique_digits(9, "9"),
        "dni": unique_digits(8, "4"),
        "ruc": unique_digits(11, "20"),
        "placa": f"T{unique_digits(1)}X-{unique_digits(3)}",
    }


def text_with(pii: dict[str, str]) -> str:
    return (f"Escriban a {pii['correo']} o llamen al {pii['telefono']}; mi DNI "
            f"{pii['dni']}, la empresa RUC {pii['ruc']} y la camioneta {pii['placa']}.")


def assert_nowhere(pii: dict[str, str], outputs: dict[str, str]) -> None:
    for name, text in outputs.items():
        for kind, value in pii.items():
            assert value not in text, f"{kind} {value} published in {name}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_personal_data_in_free_text_is_masked_in_every_public_output(
        domain, app, staff, run_jobs):
    category = ordinary_category(domain)
    pii = planted_personal_data()
    free_text = [q for q in category.questions if q.public and q.datatype in ("string", "text")]
    answers = {**submission(category)["answers"],
               **{q.code: text_with(pii) for q in free_text}}
    code = act("grll_feedback_create", staff("ciudadana"), **submission(
        category, description="Les cuento el problema. " + text_with(pii),
        answers=answers))["codigo"]
    editor = staff(category.responsible_for(TRUJILLO))
    staff(enabled_domains()[domain].dataset_org)
    backdate(code, category.publication_delay_days + 1)
    act("grll_feedback_status_update", editor, code=code, status="en_revision",
        public_note=f"Lo llamamos al {pii['telefono']}, como pidió.")

    queue = act("grll_feedback_list", editor, queue=True)["results"]
    assert [r["datos_personales"] for r in queue] == [
        ["correo", "DNI", "placa", "RUC", "teléfono"]]
    page = app.get(f"/reportes/gestion/{code}",
                   headers={"Authorization": token_for(editor)}).get_data(as_text=True)
    assert "Posibles datos personales" in page

    policy = enabled_domains()[domain].personal_data
    shown = act("grll_feedback_show", code=code)
    assert shown["publico"] is (policy == "mascarar")
    act("grll_feedback_moderate", editor, code=code, private_note="Datos revisados")
    run_jobs()

    shown = act("grll_feedback_show", code=code)
    assert shown["publico"]
    for mask in ("[correo oculto]", "[teléfono oculto]", "[DNI oculto]", "[RUC oculto]",
                 "[placa oculta]"):
        assert mask in shown["descripcion"]
    assert shown["cronologia"][-1]["nota"] == "Lo llamamos al [teléfono oculto], como pidió."
    assert all("[correo oculto]" in shown["respuestas"][q.code] for q in free_text)
    outputs = public_outputs(app, code, category)
    assert_nowhere(pii, outputs)
    # The report is really in them (masked), not merely absent.
    assert "[correo oculto]" in outputs["open311 request xml"]
    assert code in outputs["reportes"] and code in outputs["grll_feedback_list"]
    assert len(published_rows(domain)) == 1
    # Staff keep the original to act on it.
    assert pii["correo"] in act("grll_feedback_show", editor, code=code)["descripcion"]


def test_a_farm_gate_report_with_personal_data_waits_for_a_moderator(app, staff, run_jobs):
    category = enabled_domains()["agro"].categories["precio-chacra"]
    pii = planted_personal_data()
    sent = form_post(app, "/agro/reportar", {
        "q-cultivo": "papa", "q-variedad": f"Canchán, llamar al {pii['telefono']}",
        "q-precio-kg": "0.97", "q-cantidad-kg": "800", "q-comprador": "mercado",
        "q-fecha-venta": "2024-11-20", "ubigeo": "130601"})
    assert sent.status_code == 302
    code = sent.headers["Location"].split("/seguimiento/")[1].split("?")[0]
    editor = staff(category.responsible_for("130601"))
    run_jobs()
    # Unmoderated category, "retener" policy: not public until reviewed.
    assert not act("grll_feedback_show", code=code)["publico"]
    assert act("grll_feedback_list", domain="agro")["count"] == 0
    assert app.get("/open311/v2/requests.json").json == []
    assert act("grll_feedback_show", editor, code=code)["retenido"]

    act("grll_feedback_moderate", editor, code=code)
    run_jobs()
    shown = act("grll_feedback_show", code=code)
    assert shown["publico"] and shown["respuestas"]["variedad"] == \
        "Canchán, llamar al [teléfono oculto]"
    assert_nowhere(pii, public_outputs(app, code, category))


def test_a_farm_gate_report_without_personal_data_is_published_at_once(staff):
    category = enabled_domains()["agro"].categories["precio-chacra"]
    code = act("grll_feedback_create", **submission(
        category, identity="anonimo", ubigeo="130601", lat=None, lon=None,
        description="Me pagaron S/ 0.95 por kg de papa el 12/11/2024, 800 kg."))["codigo"]
    shown = act("grll_feedback_show", code=code)
    assert shown["publico"]
    assert shown["descripcion"] == "Me pagaron S/ 0.95 por kg de papa el 12/11/2024, 800 kg."


def private_marker(question: Question) -> tuple[Any, str]:
    """A unique answer to a non-public question, and the text that would betray it."""
    if question.datatype in ("string", "text"):
        marker = f"PRIVADO-{unique_digits(8)}"
        return marker, marker
    if question.datatype == "number":
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else 1_000_000
        value = round(low + (high - low) * random.uniform(0.6, 0.9), 2)
        return value, str(value)
    if question.datatype == "datetime":
        day = datetime.date.today() - datetime.timedelta(days=random.randint(400, 900))
        return day.isoformat(), day.isoformat()
    # A choice: its key may be any word; the question's code must not appear in answers.
    return plain_answer(question), f'"{question.code}"'


def categories_with_private_questions(domain: str) -> list[Category]:
    return [c for c in enabled_domains()[domain].categories.values()
            if any(not q.public for q in c.questions)]


@pytest.mark.parametrize("domain", DOMAINS)
def test_answers_to_non_public_questions_reach_no_public_output(domain, app, staff, run_jobs):
    markers: dict[str, list[str]] = {}
    categories = categories_with_private_questions(domain)
    staff(enabled_domains()[domain].dataset_org)
    for category in categories:
        answers = dict(submission(category)["answers"])
        found = []
        for question in category.questions:
            if not question.public:
                answers[question.code], betrayal = private_marker(question)
                found.append(betrayal)
        code = act("grll_feedback_create", staff("ciudadana"),
                   **submission(category, answers=answers))["codigo"]
        make_public(code, category, staff(category.responsible_for(TRUJILLO)))
        markers[code] = found
    if domain == "agro":
        # The light farm-gate form, whose text once carried the sale date.
        sale = (datetime.date.today() - datetime.timedelta(days=123)).isoformat()
        sent = form_post(app, "/agro/reportar", {
            "q-cultivo": "papa", "q-precio-kg": "0.97", "q-cantidad-kg": "800",
            "q-comprador": "mercado", "q-fecha-venta": sale, "ubigeo": "130601"})
        markers[sent.headers["Location"].split("/seguimiento/")[1].split("?")[0]] = [sale]
    run_jobs()
    assert markers, "every domain asks something that is not public"
    for code, betrayals in markers.items():
        category = enabled_domains()[domain].categories[
            act("grll_feedback_show", code=code)["categoria"]]
        assert act("grll_feedback_show", code=code)["publico"]
        for name, text in public_outputs(app, code, category).items():
            for betrayal in betrayals:
                assert betrayal not in text, f"{code}: {betrayal} in {name}"


def set_dates(code: str, created: datetime.datetime, closed: datetime.datetime) -> None:
    """Move a resolved report to known instants (the citizen's and the staff's)."""
    report = Report.by_code(code)
    for event in report.events:
        event.created = created if event.kind == "creado" else closed
    report.created, report.updated, report.closed_at = created, closed, closed
    report.due_at = created + datetime.timedelta(days=2)
    model.Session.commit()


def test_no_public_output_dates_a_report_to_the_day(app, staff):
    category = enabled_domains()["agua"].categories["fuga"]
    staff(enabled_domains()["agua"].dataset_org)
    editor = staff(category.responsible_for(TRUJILLO))
    code = act("grll_feedback_create", **submission(category))["codigo"]
    for status in ("en_revision", "resuelto"):
        act("grll_feedback_status_update", editor, code=code, status=status,
            public_note=f"Paso: {status}")
    act("grll_feedback_moderate", editor, code=code)
    # Reported and resolved on the same day, months ago.
    created = datetime.datetime(datetime.date.today().year - 1, 10, 14, 15, 20)
    set_dates(code, created, created + datetime.timedelta(hours=3))
    publication.publish_report(Report.by_code(code).id)

    shown = act("grll_feedback_show", code=code)
    assert shown["publico"] and shown["estado"] == "resuelto"
    month = created.strftime("%Y-%m")
    assert shown["mes"] == month
    assert [e["fecha"] for e in shown["cronologia"]] == [month, month, month]
    [request_] = app.get(f"/open311/v2/requests/{code}.json").json
    assert request_["requested_datetime"] == request_["updated_datetime"] == \
        f"{month}-01T00:00:00-05:00"
    [row] = published_rows("agua")
    assert row["semanas_para_resolver"] == 0 and "dias_para_resolver" not in row
    # Three hours to resolve count as whole weeks: none.
    assert act("grll_feedback_stats", domain="agua")["mediana_dias_resolucion"] == 0
    day_spellings = [created.strftime(f) for f in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")]
    for name, text in public_outputs(app, code, category).items():
        for spelling in day_spellings:
            assert spelling not in text, f"{spelling} in {name}"

    # Nor can filters on the last change narrow it below a month.
    later_that_month = (created + datetime.timedelta(days=5)).isoformat()
    assert act("grll_feedback_list", domain="agua", updated_after=later_that_month)["count"] == 1
    assert len(app.get(f"/open311/v2/requests.json?updated_after={later_that_month}").json) == 1
    next_month = (created + datetime.timedelta(days=20)).replace(day=1).isoformat()
    assert act("grll_feedback_list", domain="agua", updated_after=next_month)["count"] == 0
