-- id: 003_bad_header
-- author: somebody
-- parents: 002_users

-- upgrade
SELECT 1;
