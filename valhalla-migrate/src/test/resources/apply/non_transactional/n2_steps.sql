-- id: n2_steps
-- parents: n1_base
-- message: five steps outside a transaction
-- transactional: no
-- lock_timeout: 5s

-- upgrade
CREATE TABLE nt_one (id int);
CREATE TABLE nt_two (id int);
INSERT INTO nt_missing VALUES (1);
CREATE INDEX CONCURRENTLY nt_base_code ON nt_base (code);
CREATE TABLE nt_five (id int);

-- downgrade
DROP TABLE nt_five;
DROP INDEX CONCURRENTLY nt_base_code;
DROP TABLE nt_three;
DROP TABLE nt_two;
DROP TABLE nt_one;
