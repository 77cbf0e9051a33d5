-- id: f5_five
-- parents: f4_four
-- message: create fail_five

-- upgrade
CREATE TABLE fail_five (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE fail_five;
