-- id: 0001_create_users
-- message: create users
-- transactional: yes

-- upgrade
CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);

-- downgrade
DROP TABLE users;
