"""merge of left and right, tuple spread over lines"""
from typing import Sequence, Union

revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = (
    "0002",  # left
    # right comes next
    '0003',
)
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None
