revision = '0005'
down_revision = [
    '0004'
]
depends_on = ['0002',
              '0003',]
