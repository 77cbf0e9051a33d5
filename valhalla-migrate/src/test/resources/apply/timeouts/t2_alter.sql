-- id: t2_alter
-- parents: t1_target
-- message: alter the locked table, giving up quickly
-- lock_timeout: 200ms

-- upgrade
ALTER TABLE tm_target ADD COLUMN note text;

-- downgrade
ALTER TABLE tm_target DROP COLUMN note;
