-- id: 0002_users_email
-- parents: 0001_users
-- message: users get an email, indexed, and a view of names

-- upgrade
ALTER TABLE users ADD COLUMN email text;
CREATE INDEX users_email_idx ON users (email);
CREATE VIEW user_names AS SELECT id, name FROM users;

-- downgrade
DROP VIEW user_names;
DROP INDEX users_email_idx;
ALTER TABLE users DROP COLUMN email;
