"""The steward and citizen forms of the plan's pages, described once: each names the
action it calls and its fields, and one template macro draws them (labels, the
values typed so far, each error beside its field and in a summary linking to it)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ckan.plugins.toolkit import _

from ckanext.grll.ogp import config, documentos, estado
from ckanext.grll.ogp.logic import schema


@dataclass(frozen=True)
class Campo:
    name: str
    label: str
    kind: str = "text"  # text, textarea, date, select, hidden, checkbox, file
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = False
    help: str = ""
    accept: str = ""  # a file field's types, offered by the phone's file chooser


@dataclass(frozen=True)
class Formulario:
    name: str
    action: str
    title: str
    submit: str
    campos: tuple[Campo, ...] = field(default_factory=tuple)

    @property
    def multipart(self) -> bool:
        """Whether the form sends a file (``enctype="multipart/form-data"``)."""
        return any(c.kind == "file" for c in self.campos)


def _avances() -> tuple[tuple[str, str], ...]:
    return tuple((a, estado.avance_label(a)) for a in estado.AVANCES)


def _documento(label: str) -> Campo:
    """The file input of a document uploaded to the plan's dataset."""
    return Campo(documentos.FIELD, label, "file", accept=documentos.ACCEPT, help=_(
        "PDF, ODT, ODS, DOCX, XLSX, CSV, PNG o JPEG, de hasta {mb} MB. Se publica como "
        "recurso del conjunto de datos del plan.").format(mb=config.max_document_mb()))


def _compromiso_campos() -> tuple[Campo, ...]:
    return (
        Campo("numero", _("Número"), required=True),
        Campo("titulo", _("Título"), required=True),
        Campo("dominio", _("Tema del portal"), "select", (("", "—"),) + tuple(
            (d, d) for d in schema.DOMINIOS)),
        Campo("fecha_inicio", _("Fecha de inicio"), "date", required=True),
        Campo("fecha_fin", _("Fecha de término"), "date", required=True),
        Campo("problema", _("Problema público"), "textarea", required=True),
        Campo("linea_base", _("Línea de base"), "textarea"),
        Campo("descripcion", _("¿En qué consiste el compromiso?"), "textarea", required=True),
        Campo("resultados_esperados", _("Resultados esperados"), "textarea"),
        Campo("como_contribuye", _("¿Cómo contribuye a resolver el problema?"), "textarea"),
        Campo("transparencia", _("Relevancia para la transparencia"), "textarea"),
        Campo("participacion", _("Relevancia para la participación ciudadana"), "textarea"),
        Campo("rendicion_cuentas", _("Relevancia para la rendición de cuentas"), "textarea"),
        Campo("organizacion", _("Entidad responsable (nombre corto en el portal)"),
              required=True),
        Campo("otros_actores", _("Otros actores"), "textarea"),
        Campo("presupuesto", _("Presupuesto (soles)")),
        Campo("fuente_presupuesto", _("Fuente del presupuesto")),
        Campo("vinculos", _("Vínculos con otros planes y ODS"), "textarea"),
    )


def compromiso() -> Formulario:
    return Formulario("compromiso", "grll_ogp_commitment_create", _("Nuevo compromiso"),
                      _("Guardar compromiso"), _compromiso_campos())


def compromiso_editar() -> Formulario:
    return Formulario("compromiso", "grll_ogp_commitment_update", _("Editar compromiso"),
                      _("Guardar cambios"), _compromiso_campos())


