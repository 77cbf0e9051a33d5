-- id: 0002_broken
-- parents: 0001_create_users
-- message: refers to a table that does not exist

-- upgrade
CREATE TABLE audit (id bigint PRIMARY KEY);

INSERT INTO missing_table VALUES (1);

-- downgrade
DROP TABLE audit;
