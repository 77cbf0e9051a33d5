-- id: d1_kept
-- message: a revision that can be undone

-- upgrade
CREATE TABLE nd_kept (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE nd_kept;
