-- id: f3_three
-- parents: f2_two
-- message: create fail_three and fill it from a table that does not exist

-- upgrade
CREATE TABLE fail_three (id bigint PRIMARY KEY);

-- the next statement fails: no_such_table does not exist
INSERT INTO fail_three SELECT id FROM no_such_table;

-- downgrade
DROP TABLE fail_three;
