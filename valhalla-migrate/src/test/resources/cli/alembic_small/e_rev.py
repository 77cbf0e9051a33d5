"""revision e

Revision ID: e
Revises: 'b'
"""
from alembic import op
import sqlalchemy as sa

revision = 'e'
down_revision = 'b'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    pass
