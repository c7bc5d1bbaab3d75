"""The data dictionary of every DataStore table grll_laboral writes.

One place for the columns of the registries kept by stewards (courses, procedures,
conflicts, the stage timeline of collective bargaining), the seekers' anonymous
profiles and the harvest layouts that feed the same registries, so a column has one
Spanish label and one description wherever it is written.
"""
from __future__ import annotations

from ckanext.grll.harvesting import dictionary as d
from ckanext.grll.harvesting.dictionary import column

# --- training courses (laboral-capacitacion) ---------------------------------------------

CURSO_FIELDS = [
    column("codigo", "text", "Código del curso",
           "Código del curso en el catálogo de capacitación (CAP-AAAA-NNNN si lo registró "
           "la Gerencia; el de la fuente si fue cosechado).", label_en="Course code"),
    column("entidad", "text", "Entidad que capacita",
           "Institución que dicta el curso o programa (programa público, instituto o "
           "centro de formación).", label_en="Training provider"),
    column("curso", "text", "Curso o programa", "Nombre del curso o programa de capacitación.",
           label_en="Course or programme"),
    column("ocupacion", "text", "Ocupación a la que prepara",
           "Ocupación de la lista del portal para la que prepara el curso.",
           label_en="Occupation it prepares for"),
    column("modalidad", "text", "Modalidad", "Presencial, Virtual o Semipresencial.",
           label_en="Delivery mode"),
    d.ubigeo(), d.PROVINCIA, d.DISTRITO,
    column("fecha_inicio", "date", "Fecha de inicio", "Primer día de clases.",
           label_en="Start date"),
    column("fecha_fin", "date", "Fecha de término",
           "Último día de clases; el portal deja de mostrar el curso después de esta fecha.",
           label_en="End date"),
    column("horas", "int", "Horas lectivas", "Duración total del curso en horas de clase.",
           "horas", label_en="Class hours"),
    column("vacantes", "int", "Vacantes", "Número de plazas que ofrece el curso.", "plazas",
           label_en="Places"),
    column("requisitos", "text", "Requisitos",
           "Condiciones para inscribirse (edad, estudios, documentos); vacío si no hay.",
           label_en="Requirements"),
    column("inscripcion", "text", "Cómo inscribirse",
           "Dónde y cómo se inscribe una persona: dirección, enlace o teléfono "
           "institucional.", label_en="How to enrol"),
]

# --- administrative procedures (laboral-tramites) ----------------------------------------

TRAMITE_FIELDS = [
    column("expediente", "text", "Número de expediente",
           "Número con el que la Gerencia Regional de Trabajo identifica el trámite, en "
           "mayúsculas y sin espacios.", label_en="File number"),
    column("procedimiento", "text", "Procedimiento",
           "Procedimiento administrativo del TUPA al que corresponde el expediente.",
           label_en="Procedure"),
    column("etapa", "text", "Etapa actual",
           "Recibido, En evaluación, Observado, Diligencia o inspección, Resuelto o "
           "Archivado.", label_en="Current stage"),
    column("fecha_presentacion", "date", "Fecha de presentación",
           "Día en que se presentó el expediente.", label_en="Filing date"),
    column("fecha_actualizacion", "date", "Fecha de la última actuación",
           "Día de la última actuación registrada en el expediente.",
           label_en="Date of the latest action"),
    column("dependencia", "text", "Dependencia a cargo",
           "Oficina de la Gerencia Regional de Trabajo que tiene el expediente.",
           label_en="Office in charge"),
    column("nota", "text", "Nota pública",
           "Indicación pública para quien presentó el trámite; sin datos personales.",
           label_en="Public note"),
]

# --- labour conflicts (laboral-conflictos-laborales) -------------------------------------

