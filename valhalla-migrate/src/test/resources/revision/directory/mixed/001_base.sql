-- id: 001_base
-- message: base

-- upgrade
CREATE TABLE accounts (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE accounts;
