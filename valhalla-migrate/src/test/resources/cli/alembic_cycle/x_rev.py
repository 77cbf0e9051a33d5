"""revision x

Revision ID: x
Revises: None
"""
from alembic import op
import sqlalchemy as sa

revision = 'x'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    pass
