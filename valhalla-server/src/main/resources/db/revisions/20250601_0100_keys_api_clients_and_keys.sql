-- id: 20250601_0100_keys_api_clients_and_keys
-- parents: 20250601_0001_server_instances
-- message: keys: API clients and their keys (only a hash of each secret is stored)
-- transactional: yes
-- lock_timeout: 5s

-- upgrade
CREATE TABLE IF NOT EXISTS api_client (
    id text PRIMARY KEY,
    description text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    disabled_at timestamptz,
    disabled_by text
);

-- secret_hash is SHA-256 of the whole key (prefix, key id and secret); the key itself is never stored
CREATE TABLE IF NOT EXISTS api_key (
    id text PRIMARY KEY,
    client_id text NOT NULL REFERENCES api_client (id),
    name text NOT NULL DEFAULT '',
    secret_hash bytea NOT NULL,
    scopes text[] NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    expires_at timestamptz,
    revoked_at timestamptz,
    revoked_by text,
    rotated_from text REFERENCES api_key (id),
    last_used_at timestamptz,
    CONSTRAINT api_key_id_format CHECK (id ~ '^[0-9A-Za-z]{8}$'),
    CONSTRAINT api_key_hash_length CHECK (octet_length(secret_hash) = 32),
    CONSTRAINT api_key_scopes_known CHECK (scopes <@ ARRAY['read', 'write', 'admin']::text[] AND cardinality(scopes) > 0)
);

CREATE INDEX IF NOT EXISTS api_key_client_idx ON api_key (client_id);

-- downgrade
DROP TABLE IF EXISTS api_key;
DROP TABLE IF EXISTS api_client;
