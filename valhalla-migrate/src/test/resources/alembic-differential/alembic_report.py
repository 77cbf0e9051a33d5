"""Prints what Alembic itself computes for a versions folder, as JSON: heads, bases, branch points,
merge points. Used by AlembicDifferentialTest to compare the audit with Alembic on generated histories."""
import json
import os
import sys
import tempfile

from alembic.script import ScriptDirectory

versions = os.path.abspath(sys.argv[1])
script_dir = tempfile.mkdtemp()
directory = ScriptDirectory(script_dir, version_locations=[versions])
revision_map = directory.revision_map
revisions = [r for r in directory.walk_revisions()]
print(json.dumps({
    "revisions": len(revisions),
    "heads": sorted(revision_map.heads),
    "bases": sorted(revision_map.bases),
    "branch_points": sorted(r.revision for r in revisions if r.is_branch_point),
    "merge_points": sorted(r.revision for r in revisions if r.is_merge_point),
}))
