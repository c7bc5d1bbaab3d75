"""The upload log of xloader, in the steward's language (issue 16).

xloader writes its log lines in English into its jobs database and shows them as they
are on the resource's DataStore page. The page (templates/xloader/resource_data.html)
passes each line through ``traducir``: a known line becomes its Spanish sentence (with
the values it carries), an unknown one is shown as written, so a new xloader release
can add lines without breaking the page. Lines at DEBUG level are plumbing and are not
shown to stewards.
"""
from __future__ import annotations

import ast
import re
from typing import Any

import ckan.plugins.toolkit as tk


def _lineas() -> list[tuple[str, str]]:
    """(pattern of xloader's English line, its Spanish sentence); built per call so the
    sentences follow the request's language."""
    _ = tk._
    return [
        (r"Express Load starting: (?P<url>.*)", _("Carga en el DataStore iniciada: {url}")),
        (r"Fetching from: (?P<url>.*)", _("Descargando el archivo de {url}")),
        (r"Downloaded ok - (?P<tamano>.*)", _("Descarga correcta: {tamano}")),
        (r"File hash: (?P<huella>.*)", _("Huella del archivo: {huella}")),
        (r"Ignoring resource - the file hash hasn't changed: (?P<huella>.*)\.",
         _("El archivo no cambió desde la última carga: no se vuelve a cargar.")),
        (r"Ignoring resource - R/W DataStore resources are managed with the Datastore API",
         _("Recurso editable del DataStore: se gestiona por la API, no se carga.")),
        (r"Loading CSV", _("Leyendo el archivo CSV")),
        (r"'use_type_guessing' mode is: (?P<modo>.*)",
         _("Adivinar tipos al cargar (xloader): {modo}")),
        (r"Determining column names and types",
         _("Leyendo los nombres de las columnas")),
        (r"Ensuring character coding is UTF8",
         _("Convirtiendo el texto a UTF-8")),
        (r"Fields: (?P<campos>.*)", _("Columnas del archivo: {campos}")),
        (r"Determined headers and types: (?P<campos>.*)",
         _("Columnas y tipos detectados: {campos}")),
        (r"Copying to database\.\.\.", _("Copiando las filas a la base de datos…")),
        (r"Starting chunked processing for file size: (?P<tamano>\d+) bytes "
         r"with chunk size: (?P<bloque>\d+) bytes",
         _("Copia por bloques de un archivo de {tamano} bytes")),
        (r"Completed chunked processing: (?P<bloques>\d+) chunks processed "
         r"for file size (?P<tamano>\d+) bytes",
         _("Copia terminada: {bloques} bloque(s) de un archivo de {tamano} bytes")),
        (r"Fields do not match; there are now (?P<ahora>\d+) fields but "
         r"previously (?P<antes>\d+)",
         _("Cambiaron las columnas: ahora hay {ahora}, antes había {antes}")),
        (r"Fields do not match; no existing entry found for (?P<columna>.*)",
         _("Cambiaron las columnas: «{columna}» es nueva")),
        (r"Field has changed; new type for (?P<columna>.*) field is (?P<nuevo>.*) "
         r"but existing type is (?P<antes>.*)",
         _("La columna «{columna}» cambia de tipo: de {antes} a {nuevo}")),
        (r"\.\.\.copying done", _("…filas copiadas")),
        (r"Creating search index\.\.\.", _("Creando el índice de búsqueda…")),
        (r"\.\.\.search index created", _("…índice de búsqueda creado")),
        (r"Indexed rows (?P<desde>\d+) to (?P<hasta>\d+) of (?P<total>\d+)",
         _("Filas {desde} a {hasta} de {total} indexadas")),
        (r"Calculating record count \(running ANALYZE on the table\)",
         _("Contando las filas de la tabla")),
        (r"Setting resource\.datastore_active = True",
         _("El recurso queda activo en el DataStore")),
        (r"Setting resource\.datastore_contains_all_records_of_source_file = True",
         _("El DataStore contiene todas las filas del archivo")),
        (r"Setting resource\.datastore_contains_all_records_of_source_file = False",
         _("El DataStore contiene solo una parte de las filas del archivo")),
        (r"Data now available to users: (?P<url>.*)",
         _("Los datos ya se pueden consultar: {url}")),
        (r"Creating column indexes \(a speed optimization for queries\)\.\.\.",
         _("Creando los índices de las columnas (para consultas más rápidas)…")),
        (r"\.\.\.column indexes created\.", _("…índices de las columnas creados")),
        (r"File Hash updated for resource: (?P<huella>.*)",
         _("Huella del archivo guardada en el recurso: {huella}")),
        (r"Clearing records for \"(?P<tabla>.*)\" from DataStore\.",
         _("Vaciando la tabla anterior del DataStore")),
        (r"Deleting \"(?P<tabla>.*)\" from [Dd]ata[Ss]tore\.",
         _("Borrando la tabla anterior del DataStore (cambiaron las columnas)")),
        (r"Saving chunk (?P<parte>\d+)", _("Guardando el bloque {parte}")),
        (r"Successfully pushed (?P<filas>\d+) entries to \"(?P<tabla>.*)\"\.",
         _("Se cargaron {filas} filas.")),
        (r"Finished loading with tabulator", _("Carga fila por fila terminada")),
        (r"Load using COPY failed: (?P<error>.*)",
         _("La carga rápida (COPY) falló: {error}")),
        (r"Trying again with tabulator", _("Se intenta de nuevo fila por fila")),
        (r"Load using tabulator failed: (?P<error>.*)",
         _("La carga fila por fila falló: {error}")),
        (r"Trying again with direct COPY", _("Se intenta de nuevo con la carga rápida")),
        (r"Data too large to load into Datastore: (?P<tamano>\d+) bytes > "
         r"max (?P<maximo>\d+) bytes\.",
         _("El archivo es demasiado grande para el DataStore: {tamano} bytes "
           "(máximo {maximo}).")),
        (r"Loading excerpt of ~(?P<filas>\d+) lines to DataStore\.",
         _("Se cargan solo las primeras {filas} filas aproximadamente.")),
        (r"Job timed out after (?P<segundos>\d+)s",
         _("La carga superó el tiempo máximo de {segundos} s")),
        (r"Job failed due to temporary error \[(?P<error>.*)\], retrying",
         _("Error temporal ({error}): se vuelve a intentar")),
        (r"xloader error: (?P<error>.*)", _("Error de la carga: {error}")),
        (r"Express Load completed", _("Carga terminada")),
        (r"Column types set from the data: (?P<tipos>.*)",
         _("Tipos de columna según los datos: {tipos}")),
        (r"Column \"(?P<columna>.*)\" kept as text: its values are of mixed kinds",
         _("La columna «{columna}» queda como texto: sus valores son de distinto tipo")),
        (r"Column \"(?P<columna>.*)\" kept as text: numbers with leading zeros are codes",
         _("La columna «{columna}» queda como texto: números con ceros a la izquierda "
           "son códigos")),
        (r"Column \"(?P<columna>.*)\" kept as text: a value could not be converted",
         _("La columna «{columna}» queda como texto: un valor no es válido "
           "(por ejemplo, una fecha que no existe)")),
    ]


