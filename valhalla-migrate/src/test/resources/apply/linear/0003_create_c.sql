-- id: 0003_create_c
-- parents: 0002_create_b
-- message: create table linear_c

-- upgrade
CREATE TABLE linear_c (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE linear_c;
