-- id: f2_two
-- parents: f1_one
-- message: create fail_two

-- upgrade
CREATE TABLE fail_two (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE fail_two;
