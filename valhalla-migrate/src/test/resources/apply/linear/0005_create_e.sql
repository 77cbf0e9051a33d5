-- id: 0005_create_e
-- parents: 0004_create_d
-- message: create table linear_e

-- upgrade
CREATE TABLE linear_e (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE linear_e;
