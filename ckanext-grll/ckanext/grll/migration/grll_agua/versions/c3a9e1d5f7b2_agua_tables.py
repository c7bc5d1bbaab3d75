"""Water commitment: compliance summary, latest samples, provider ratings

Revision ID: c3a9e1d5f7b2
Revises:
Create Date: 2026-11-27 08:30:00

"""
from alembic import op

revision = "c3a9e1d5f7b2"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        CREATE TABLE grll_agua_mes (
            ubigeo text NOT NULL,
            localidad text NOT NULL,
            prestador text NOT NULL,
            mes date NOT NULL,
            conteos jsonb NOT NULL,
            PRIMARY KEY (ubigeo, localidad, prestador, mes)
        );
        CREATE INDEX grll_agua_mes_prestador_idx ON grll_agua_mes (prestador, mes);
        CREATE INDEX grll_agua_mes_localidad_idx ON grll_agua_mes (lower(localidad));

        CREATE TABLE grll_agua_ultima (
            ubigeo text NOT NULL,
            localidad text NOT NULL,
            prestador text NOT NULL,
            fecha_hora timestamp NOT NULL,
            punto_muestreo text,
            valores jsonb NOT NULL,
            laboratorio text,
            fuente text,
            dataset text NOT NULL,
            PRIMARY KEY (ubigeo, localidad, prestador)
        );
        CREATE INDEX grll_agua_ultima_localidad_idx ON grll_agua_ultima (lower(localidad));
        CREATE INDEX grll_agua_ultima_prestador_idx ON grll_agua_ultima (prestador);

        CREATE TABLE grll_agua_calificacion (
            id serial PRIMARY KEY,
            prestador_id text NOT NULL,
            user_id text NOT NULL,
            trimestre text NOT NULL,
            continuidad smallint NOT NULL CHECK (continuidad BETWEEN 1 AND 5),
            presion smallint NOT NULL CHECK (presion BETWEEN 1 AND 5),
            calidad smallint NOT NULL CHECK (calidad BETWEEN 1 AND 5),
            atencion_reclamo smallint NOT NULL CHECK (atencion_reclamo BETWEEN 1 AND 5),
            facturacion smallint NOT NULL CHECK (facturacion BETWEEN 1 AND 5),
            created timestamp NOT NULL DEFAULT (now() at time zone 'utc'),
            CONSTRAINT grll_agua_calificacion_una_por_trimestre
                UNIQUE (prestador_id, user_id, trimestre)
        );
    """)


def downgrade():
    op.execute("""
        DROP TABLE grll_agua_calificacion;
        DROP TABLE grll_agua_ultima;
        DROP TABLE grll_agua_mes;
    """)
