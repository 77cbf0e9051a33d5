"""revision a

Revision ID: a
Revises: 'b'
"""
from alembic import op
import sqlalchemy as sa

revision = 'a'
down_revision = 'b'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    pass