def nombre_de_tipo(tipo: str) -> str:
    """A DataStore type in words (the log line of column_types names types)."""
    _ = tk._
    return {"int4": _("número entero"), "int8": _("número entero"),
            "numeric": _("número decimal"), "date": _("fecha"),
            "timestamp": _("fecha y hora")}.get(tipo, tipo)


def _tipos_en_palabras(tipos: str) -> str:
    pares = (par.partition("=") for par in tipos.split(", "))
    return ", ".join(f"{columna} = {nombre_de_tipo(tipo)}" for columna, _, tipo in pares)


def _nombres_de_campos(campos: str) -> str:
    """xloader logs its field list as a Python literal: the steward reads the names."""
    try:
        fields = ast.literal_eval(campos)
        return ", ".join(str(field["id"]) for field in fields)
    except (ValueError, SyntaxError, TypeError, KeyError):
        return campos


def _si_no(modo: str) -> str:
    return tk._("sí") if modo == "True" else tk._("no")


#: Values of a line that are shown in words rather than as xloader wrote them.
EN_PALABRAS = {"tipos": _tipos_en_palabras, "campos": _nombres_de_campos, "modo": _si_no}


def traducir(message: str) -> str:
    """xloader's English log line in the request's language; unknown lines unchanged."""
    for pattern, sentence in _lineas():
        match = re.fullmatch(pattern, message.strip(), flags=re.DOTALL)
        if match:
            values = {name: EN_PALABRAS[name](value) if name in EN_PALABRAS else value
                      for name, value in match.groupdict().items()}
            return sentence.format(**values)
    return message


def estado(status: dict[str, Any]) -> str:
    """The state of the last load in words."""
    _ = tk._
    if not status.get("status"):
        return _("Aún no se ha cargado en el DataStore")
    return {"complete": _("Completada"), "pending": _("Pendiente"),
            "submitting": _("Enviándose"), "running": _("En curso"),
            "running_but_viewable": _("En curso (los datos ya se pueden consultar)"),
            "error": _("Error")}.get(status["status"], status["status"])


def lineas_visibles(logs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lines a steward reads: DEBUG lines left out, each message translated."""
    return [{**line, "message": traducir(line.get("message") or "")}
            for line in logs if line.get("level") != "DEBUG"]
