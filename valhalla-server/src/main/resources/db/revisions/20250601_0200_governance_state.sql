-- id: 20250601_0200_governance_state
-- parents: 20250601_0110_audit_trail
-- message: governance: system metadata and the go-live gate with its kill switch, seeded with safe defaults
-- transactional: yes
-- lock_timeout: 5s

-- upgrade
-- one row each (id 1); the kill switch starts engaged and go-live disabled until an admin decides otherwise
CREATE TABLE IF NOT EXISTS system_metadata (
    id bigint PRIMARY KEY CHECK (id = 1),
    version text NOT NULL DEFAULT '',
    backend_complete boolean NOT NULL DEFAULT false,
    notes text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz
);

CREATE TABLE IF NOT EXISTS go_live_state (
    id bigint PRIMARY KEY CHECK (id = 1),
    go_live_enabled boolean NOT NULL DEFAULT false,
    kill_switch_engaged boolean NOT NULL DEFAULT true,
    changed_by text NOT NULL DEFAULT 'system',
    reason text NOT NULL DEFAULT 'initial state: kill switch engaged until an admin releases it',
    updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO system_metadata (id) VALUES (1) ON CONFLICT (id) DO NOTHING;
INSERT INTO go_live_state (id) VALUES (1) ON CONFLICT (id) DO NOTHING;

-- downgrade
DROP TABLE IF EXISTS go_live_state;
DROP TABLE IF EXISTS system_metadata;
