"""grll_laboral: job offers (search index), seeker profiles and contact requests

Revision ID: c3a81f5d2e10
Revises:
Create Date: 2026-11-27 08:30:00

"""
from alembic import op

revision = "c3a81f5d2e10"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        CREATE TABLE grll_laboral_oferta (
            codigo_oferta text PRIMARY KEY,
            origen text NOT NULL,
            puesto text NOT NULL,
            ocupacion text NOT NULL,
            ruc text NOT NULL,
            empresa text NOT NULL,
            ubigeo text NOT NULL,
            provincia text NOT NULL,
            distrito text NOT NULL,
            vacantes integer NOT NULL,
            remuneracion numeric,
            tipo_contrato text NOT NULL,
            jornada text NOT NULL,
            nivel_educativo text NOT NULL,
            experiencia_meses integer NOT NULL DEFAULT 0,
            descripcion text,
            como_postular text,
            fecha_publicacion date NOT NULL,
            fecha_cierre date NOT NULL,
            estado text NOT NULL DEFAULT 'vigente',
            creador_id text,
            created timestamp NOT NULL DEFAULT (now() at time zone 'utc')
        );
        CREATE INDEX grll_laboral_oferta_ocupacion_idx
            ON grll_laboral_oferta (ocupacion, ubigeo, fecha_cierre);
        CREATE INDEX grll_laboral_oferta_ubigeo_idx
            ON grll_laboral_oferta (ubigeo, fecha_cierre);
        CREATE INDEX grll_laboral_oferta_cierre_idx
            ON grll_laboral_oferta (fecha_cierre, fecha_publicacion);

        CREATE TABLE grll_laboral_perfil (
            id text PRIMARY KEY,
            codigo text NOT NULL UNIQUE,
            ocupacion text NOT NULL,
            ubigeo text NOT NULL,
            provincia text NOT NULL,
            distrito text NOT NULL,
            experiencia_meses integer NOT NULL,
            nivel_educativo text NOT NULL,
            disponible boolean NOT NULL DEFAULT true,
            nombre text NOT NULL,
            email text NOT NULL,
            telefono text,
            user_id text,
            token text NOT NULL UNIQUE,
            created timestamp NOT NULL DEFAULT (now() at time zone 'utc')
        );
        CREATE INDEX grll_laboral_perfil_busqueda_idx
            ON grll_laboral_perfil (ocupacion, ubigeo);

        CREATE TABLE grll_laboral_contacto (
            id text PRIMARY KEY,
            perfil_id text NOT NULL REFERENCES grll_laboral_perfil (id) ON DELETE CASCADE,
            empleador_id text NOT NULL,
            codigo_oferta text,
            mensaje text NOT NULL,
            estado text NOT NULL,
            token text NOT NULL UNIQUE,
            created timestamp NOT NULL DEFAULT (now() at time zone 'utc'),
            respondida timestamp
        );
        CREATE INDEX grll_laboral_contacto_perfil_idx ON grll_laboral_contacto (perfil_id);
        CREATE INDEX grll_laboral_contacto_empleador_idx
            ON grll_laboral_contacto (empleador_id);
    """)


def downgrade():
    op.execute("""
        DROP TABLE grll_laboral_contacto;
        DROP TABLE grll_laboral_perfil;
        DROP TABLE grll_laboral_oferta;
    """)
