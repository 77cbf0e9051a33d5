"""revision c

Revision ID: c
Revises: 'a'
"""
from alembic import op
import sqlalchemy as sa

revision = 'c'
down_revision = 'a'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    pass
