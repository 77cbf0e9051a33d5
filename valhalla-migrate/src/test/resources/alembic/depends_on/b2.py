"""b2

Revision ID: b2
Revises: 'b1'
Create Date: 2024-01-01 00:00:00
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'b2'
down_revision = 'b1'
branch_labels = None
depends_on = ['alpha', 'a0']


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    pass
