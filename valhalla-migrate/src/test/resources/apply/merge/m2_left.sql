-- id: m2_left
-- parents: m1_base
-- message: create merge_left

-- upgrade
CREATE TABLE merge_left (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE merge_left;
