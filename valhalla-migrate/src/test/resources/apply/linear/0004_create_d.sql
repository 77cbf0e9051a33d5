-- id: 0004_create_d
-- parents: 0003_create_c
-- message: create table linear_d

-- upgrade
CREATE TABLE linear_d (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE linear_d;
