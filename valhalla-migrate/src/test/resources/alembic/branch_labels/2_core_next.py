revision = 'c2'
down_revision = 'c1'
branch_labels = None
depends_on = None
