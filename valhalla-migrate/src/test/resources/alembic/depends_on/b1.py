"""b1

Revision ID: b1
Revises: 'b0'
Create Date: 2024-01-01 00:00:00
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'b1'
down_revision = 'b0'
branch_labels = None
depends_on = 'a1'


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    pass
