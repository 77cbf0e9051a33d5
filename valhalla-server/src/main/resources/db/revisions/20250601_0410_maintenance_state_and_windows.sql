-- id: 20250601_0410_maintenance_state_and_windows
-- parents: 20250601_0400_ratelimit_policies_and_buckets
-- message: maintenance: the shield state (normal, read_only, maintenance), the freeze switch and scheduled windows
-- transactional: yes
-- lock_timeout: 5s

-- upgrade
-- one row (id 1): the state set by hand; scheduled windows can only make it stricter while they run
CREATE TABLE IF NOT EXISTS maintenance_state (
    id bigint PRIMARY KEY CHECK (id = 1),
    state text NOT NULL CHECK (state IN ('normal', 'read_only', 'maintenance')),
    frozen boolean NOT NULL,
    reason text NOT NULL,
    expected_end timestamptz,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL
);

INSERT INTO maintenance_state (id, state, frozen, reason, updated_by, updated_at)
VALUES (1, 'normal', false, 'initial state', 'system', now())
ON CONFLICT (id) DO NOTHING;

-- began_at and ended_at are claimed by exactly one instance when the window starts and ends, so each
-- transition is audited once however many instances run
CREATE TABLE IF NOT EXISTS maintenance_window (
    id bigserial PRIMARY KEY,
    state text NOT NULL CHECK (state IN ('read_only', 'maintenance')),
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    reason text NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    began_at timestamptz,
    ended_at timestamptz,
    CHECK (ends_at > starts_at)
);

CREATE INDEX IF NOT EXISTS maintenance_window_open_idx ON maintenance_window (starts_at) WHERE ended_at IS NULL;

-- downgrade
DROP TABLE IF EXISTS maintenance_window;
DROP TABLE IF EXISTS maintenance_state;
