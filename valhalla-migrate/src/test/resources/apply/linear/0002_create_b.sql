-- id: 0002_create_b
-- parents: 0001_create_a
-- message: create table linear_b

-- upgrade
CREATE TABLE linear_b (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE linear_b;
