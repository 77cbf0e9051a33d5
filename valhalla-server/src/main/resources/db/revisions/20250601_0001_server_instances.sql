-- id: 20250601_0001_server_instances
-- parents:
-- message: server instances: one row per start of valhalla serve
-- transactional: yes
-- lock_timeout: 5s

-- upgrade
CREATE TABLE IF NOT EXISTS server_instance (
    instance_id text PRIMARY KEY,
    host text NOT NULL,
    version text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    stopped_at timestamptz
);

-- downgrade
DROP TABLE IF EXISTS server_instance;
