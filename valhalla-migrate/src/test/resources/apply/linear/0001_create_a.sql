-- id: 0001_create_a
-- message: create table linear_a

-- upgrade
CREATE TABLE linear_a (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE linear_a;
