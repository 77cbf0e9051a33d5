"""base

Revision ID: 0001
Revises:
Create Date: 2024-03-01 10:00:00

revision = 'not_this_one_it_is_inside_the_docstring'
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    revision = "not_this_one_it_is_indented"
    op.execute(revision)


def downgrade() -> None:
    pass
