"""Citizen feedback engine: reports, timeline, photos and abuse flags

Revision ID: a1f0c7e2b9d4
Revises:
Create Date: 2026-11-27 09:00:00

"""
from alembic import op

revision = "a1f0c7e2b9d4"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        CREATE TABLE grll_feedback_report (
            id text PRIMARY KEY,
            tracking_code text NOT NULL UNIQUE,
            public_id text NOT NULL UNIQUE,
            domain text NOT NULL,
            category text NOT NULL,
            description text NOT NULL,
            description_original text,
            answers jsonb NOT NULL DEFAULT '{}'::jsonb,
            latitude double precision,
            longitude double precision,
            address text,
            ubigeo text NOT NULL,
            identity text NOT NULL,
            reporter_name text,
            user_id text,
            contact_email text,
            channel text NOT NULL,
            status text NOT NULL,
            hidden boolean NOT NULL DEFAULT false,
            owner_org text NOT NULL,
            duplicate_of text REFERENCES grll_feedback_report (id),
            flags integer NOT NULL DEFAULT 0,
            content_hash text NOT NULL,
            created timestamp without time zone NOT NULL,
            updated timestamp without time zone NOT NULL,
            closed_at timestamp without time zone,
            due_at timestamp without time zone NOT NULL,
            publication_pending boolean NOT NULL DEFAULT true,
            published_at timestamp without time zone,
            publication_error text
        );
        CREATE INDEX grll_feedback_report_domain_status_idx
            ON grll_feedback_report (domain, status, created);
        CREATE INDEX grll_feedback_report_owner_org_idx
            ON grll_feedback_report (owner_org, status);
        CREATE INDEX grll_feedback_report_content_hash_idx
            ON grll_feedback_report (content_hash);
        CREATE INDEX grll_feedback_report_pending_idx
            ON grll_feedback_report (publication_pending) WHERE publication_pending;

        CREATE TABLE grll_feedback_event (
            id serial PRIMARY KEY,
            report_id text NOT NULL REFERENCES grll_feedback_report (id) ON DELETE CASCADE,
            created timestamp without time zone NOT NULL,
            actor_id text,
            kind text NOT NULL,
            status text,
            public_note text,
            private_note text
        );
        CREATE INDEX grll_feedback_event_report_idx ON grll_feedback_event (report_id);

        CREATE TABLE grll_feedback_photo (
            id text PRIMARY KEY,
            report_id text NOT NULL REFERENCES grll_feedback_report (id) ON DELETE CASCADE,
            filename text NOT NULL,
            mimetype text NOT NULL,
            size_bytes integer NOT NULL,
            width integer NOT NULL,
            height integer NOT NULL,
            hidden boolean NOT NULL DEFAULT false,
            created timestamp without time zone NOT NULL
        );
        CREATE INDEX grll_feedback_photo_report_idx ON grll_feedback_photo (report_id);

        CREATE TABLE grll_feedback_flag (
            id serial PRIMARY KEY,
            report_id text NOT NULL REFERENCES grll_feedback_report (id) ON DELETE CASCADE,
            flagger text NOT NULL,
            reason text,
            created timestamp without time zone NOT NULL,
            UNIQUE (report_id, flagger)
        );
    """)


def downgrade():
    op.execute("""
        DROP TABLE grll_feedback_flag;
        DROP TABLE grll_feedback_photo;
        DROP TABLE grll_feedback_event;
        DROP TABLE grll_feedback_report;
    """)
