-- id: f4_four
-- parents: f3_three
-- message: create fail_four

-- upgrade
CREATE TABLE fail_four (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE fail_four;
