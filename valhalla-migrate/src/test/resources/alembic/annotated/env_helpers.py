"""A helper module kept next to the migrations: no revision, so it is not one."""
def helper():
    return 1
