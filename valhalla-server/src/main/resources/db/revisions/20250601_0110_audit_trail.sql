-- id: 20250601_0110_audit_trail
-- parents: 20250601_0100_keys_api_clients_and_keys
-- message: audit: hash-chained audit trail and its chain head
-- transactional: yes
-- lock_timeout: 5s

-- upgrade
-- ids are assigned under the chain head's row lock, so they are gapless and a deleted row shows
CREATE TABLE IF NOT EXISTS audit_entry (
    id bigint PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    target_type text NOT NULL,
    target_id text NOT NULL,
    before_state jsonb,
    after_state jsonb,
    reason text,
    correlation_id text,
    previous_hash text NOT NULL,
    row_hash text NOT NULL
);

CREATE INDEX IF NOT EXISTS audit_entry_occurred_at_idx ON audit_entry (occurred_at);
CREATE INDEX IF NOT EXISTS audit_entry_target_idx ON audit_entry (target_type, target_id);

-- one row: the last entry's id and hash; locked FOR UPDATE by every writer, so the chain never forks
CREATE TABLE IF NOT EXISTS audit_chain_head (
    id bigint PRIMARY KEY CHECK (id = 1),
    last_entry_id bigint NOT NULL,
    last_hash text NOT NULL
);

INSERT INTO audit_chain_head (id, last_entry_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
ON CONFLICT (id) DO NOTHING;

-- downgrade
DROP TABLE IF EXISTS audit_chain_head;
DROP TABLE IF EXISTS audit_entry;
