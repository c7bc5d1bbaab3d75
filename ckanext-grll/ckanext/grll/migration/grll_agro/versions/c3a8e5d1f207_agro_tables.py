"""grll_agro: price, weather and planting summaries, farm-gate checks, price alerts

Revision ID: c3a8e5d1f207
Revises:
Create Date: 2026-11-27 08:30:00

"""
from alembic import op

revision = "c3a8e5d1f207"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        CREATE TABLE grll_agro_precio (
            producto text NOT NULL,
            mercado text NOT NULL,
            fecha date NOT NULL,
            minimo numeric(10, 2) NOT NULL,
            maximo numeric(10, 2) NOT NULL,
            promedio numeric(10, 2) NOT NULL,
            PRIMARY KEY (producto, mercado, fecha)
        );

        CREATE TABLE grll_agro_precio_ultimo (
            producto text NOT NULL,
            mercado text NOT NULL,
            fecha date NOT NULL,
            minimo numeric(10, 2) NOT NULL,
            maximo numeric(10, 2) NOT NULL,
            promedio numeric(10, 2) NOT NULL,
            tendencia_4 numeric(7, 1),
            tendencia_12 numeric(7, 1),
            PRIMARY KEY (producto, mercado)
        );

        CREATE TABLE grll_agro_chacra (
            cultivo text NOT NULL,
            ubigeo text NOT NULL,
            anio integer NOT NULL,
            mes integer NOT NULL,
            precio numeric(10, 2) NOT NULL,
            PRIMARY KEY (cultivo, ubigeo, anio, mes)
        );

        CREATE TABLE grll_agro_estacion (
            estacion text PRIMARY KEY,
            ubigeo text NOT NULL,
            tipo text NOT NULL,
            fecha date NOT NULL,
            hora text,
            ultima jsonb NOT NULL,
            dias jsonb NOT NULL
        );

        CREATE TABLE grll_agro_siembra (
            campana text NOT NULL,
            ubigeo text NOT NULL,
            cultivo text NOT NULL,
            hectareas numeric(12, 1) NOT NULL,
            PRIMARY KEY (campana, ubigeo, cultivo)
        );

        CREATE TABLE grll_agro_nombre (
            clave text PRIMARY KEY,
            nombre text NOT NULL
        );

        CREATE TABLE grll_agro_estado (
            id integer PRIMARY KEY CHECK (id = 1),
            huella text NOT NULL,
            actualizado timestamp without time zone NOT NULL
        );

        CREATE TABLE grll_agro_reporte_chacra (
            report_id text PRIMARY KEY
                REFERENCES grll_feedback_report (id) ON DELETE CASCADE,
            cultivo text NOT NULL,
            ubigeo text NOT NULL,
            anio integer NOT NULL,
            mes integer NOT NULL,
            precio numeric(10, 2) NOT NULL,
            atipico boolean NOT NULL,
            motivo text,
            created timestamp without time zone NOT NULL
        );
        CREATE INDEX grll_agro_reporte_chacra_grupo_idx
            ON grll_agro_reporte_chacra (cultivo, ubigeo, anio, mes);

        CREATE TABLE grll_agro_alerta (
            id text PRIMARY KEY,
            user_id text,
            email text,
            confirmada boolean NOT NULL DEFAULT false,
            token text NOT NULL UNIQUE,
            producto text NOT NULL,
            mercado text NOT NULL,
            sentido text NOT NULL CHECK (sentido IN ('sube', 'baja')),
            umbral numeric(10, 2) NOT NULL CHECK (umbral > 0),
            ultimo_aviso_fecha date,
            created timestamp without time zone NOT NULL,
            CHECK (user_id IS NOT NULL OR email IS NOT NULL)
        );
        CREATE INDEX grll_agro_alerta_user_idx ON grll_agro_alerta (user_id);
        CREATE INDEX grll_agro_alerta_precio_idx ON grll_agro_alerta (producto, mercado);

        CREATE TABLE grll_agro_aviso (
            id serial PRIMARY KEY,
            alerta_id text NOT NULL REFERENCES grll_agro_alerta (id) ON DELETE CASCADE,
            fecha date NOT NULL,
            precio numeric(10, 2) NOT NULL,
            enviado_email boolean NOT NULL DEFAULT false,
            created timestamp without time zone NOT NULL,
            UNIQUE (alerta_id, fecha)
        );
    """)


def downgrade():
    op.execute("""
        DROP TABLE grll_agro_aviso;
        DROP TABLE grll_agro_alerta;
        DROP TABLE grll_agro_reporte_chacra;
        DROP TABLE grll_agro_estado;
        DROP TABLE grll_agro_nombre;
        DROP TABLE grll_agro_siembra;
        DROP TABLE grll_agro_estacion;
        DROP TABLE grll_agro_chacra;
        DROP TABLE grll_agro_precio_ultimo;
        DROP TABLE grll_agro_precio;
    """)
