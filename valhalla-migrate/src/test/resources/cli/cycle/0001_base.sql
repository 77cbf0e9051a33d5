-- id: 0001_base
-- message: base

-- upgrade
CREATE TABLE IF NOT EXISTS base (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE IF EXISTS base;
