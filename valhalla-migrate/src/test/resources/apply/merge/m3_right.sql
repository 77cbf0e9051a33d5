-- id: m3_right
-- parents: m1_base
-- message: create merge_right

-- upgrade
CREATE TABLE merge_right (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE merge_right;
