"""messages kept as an English template and its values, so the window shows them in its language

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 03:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Rows written before this revision keep their English text in `message` (template NULL).
TABLES = ("sync_error", "sync_log", "sync_job")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("template", sa.Text(), nullable=True))
            batch_op.add_column(sa.Column("params", sa.JSON(), nullable=True))
    with op.batch_alter_table("job_queue_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("result_template", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("result_params", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("job_queue_entry", schema=None) as batch_op:
        batch_op.drop_column("result_params")
        batch_op.drop_column("result_template")
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("params")
            batch_op.drop_column("template")