CONFLICT_FIELDS = [
    column("codigo", "text", "Código del conflicto",
           "Código del conflicto (CL-AAAA-NNNN si lo registró la Gerencia; el del reporte "
           "del Ministerio de Trabajo si fue cosechado).", label_en="Conflict code"),
    column("tipo", "text", "Tipo de conflicto",
           "Huelga, Paralización, Reclamo colectivo, Despidos colectivos, Incumplimiento de "
           "convenio u Otro.", label_en="Conflict type"),
    column("partes", "text", "Partes",
           "Organización sindical y empleador enfrentados en el conflicto.", label_en="Parties"),
    column("actividad_economica", "text", "Actividad económica",
           "Actividad económica del empleador.", label_en="Economic activity"),
    d.ubigeo(), d.PROVINCIA, d.DISTRITO,
    column("estado", "text", "Estado",
           "activo (en curso), latente (sin medidas de fuerza pero sin solución) o resuelto.",
           label_en="Status"),
    column("trabajadores_involucrados", "int", "Trabajadores involucrados",
           "Trabajadores comprendidos en el conflicto.", "trabajadores",
           label_en="Workers involved"),
    column("horas_hombre_perdidas", "int", "Horas-hombre perdidas",
           "Horas de trabajo no realizadas por huelgas o paralizaciones del conflicto.",
           "horas-hombre", label_en="Person-hours lost"),
    column("fecha_inicio", "date", "Fecha de inicio", "Día en que empezó el conflicto.",
           label_en="Start date"),
    column("fecha_actualizacion", "date", "Última actualización",
           "Día de la última actualización del estado o las cifras.", label_en="Last update"),
    column("descripcion", "text", "Descripción pública",
           "Resumen público del conflicto y de su situación; sin datos personales.",
           label_en="Public description"),
]

# --- stage changes of collective bargaining (negociaciones-colectivas-*) -----------------

TIMELINE_FIELDS = [
    column("expediente", "text", "Expediente",
           "Expediente de la negociación colectiva (une con la tabla de negociaciones).",
           label_en="File number"),
    column("etapa", "text", "Etapa",
           "Código de la etapa alcanzada: pliego, trato-directo, conciliacion, "
           "extraproceso, arbitraje, huelga, convenio, laudo o archivado.", label_en="Stage"),
    column("fecha", "date", "Fecha de la etapa", "Día en que empezó la etapa.",
           label_en="Stage date"),
    column("nota", "text", "Nota pública de la Autoridad de Trabajo",
           "Comentario público de la Autoridad Administrativa de Trabajo sobre el cambio.",
           label_en="Public note of the Labour Authority"),
    column("registrado", "timestamp", "Registrado en el portal (UTC)",
           "Momento en que el cambio se registró en el portal, en hora universal.",
           label_en="Recorded on the portal (UTC)"),
]

# --- seekers' anonymous availability profiles (laboral-perfiles-disponibles) ------------

PERFIL_FIELDS = [
    column("codigo", "text", "Código del perfil",
           "Código público del perfil; no identifica a la persona.", label_en="Profile code"),
    column("ocupacion", "text", "Ocupación", "Ocupación en la que la persona busca empleo.",
           label_en="Occupation"),
    d.ubigeo(), d.PROVINCIA, d.DISTRITO,
    column("experiencia_meses", "int", "Experiencia (meses)",
           "Experiencia laboral en la ocupación, en meses.", "meses",
           label_en="Experience (months)"),
    column("nivel_educativo", "text", "Nivel educativo", "Nivel educativo más alto alcanzado.",
           label_en="Education level"),
    column("disponible", "bool", "Disponible",
           "Verdadero mientras la persona mantiene publicado su perfil.", label_en="Available"),
    column("mes_publicacion", "text", "Mes de publicación (AAAA-MM)",
           "Mes en que se publicó el perfil (solo el mes, para no identificar a la persona).",
           label_en="Publication month (YYYY-MM)"),
]

# --- columns the open offers dataset adds to the harvest layout ---------------------------

OFERTA_PORTAL_FIELDS = [
    column("descripcion", "text", "Descripción del puesto",
           "Funciones y condiciones del puesto escritas por el empleador; vacía en las "
           "ofertas cosechadas.", label_en="Job description"),
    column("como_postular", "text", "Cómo postular",
           "Indicación pública de la empresa (correo o dirección institucional).",
           label_en="How to apply"),
    column("origen", "text", "Origen",
           "portal (publicada por el empleador en el portal), cosecha (de una bolsa de "
           "trabajo o del servicio público de empleo) o muestra (muestra demostrativa, "
           "no es una oferta real).", label_en="Origin"),
    column("estado", "text", "Estado", "vigente o vencida (pasó la fecha de cierre).",
           label_en="Status"),
]
