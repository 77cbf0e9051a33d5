-- id: 001_tricky_statements
-- message: statements that only split correctly when quotes, comments and bodies are understood

-- upgrade
/* a leading comment; /* nested; */ still a comment; */
CREATE TABLE "odd;name" ("semi;colon" text, note text);

INSERT INTO "odd;name" VALUES ('it''s; one', E'back\\slash; and \'quote\'');;

-- lint:ignore PG999
CREATE FUNCTION plpgsql_body(value text) RETURNS text AS $body$
DECLARE
  result text := 'x;y'; -- a comment with ' and $$ and ;
BEGIN
  EXECUTE $q$SELECT $1 || ';'$q$ INTO result USING value;
  RETURN result;
END;
$body$ LANGUAGE plpgsql;

CREATE FUNCTION atomic_body(a int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN a > 0 THEN a ELSE -a END;
END;

PREPARE positional(int, int) AS SELECT $1 + $2;

CREATE RULE mirror AS ON INSERT TO "odd;name" DO ALSO (
  NOTIFY mirror_one; NOTIFY mirror_two
);

INSERT INTO "odd;name" VALUES ($$dollar; 'quoted'$$, $tag$ $$ ; $tag$)
-- a comment-only tail; with a semicolon
