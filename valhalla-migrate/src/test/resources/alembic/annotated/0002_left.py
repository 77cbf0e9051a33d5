"""left"""
from typing import Sequence, Union

revision: str = r'0002'
down_revision: Union[str, Sequence[str], None] = '0001'  # the base
branch_labels = None
depends_on = None
