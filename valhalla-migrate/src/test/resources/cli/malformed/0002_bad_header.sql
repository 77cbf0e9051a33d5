-- id: 0002_bad_header
-- parents: 0001_create_users
-- message: a header value that is not yes or no
-- transactional: perhaps

-- upgrade
CREATE TABLE audit (id bigint PRIMARY KEY);

-- downgrade
DROP TABLE audit;
