-- id: 005_nested
-- parents: 002_users

-- upgrade
SELECT 5;