def por_compromiso() -> dict[str, Formulario]:
    """The forms of a commitment's page, by the name in their URL."""
    return {f.name: f for f in (
        Formulario("hito", "grll_ogp_milestone_update", _("Actualizar el avance de un hito"),
                   _("Guardar avance"), (
                       Campo("id", _("Hito"), "select", required=True),
                       Campo("avance", _("Avance"), "select", _avances(), required=True))),
        Formulario("nuevo-hito", "grll_ogp_milestone_create", _("Agregar un hito"),
                   _("Agregar hito"), (
                       Campo("descripcion", _("Hito"), "textarea", required=True),
                       Campo("fecha_inicio", _("Fecha de inicio"), "date", required=True),
                       Campo("fecha_fin", _("Fecha de término"), "date", required=True),
                       Campo("responsable", _("Responsable"), required=True))),
        Formulario("evidencia", "grll_ogp_evidence_create", _("Agregar una evidencia"),
                   _("Agregar evidencia"), (
                       Campo("hito_id", _("Hito"), "select", required=True),
                       Campo("tipo", _("Tipo"), "select", (
                           ("dataset", _("Conjunto de datos")),
                           ("pagina", _("Página del portal")),
                           ("documento", _("Documento subido al portal"))), required=True),
                       Campo("titulo", _("Título"), required=True),
                       _documento(_("Documento a subir (tipo documento)")),
                       Campo("enlace", _("O bien: conjunto de datos, dirección o documento "
                                         "ya publicado"),
                             help=_("El nombre del conjunto de datos, la dirección de la "
                                    "página (por ejemplo /agua) o el identificador de un "
                                    "documento ya publicado como recurso.")))),
        Formulario("evaluacion", "grll_ogp_assessment_create",
                   _("Registrar la autoevaluación del trimestre"), _("Guardar evaluación"), (
                       Campo("trimestre", _("Trimestre (AAAA-Tn)"), required=True),
                       Campo("avance", _("Avance"), "select", _avances(), required=True),
                       Campo("texto", _("Evaluación"), "textarea", required=True))),
        Formulario("comentario-comite", "grll_ogp_assessment_comment",
                   _("Comentario del comité"), _("Guardar comentario"), (
                       Campo("id", _("Autoevaluación"), "select", required=True),
                       Campo("comentario", _("Comentario"), "textarea", required=True))),
        Formulario("comentario", "grll_ogp_comment_create", _("Comente este compromiso"),
                   _("Enviar comentario"), (
                       Campo("hito_id", _("Sobre el hito (opcional)"), "select"),
                       Campo("texto", _("Su comentario"), "textarea", required=True,
                             help=_("Se publica cuando la secretaría lo apruebe. No "
                                    "escriba datos personales.")))),
    )}


def del_comite() -> dict[str, Formulario]:
    return {f.name: f for f in (
        Formulario("miembro", "grll_ogp_member_create", _("Agregar un miembro"),
                   _("Agregar miembro"), (
                       Campo("nombre", _("Nombre"), required=True),
                       Campo("sector", _("Sector"), "select", (
                           ("funcionario", _("Funcionario")),
                           ("sociedad_civil", _("Sociedad civil"))), required=True),
                       Campo("organizacion", _("Organización"), required=True),
                       Campo("rol", _("Rol en el comité"), required=True),
                       Campo("usuario", _("Cuenta en el portal (opcional)")))),
        Formulario("sesion", "grll_ogp_session_create", _("Registrar una sesión"),
                   _("Guardar sesión"), (
                       Campo("fecha", _("Fecha"), "date", required=True),
                       Campo("agenda", _("Agenda"), "textarea", required=True),
                       _documento(_("Acta de la sesión (documento a subir)")),
                       Campo("acta", _("O bien: identificador del acta ya publicada")))),
        Formulario("acuerdo", "grll_ogp_agreement_create", _("Registrar un acuerdo"),
                   _("Guardar acuerdo"), (
                       Campo("sesion_id", _("Sesión"), "select", required=True),
                       Campo("texto", _("Acuerdo"), "textarea", required=True),
                       Campo("hito_id", _("Hito al que se refiere (opcional)"), "select"))),
    )}


def values(formulario: Formulario, form: Any) -> dict[str, str]:
    """What was typed in the form's fields (unknown fields are dropped)."""
    return {c.name: form.get(c.name, "").strip() for c in formulario.campos
            if c.kind != "file" and form.get(c.name, "").strip() != ""}


def files(formulario: Formulario, sent: Any) -> dict[str, Any]:
    """The files chosen in the form's file inputs (an input left empty is dropped)."""
    return {c.name: sent[c.name] for c in formulario.campos
            if c.kind == "file" and c.name in sent and sent[c.name].filename}
