-- id: n1_base
-- message: create the table the index goes on

-- upgrade
CREATE TABLE nt_base (id bigint PRIMARY KEY, code int);

-- downgrade
DROP TABLE nt_base;
