"""revision d

Revision ID: d
Revises: 'x'
"""
from alembic import op
import sqlalchemy as sa

revision = 'd'
down_revision = 'x'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    pass
