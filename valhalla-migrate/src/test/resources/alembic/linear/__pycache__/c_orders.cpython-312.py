revision = 'zzz'
