-- id: m1_base
-- message: create merge_base

-- upgrade
CREATE TABLE merge_base (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE merge_base;
