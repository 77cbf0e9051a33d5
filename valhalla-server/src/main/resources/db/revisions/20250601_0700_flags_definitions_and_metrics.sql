-- id: 20250601_0700_flags_definitions_and_metrics
-- parents: 20250601_0600_config_registry
-- message: feature flags: definitions and segments (client-features JSON), client registrations and hourly metrics
-- transactional: yes
-- lock_timeout: 5s

-- upgrade
-- one row per flag ever created; an archived flag keeps its last definition and is not evaluated
CREATE TABLE IF NOT EXISTS flag (
    name text PRIMARY KEY,
    position bigint GENERATED ALWAYS AS IDENTITY,
    definition jsonb NOT NULL,
    version bigint NOT NULL CHECK (version > 0),
    archived_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL
);

-- reusable constraint lists strategies refer to by id
CREATE TABLE IF NOT EXISTS flag_segment (
    id integer PRIMARY KEY CHECK (id > 0),
    definition jsonb NOT NULL,
    version bigint NOT NULL CHECK (version > 0),
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL
);

-- SDK instances as POST /api/client/register announced them
CREATE TABLE IF NOT EXISTS flag_client_instance (
    app_name text NOT NULL,
    instance_id text NOT NULL,
    sdk_version text,
    environment text,
    strategies jsonb NOT NULL DEFAULT '[]'::jsonb,
    started_at timestamptz,
    interval_ms bigint,
    registered_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    PRIMARY KEY (app_name, instance_id)
);

-- evaluation counts reported by SDKs, summed per flag, hour and application
CREATE TABLE IF NOT EXISTS flag_metric_hour (
    flag_name text NOT NULL,
    hour timestamptz NOT NULL,
    app_name text NOT NULL,
    yes bigint NOT NULL CHECK (yes >= 0),
    no bigint NOT NULL CHECK (no >= 0),
    PRIMARY KEY (flag_name, hour, app_name)
);

CREATE TABLE IF NOT EXISTS flag_variant_metric_hour (
    flag_name text NOT NULL,
    hour timestamptz NOT NULL,
    app_name text NOT NULL,
    variant text NOT NULL,
    count bigint NOT NULL CHECK (count >= 0),
    PRIMARY KEY (flag_name, hour, app_name, variant)
);

-- downgrade
DROP TABLE IF EXISTS flag_variant_metric_hour;
DROP TABLE IF EXISTS flag_metric_hour;
DROP TABLE IF EXISTS flag_client_instance;
DROP TABLE IF EXISTS flag_segment;
DROP TABLE IF EXISTS flag;
