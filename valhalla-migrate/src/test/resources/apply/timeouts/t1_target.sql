-- id: t1_target
-- message: the table another session will lock

-- upgrade
CREATE TABLE tm_target (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE tm_target;
