-- id: 0002_index_name
-- parents: 0001_create_users
-- message: index users.name

-- upgrade
CREATE INDEX users_name ON users (name);

-- downgrade
DROP INDEX users_name;
