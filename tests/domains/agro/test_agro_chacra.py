"""Farm-gate price reports: checked against the official range, medians only from n."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from agro_testing import (  # noqa: F401 - agro_catalog is a module fixture
    OTUZCO,
    SALE_DAY,
    act,
    agro_catalog,
    error_fields,
    farmgate_report,
)
from ckan import model

from ckanext.grll.domains.agro import chacra
from portal_testing import form_token

pytestmark = pytest.mark.usefixtures("agro_catalog")


def flag_of(report: dict) -> tuple[bool, str | None]:
    row = model.Session.execute(sa.text(
        "SELECT r.atipico, r.motivo FROM grll_agro_reporte_chacra r "
        "JOIN grll_feedback_report f ON f.id = r.report_id WHERE f.tracking_code = :c"),
        {"c": report["codigo"]}).one()
    return row[0], row[1]


def otuzco_papa_november() -> dict:
    groups = act("grll_agro_farmgate_medians", cultivo="papa", ubigeo=OTUZCO)["grupos"]
    return next(g for g in groups if g["m"] == SALE_DAY[:7])


def test_outlier_rule_widens_the_official_range_by_the_tolerance():
    rango = (0.87, 1.14)
    assert chacra.es_atipico(0.44, rango) is None and chacra.es_atipico(1.70, rango) is None
    assert chacra.es_atipico(0.43, rango) == "bajo"
    assert chacra.es_atipico(1.72, rango) == "alto"
    assert chacra.es_atipico(50, None) is None


def test_reports_are_flagged_and_medians_appear_from_five_reports():
    normal = [farmgate_report(price, n=i) for i, price in enumerate((0.90, 0.95, 1.00, 1.20))]
    # SIEA sample: papa in (the file's) November between S/ 0.87 and 1.14 per kg.
    assert chacra.rango_oficial("papa", int(SALE_DAY[5:7])) == (0.87, 1.14)
    assert all(flag_of(r) == (False, None) for r in normal)
    high = farmgate_report(3.50, n=10)
    assert flag_of(high) == (True, "alto")

    group = otuzco_papa_november()
    # Four plausible reports: the count is shown, the median is not.
    assert group["n"] == 4 and "med" not in group and group["atipicos"] == 1

    farmgate_report(1.10, n=11)
    group = otuzco_papa_november()
    assert group["n"] == 5 and group["med"] == 1.00  # the outlier 3.50 does not move it


def test_bad_reports_and_filters_are_rejected_with_the_field():
    errors = error_fields("grll_feedback_create", domain="agro", category="precio-chacra",
                          description="Vendí mi cosecha de quinua en la chacra ayer.",
                          ubigeo=OTUZCO, identity="anonimo",
                          answers={"cultivo": "quinua-roja", "precio-kg": -2,
                                   "comprador": "acopiador", "fecha-venta": SALE_DAY})
    assert "cultivo" in str(errors) and "precio-kg" in str(errors)
    assert "cultivo" in error_fields("grll_agro_farmgate_medians", cultivo="trufa")
    assert "desde" in error_fields("grll_agro_farmgate_medians", desde="2024-13")


def test_the_light_report_form_sends_a_checked_report_and_shows_errors_by_field(app):
    browser = app.test_client()
    form = browser.get(f"/agro/reportar?ubigeo={OTUZCO}").get_data(as_text=True)
    assert f'<option value="{OTUZCO}" selected' in form and "Maíz amarillo duro" in form
    answer = {"q-cultivo": "papa", "q-precio-kg": "0.97", "q-cantidad-kg": "800",
              "q-comprador": "mercado", "q-fecha-venta": SALE_DAY, "ubigeo": OTUZCO,
              "_csrf_token": form_token(browser, "/agro/reportar")}
    sent = browser.post("/agro/reportar", data=answer, follow_redirects=False)
    assert sent.status_code == 302 and "/seguimiento/" in sent.headers["Location"]
    code = sent.headers["Location"].split("/seguimiento/")[1].split("?")[0]
    assert flag_of({"codigo": code}) == (False, None)

    wrong = browser.post("/agro/reportar", data={**answer, "q-precio-kg": "-3",
                                                 "q-cultivo": "trufa"})
    assert wrong.status_code == 400
    page = wrong.get_data(as_text=True)
    assert 'id="error-answers.precio-kg"' in page and 'id="error-answers.cultivo"' in page
