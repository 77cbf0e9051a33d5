-- id: m4_join
-- parents: m2_left, m3_right
-- message: create merge_join

-- upgrade
CREATE TABLE merge_join (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE merge_join;
