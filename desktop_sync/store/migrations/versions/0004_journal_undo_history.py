"""journal of writes, saved conflict rules, conflicting fields and failure counts of errors,
cleanup entries in the job queue, and the indexes the dashboard and the cleanup read

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("mapping", sa.String(length=100), nullable=False),
        sa.Column("erp_key", sa.String(length=255), nullable=True),
        sa.Column("crm_key", sa.String(length=255), nullable=True),
        sa.Column("side", sa.String(length=3), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("rule", sa.String(length=100), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("error_id", sa.Integer(), nullable=True),
        sa.Column("undo_of", sa.Integer(), nullable=True),
        sa.Column("batch", sa.String(length=24), nullable=True),
        sa.Column("pair", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.create_index("ix_journal_erp", ["erp_key"], unique=False)
        batch_op.create_index("ix_journal_crm", ["crm_key"], unique=False)
        batch_op.create_index(
            "ix_journal_undo",
            ["undo_of"],
            unique=False,
            sqlite_where=sa.text("undo_of IS NOT NULL"),
            postgresql_where=sa.text("undo_of IS NOT NULL"),
        )
    op.create_table(
        "conflict_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mapping", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("fields", sa.String(length=500), nullable=False),
        sa.Column("winners", sa.JSON(), nullable=True),
        sa.Column("enabled", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mapping", "name", name="uq_rule_name"),
    )
    with op.batch_alter_table("sync_error", schema=None) as batch_op:
        batch_op.add_column(sa.Column("conflict_fields", sa.String(length=500), nullable=True))
        batch_op.add_column(
            sa.Column("fail_count", sa.Integer(), server_default=sa.text("1"), nullable=False)
        )
        batch_op.create_index("ix_error_day", ["mapping", "kind", "failed_at"], unique=False)
        batch_op.create_index(
            "ix_error_resolved_day", ["mapping", "kind", "resolved_at"], unique=False
        )
        batch_op.create_index(
            "ix_error_similar", ["mapping", "kind", "conflict_fields", "resolved_at"], unique=False
        )
    with op.batch_alter_table("job_queue_entry", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind", sa.String(length=20), server_default=sa.text("'sync'"), nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("job_queue_entry", schema=None) as batch_op:
        batch_op.drop_column("kind")
    with op.batch_alter_table("sync_error", schema=None) as batch_op:
        batch_op.drop_index("ix_error_similar")
        batch_op.drop_index("ix_error_resolved_day")
        batch_op.drop_index("ix_error_day")
        batch_op.drop_column("fail_count")
        batch_op.drop_column("conflict_fields")
    op.drop_table("conflict_rule")
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.drop_index("ix_journal_undo", sqlite_where=sa.text("undo_of IS NOT NULL"))
        batch_op.drop_index("ix_journal_crm")
        batch_op.drop_index("ix_journal_erp")
    op.drop_table("journal")
