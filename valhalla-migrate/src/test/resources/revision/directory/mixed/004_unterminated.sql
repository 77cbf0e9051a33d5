-- id: 004_unterminated
-- parents: 002_users

-- upgrade
CREATE FUNCTION f() RETURNS int AS $body$
SELECT 1;
$bod$ LANGUAGE sql;
