-- id: m5_top
-- parents: m4_join
-- message: create merge_top

-- upgrade
CREATE TABLE merge_top (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE merge_top;
