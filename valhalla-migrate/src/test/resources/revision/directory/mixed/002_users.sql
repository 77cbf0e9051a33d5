-- id: 002_users
-- parents: 001_base

-- upgrade
CREATE TABLE users (id bigint PRIMARY KEY);
