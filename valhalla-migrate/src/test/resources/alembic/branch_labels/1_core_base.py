revision = 'c1'
down_revision = None
branch_labels = ('core',)
depends_on = None
