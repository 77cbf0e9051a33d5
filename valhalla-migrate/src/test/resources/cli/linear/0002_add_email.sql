-- id: 0002_add_email
-- parents: 0001_create_users
-- message: add users.email

-- upgrade
ALTER TABLE users ADD COLUMN email text;

-- downgrade
ALTER TABLE users DROP COLUMN email;
