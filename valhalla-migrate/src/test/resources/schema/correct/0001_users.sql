-- id: 0001_users
-- message: create users
-- transactional: yes

-- upgrade
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    mood mood
);

-- downgrade
DROP TABLE users;
DROP TYPE mood;
