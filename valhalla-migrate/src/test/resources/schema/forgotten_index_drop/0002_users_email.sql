-- id: 0002_users_email
-- parents: 0001_users
-- message: users get an email and an index on name

-- upgrade
ALTER TABLE users ADD COLUMN email text;
CREATE INDEX users_name_idx ON users (name);

-- downgrade
ALTER TABLE users DROP COLUMN email;
