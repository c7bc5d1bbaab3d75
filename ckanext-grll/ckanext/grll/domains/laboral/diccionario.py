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
           "la Gerencia; el de la fuente si fue cosechado)."),
    column("entidad", "text", "Entidad que capacita",
           "Institución que dicta el curso o programa (programa público, instituto o "
           "centro de formación)."),
    column("curso", "text", "Curso o programa", "Nombre del curso o programa de capacitación."),
    column("ocupacion", "text", "Ocupación a la que prepara",
           "Ocupación de la lista del portal para la que prepara el curso."),
    column("modalidad", "text", "Modalidad", "Presencial, Virtual o Semipresencial."),
    d.ubigeo(), d.PROVINCIA, d.DISTRITO,
    column("fecha_inicio", "date", "Fecha de inicio", "Primer día de clases."),
    column("fecha_fin", "date", "Fecha de término",
           "Último día de clases; el portal deja de mostrar el curso después de esta fecha."),
    column("horas", "int", "Horas lectivas", "Duración total del curso en horas de clase.",
           "horas"),
    column("vacantes", "int", "Vacantes", "Número de plazas que ofrece el curso.", "plazas"),
    column("requisitos", "text", "Requisitos",
           "Condiciones para inscribirse (edad, estudios, documentos); vacío si no hay."),
    column("inscripcion", "text", "Cómo inscribirse",
           "Dónde y cómo se inscribe una persona: dirección, enlace o teléfono "
           "institucional."),
]

# --- administrative procedures (laboral-tramites) ----------------------------------------

TRAMITE_FIELDS = [
    column("expediente", "text", "Número de expediente",
           "Número con el que la Gerencia Regional de Trabajo identifica el trámite, en "
           "mayúsculas y sin espacios."),
    column("procedimiento", "text", "Procedimiento",
           "Procedimiento administrativo del TUPA al que corresponde el expediente."),
    column("etapa", "text", "Etapa actual",
           "Recibido, En evaluación, Observado, Diligencia o inspección, Resuelto o "
           "Archivado."),
    column("fecha_presentacion", "date", "Fecha de presentación",
           "Día en que se presentó el expediente."),
    column("fecha_actualizacion", "date", "Fecha de la última actuación",
           "Día de la última actuación registrada en el expediente."),
    column("dependencia", "text", "Dependencia a cargo",
           "Oficina de la Gerencia Regional de Trabajo que tiene el expediente."),
    column("nota", "text", "Nota pública",
           "Indicación pública para quien presentó el trámite; sin datos personales."),
]

# --- labour conflicts (laboral-conflictos-laborales) -------------------------------------

CONFLICT_FIELDS = [
    column("codigo", "text", "Código del conflicto",
           "Código del conflicto (CL-AAAA-NNNN si lo registró la Gerencia; el del reporte "
           "del Ministerio de Trabajo si fue cosechado)."),
    column("tipo", "text", "Tipo de conflicto",
           "Huelga, Paralización, Reclamo colectivo, Despidos colectivos, Incumplimiento de "
           "convenio u Otro."),
    column("partes", "text", "Partes",
           "Organización sindical y empleador enfrentados en el conflicto."),
    column("actividad_economica", "text", "Actividad económica",
           "Actividad económica del empleador."),
    d.ubigeo(), d.PROVINCIA, d.DISTRITO,
    column("estado", "text", "Estado",
           "activo (en curso), latente (sin medidas de fuerza pero sin solución) o resuelto."),
    column("trabajadores_involucrados", "int", "Trabajadores involucrados",
           "Trabajadores comprendidos en el conflicto.", "trabajadores"),
    column("horas_hombre_perdidas", "int", "Horas-hombre perdidas",
           "Horas de trabajo no realizadas por huelgas o paralizaciones del conflicto.",
           "horas-hombre"),
    column("fecha_inicio", "date", "Fecha de inicio", "Día en que empezó el conflicto."),
    column("fecha_actualizacion", "date", "Última actualización",
           "Día de la última actualización del estado o las cifras."),
    column("descripcion", "text", "Descripción pública",
           "Resumen público del conflicto y de su situación; sin datos personales."),
]

# --- stage changes of collective bargaining (negociaciones-colectivas-*) -----------------

TIMELINE_FIELDS = [
    column("expediente", "text", "Expediente",
           "Expediente de la negociación colectiva (une con la tabla de negociaciones)."),
    column("etapa", "text", "Etapa",
           "Código de la etapa alcanzada: pliego, trato-directo, conciliacion, "
           "extraproceso, arbitraje, huelga, convenio, laudo o archivado."),
    column("fecha", "date", "Fecha de la etapa", "Día en que empezó la etapa."),
    column("nota", "text", "Nota pública de la Autoridad de Trabajo",
           "Comentario público de la Autoridad Administrativa de Trabajo sobre el cambio."),
    column("registrado", "timestamp", "Registrado en el portal (UTC)",
           "Momento en que el cambio se registró en el portal, en hora universal."),
]

# --- seekers' anonymous availability profiles (laboral-perfiles-disponibles) ------------

PERFIL_FIELDS = [
    column("codigo", "text", "Código del perfil",
           "Código público del perfil; no identifica a la persona."),
    column("ocupacion", "text", "Ocupación", "Ocupación en la que la persona busca empleo."),
    d.ubigeo(), d.PROVINCIA, d.DISTRITO,
    column("experiencia_meses", "int", "Experiencia (meses)",
           "Experiencia laboral en la ocupación, en meses.", "meses"),
    column("nivel_educativo", "text", "Nivel educativo", "Nivel educativo más alto alcanzado."),
    column("disponible", "bool", "Disponible",
           "Verdadero mientras la persona mantiene publicado su perfil."),
    column("mes_publicacion", "text", "Mes de publicación (AAAA-MM)",
           "Mes en que se publicó el perfil (solo el mes, para no identificar a la persona)."),
]

# --- columns the open offers dataset adds to the harvest layout ---------------------------

OFERTA_PORTAL_FIELDS = [
    column("descripcion", "text", "Descripción del puesto",
           "Funciones y condiciones del puesto escritas por el empleador; vacía en las "
           "ofertas cosechadas."),
    column("como_postular", "text", "Cómo postular",
           "Indicación pública de la empresa (correo o dirección institucional)."),
    column("origen", "text", "Origen",
           "portal (publicada por el empleador en el portal), cosecha (de una bolsa de "
           "trabajo o del servicio público de empleo) o muestra (muestra demostrativa, "
           "no es una oferta real)."),
    column("estado", "text", "Estado", "vigente o vencida (pasó la fecha de cierre)."),
]
