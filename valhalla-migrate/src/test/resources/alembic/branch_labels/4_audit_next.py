revision = 'x2'
down_revision = 'x1'
branch_labels = None
depends_on = ('c2',)
