"""revision a

Revision ID: a
Revises: None
"""
from alembic import op
import sqlalchemy as sa

revision = 'a'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    pass
