"""The open-government action plan: commitments, milestones, evidence, assessments,
the committee, indicator snapshots, citizens' comments and follows.

Revision ID: a7c3e9f1b250
Revises:
Create Date: 2026-12-05
"""
from alembic import op

revision = "a7c3e9f1b250"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE grll_ogp_compromiso (
        id text PRIMARY KEY,
        numero integer NOT NULL UNIQUE,
        titulo text NOT NULL,
        dominio text,
        fecha_inicio date NOT NULL,
        fecha_fin date NOT NULL,
        problema text NOT NULL,
        linea_base text NOT NULL DEFAULT '',
        descripcion text NOT NULL,
        resultados_esperados text NOT NULL DEFAULT '',
        como_contribuye text NOT NULL DEFAULT '',
        transparencia text NOT NULL DEFAULT '',
        participacion text NOT NULL DEFAULT '',
        rendicion_cuentas text NOT NULL DEFAULT '',
        organizacion_id text NOT NULL REFERENCES "group" (id),
        otros_actores text NOT NULL DEFAULT '',
        presupuesto numeric(14, 2),
        fuente_presupuesto text NOT NULL DEFAULT '',
        vinculos text NOT NULL DEFAULT '',
        muestra_demostrativa boolean NOT NULL DEFAULT false,
        created timestamp NOT NULL,
        updated timestamp NOT NULL,
        CHECK (fecha_fin >= fecha_inicio)
    )""")
    op.execute("""
    CREATE TABLE grll_ogp_hito (
        id text PRIMARY KEY,
        compromiso_id text NOT NULL REFERENCES grll_ogp_compromiso (id) ON DELETE CASCADE,
        orden integer NOT NULL,
        descripcion text NOT NULL,
        fecha_inicio date NOT NULL,
        fecha_fin date NOT NULL,
        responsable text NOT NULL,
        avance text NOT NULL DEFAULT 'no_iniciado'
            CHECK (avance IN ('no_iniciado', 'limitado', 'sustancial', 'completado')),
        completado_en date,
        updated timestamp NOT NULL,
        CHECK (fecha_fin >= fecha_inicio),
        UNIQUE (compromiso_id, orden)
    )""")
    op.execute("""
    CREATE TABLE grll_ogp_evidencia (
        id text PRIMARY KEY,
        hito_id text NOT NULL REFERENCES grll_ogp_hito (id) ON DELETE CASCADE,
        tipo text NOT NULL CHECK (tipo IN ('dataset', 'pagina', 'documento')),
        titulo text NOT NULL,
        enlace text NOT NULL,
        autor_id text,
        created timestamp NOT NULL
    )""")
    op.execute("CREATE INDEX grll_ogp_evidencia_hito ON grll_ogp_evidencia (hito_id)")
    op.execute("""
    CREATE TABLE grll_ogp_evaluacion (
        id text PRIMARY KEY,
        compromiso_id text NOT NULL REFERENCES grll_ogp_compromiso (id) ON DELETE CASCADE,
        tipo text NOT NULL CHECK (tipo IN ('autoevaluacion', 'independiente')),
        trimestre text NOT NULL,
        avance text NOT NULL
            CHECK (avance IN ('no_iniciado', 'limitado', 'sustancial', 'completado')),
        texto text NOT NULL,
        organismo text NOT NULL DEFAULT '',
        enlace text NOT NULL DEFAULT '',
        autor_id text,
        created timestamp NOT NULL,
        comentario_comite text,
        comentario_autor_id text,
        comentario_en timestamp,
        UNIQUE (compromiso_id, tipo, trimestre)
    )""")
    op.execute("""
    CREATE TABLE grll_ogp_miembro (
        id text PRIMARY KEY,
        nombre text NOT NULL,
        sector text NOT NULL CHECK (sector IN ('funcionario', 'sociedad_civil')),
        organizacion text NOT NULL,
        rol text NOT NULL,
        user_id text REFERENCES "user" (id),
        activo boolean NOT NULL DEFAULT true,
        created timestamp NOT NULL
    )""")
    op.execute("""
    CREATE TABLE grll_ogp_sesion (
        id text PRIMARY KEY,
        fecha date NOT NULL,
        agenda text NOT NULL,
        acta text NOT NULL DEFAULT '',
        created timestamp NOT NULL
    )""")
    op.execute("""
    CREATE TABLE grll_ogp_acuerdo (
        id text PRIMARY KEY,
        sesion_id text NOT NULL REFERENCES grll_ogp_sesion (id) ON DELETE CASCADE,
        texto text NOT NULL,
        hito_id text REFERENCES grll_ogp_hito (id) ON DELETE SET NULL,
        created timestamp NOT NULL
    )""")
    op.execute("""
    CREATE TABLE grll_ogp_indicador_valor (
        dominio text NOT NULL,
        codigo text NOT NULL,
        fecha date NOT NULL,
        valor numeric,
        PRIMARY KEY (dominio, codigo, fecha)
    )""")
    op.execute("""
    CREATE TABLE grll_ogp_comentario (
        id text PRIMARY KEY,
        compromiso_id text NOT NULL REFERENCES grll_ogp_compromiso (id) ON DELETE CASCADE,
        hito_id text REFERENCES grll_ogp_hito (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES "user" (id),
        texto text NOT NULL,
        estado text NOT NULL DEFAULT 'pendiente'
            CHECK (estado IN ('pendiente', 'aprobado', 'rechazado')),
        moderador_id text,
        created timestamp NOT NULL
    )""")
    op.execute("CREATE INDEX grll_ogp_comentario_estado ON grll_ogp_comentario "
               "(compromiso_id, estado)")
    op.execute("""
    CREATE TABLE grll_ogp_seguimiento (
        compromiso_id text NOT NULL REFERENCES grll_ogp_compromiso (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES "user" (id),
        created timestamp NOT NULL,
        PRIMARY KEY (compromiso_id, user_id)
    )""")


def downgrade() -> None:
    for table in ("seguimiento", "comentario", "indicador_valor", "acuerdo", "sesion",
                  "miembro", "evaluacion", "evidencia", "hito", "compromiso"):
        op.execute(f"DROP TABLE grll_ogp_{table}")
