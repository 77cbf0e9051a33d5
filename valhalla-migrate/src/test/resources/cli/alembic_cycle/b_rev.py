"""revision b

Revision ID: b
Revises: 'c'
"""
from alembic import op
import sqlalchemy as sa

revision = 'b'
down_revision = 'c'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    pass
