-- id: 20250601_0600_config_registry
-- parents: 20250601_0200_governance_state
-- message: config registry: typed, namespaced configuration values with a version history of every change
-- transactional: yes
-- lock_timeout: 5s

-- upgrade
-- the current value of each live key; a deleted key has no row here but keeps its history
CREATE TABLE IF NOT EXISTS config_entry (
    namespace text NOT NULL,
    key text NOT NULL,
    type text NOT NULL CHECK (type IN ('string', 'int', 'bool', 'duration', 'json')),
    value jsonb NOT NULL,
    version bigint NOT NULL CHECK (version > 0),
    description text NOT NULL DEFAULT '',
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (namespace, key)
);

-- every write of a key, never updated: version n+1 of a key follows version n even across a delete
CREATE TABLE IF NOT EXISTS config_version (
    namespace text NOT NULL,
    key text NOT NULL,
    version bigint NOT NULL CHECK (version > 0),
    action text NOT NULL CHECK (action IN ('create', 'update', 'rollback', 'delete')),
    type text NOT NULL CHECK (type IN ('string', 'int', 'bool', 'duration', 'json')),
    value jsonb,
    description text NOT NULL DEFAULT '',
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL,
    reason text NOT NULL,
    PRIMARY KEY (namespace, key, version),
    CHECK ((action = 'delete') = (value IS NULL))
);

-- downgrade
DROP TABLE IF EXISTS config_version;
DROP TABLE IF EXISTS config_entry;
