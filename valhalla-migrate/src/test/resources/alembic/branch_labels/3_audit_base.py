revision = 'x1'
down_revision = None
branch_labels = 'audit'
depends_on = 'core'
