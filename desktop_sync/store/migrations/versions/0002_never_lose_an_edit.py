"""never lose an edit: announced updates, transient errors, own stamps, mapping fingerprints

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 01:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Driver messages of faults that pass by themselves (a lost or refused connection, a lock or a
# statement timeout, a deadlock): errors filed with them before this revision become transient,
# so that the next job retries them instead of leaving them to a person.
TRANSIENT_WORDS = (
    "server closed the connection",
    "connection refused",
    "could not connect",
    "lost connection",
    "gone away",
    "connection timed out",
    "terminating connection",
    "database is locked",
    "deadlock",
    "could not serialize",
    "lock wait timeout",
    "statement timeout",
    "canceling statement",
)


def upgrade() -> None:
    with op.batch_alter_table("coupling", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pending_state", sa.JSON(), nullable=True))
    with op.batch_alter_table("sync_error", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("transient", sa.Boolean(), server_default=sa.text("(false)"), nullable=False)
        )
    with op.batch_alter_table("watermark", schema=None) as batch_op:
        batch_op.add_column(sa.Column("own_stamps", sa.JSON(), nullable=True))
    op.create_table(
        "mapping_state",
        sa.Column("mapping", sa.String(length=100), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("mapping"),
    )
    error = sa.table(
        "sync_error",
        sa.column("kind", sa.String),
        sa.column("message", sa.Text),
        sa.column("resolved_at", sa.DateTime),
        sa.column("transient", sa.Boolean),
    )
    op.execute(
        error.update()
        .where(
            error.c.kind == "failed",
            error.c.resolved_at.is_(None),
            sa.or_(*(sa.func.lower(error.c.message).contains(w) for w in TRANSIENT_WORDS)),
        )
        .values(transient=True)
    )


def downgrade() -> None:
    op.drop_table("mapping_state")
    with op.batch_alter_table("watermark", schema=None) as batch_op:
        batch_op.drop_column("own_stamps")
    with op.batch_alter_table("sync_error", schema=None) as batch_op:
        batch_op.drop_column("transient")
    with op.batch_alter_table("coupling", schema=None) as batch_op:
        batch_op.drop_column("pending_state")
