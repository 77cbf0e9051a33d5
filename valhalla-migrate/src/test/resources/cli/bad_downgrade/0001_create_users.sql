-- id: 0001_create_users
-- message: create users, but the downgrade forgets to drop it

-- upgrade
CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, name text NOT NULL);

-- downgrade
SELECT 1;
