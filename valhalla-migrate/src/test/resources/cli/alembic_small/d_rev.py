"""revision d

Revision ID: d
Revises: ('b', 'c')
"""
from alembic import op
import sqlalchemy as sa

revision = 'd'
down_revision = ('b', 'c')
branch_labels = None
depends_on = None


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    pass
