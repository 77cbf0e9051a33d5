-- id: 20261122_0002_create_users
-- parents: 20261121_0001_base, 20261121_0001_side
-- message: create users
-- transactional: no
-- lock_timeout: 5s
-- statement_timeout: 2min
-- lint:ignore PG010, PG011

-- upgrade
-- lint:ignore PG001
CREATE INDEX CONCURRENTLY users_email ON users (email);

CREATE FUNCTION touch() RETURNS trigger AS $body$
BEGIN
  NEW.updated_at := now(); -- keep; it
  RETURN NEW;
END;
$body$ LANGUAGE plpgsql;

-- downgrade
DROP FUNCTION touch();
DROP INDEX CONCURRENTLY users_email;
