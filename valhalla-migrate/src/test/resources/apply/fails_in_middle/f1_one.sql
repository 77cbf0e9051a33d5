-- id: f1_one
-- message: create fail_one

-- upgrade
CREATE TABLE fail_one (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE fail_one;
