-- id: 20250601_0300_security_blocklist_and_honeypots
-- parents: 20250601_0200_governance_state
-- message: security: policies, blocklist rules, offenders, honeypots and their hits
-- transactional: yes
-- lock_timeout: 5s

-- upgrade
CREATE TABLE IF NOT EXISTS security_policy (
    id bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    description text NOT NULL DEFAULT '',
    enabled boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    updated_at timestamptz NOT NULL
);

-- value is validated by the server per kind (address literal, CIDR, key id, client id, regex, path prefix)
CREATE TABLE IF NOT EXISTS security_rule (
    id bigserial PRIMARY KEY,
    policy_id bigint NOT NULL REFERENCES security_policy (id) ON DELETE CASCADE,
    kind text NOT NULL,
    value text NOT NULL,
    reason text NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    expires_at timestamptz,
    hit_count bigint NOT NULL DEFAULT 0,
    last_hit_at timestamptz,
    CONSTRAINT security_rule_kind CHECK (kind IN ('ip', 'cidr', 'api_key', 'client', 'user_agent', 'path_prefix'))
);

CREATE INDEX IF NOT EXISTS security_rule_policy_idx ON security_rule (policy_id);

-- blocked requests per client address, flushed from memory in batches
CREATE TABLE IF NOT EXISTS security_offender (
    address text PRIMARY KEY,
    blocked_count bigint NOT NULL,
    last_blocked_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS security_honeypot (
    id bigserial PRIMARY KEY,
    method text NOT NULL,
    path text NOT NULL,
    description text NOT NULL DEFAULT '',
    enabled boolean NOT NULL DEFAULT true,
    block_threshold integer NOT NULL,
    window_seconds integer NOT NULL,
    block_seconds integer NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    CONSTRAINT security_honeypot_unique UNIQUE (method, path),
    CONSTRAINT security_honeypot_numbers CHECK (block_threshold >= 0 AND window_seconds > 0 AND block_seconds > 0)
);

CREATE TABLE IF NOT EXISTS security_honeypot_hit (
    id bigserial PRIMARY KEY,
    honeypot_id bigint NOT NULL REFERENCES security_honeypot (id) ON DELETE CASCADE,
    occurred_at timestamptz NOT NULL,
    address text NOT NULL,
    method text NOT NULL,
    path text NOT NULL,
    user_agent text,
    headers jsonb NOT NULL DEFAULT '{}'::jsonb,
    correlation_id text
);

CREATE INDEX IF NOT EXISTS security_honeypot_hit_source_idx ON security_honeypot_hit (honeypot_id, address, occurred_at);
CREATE INDEX IF NOT EXISTS security_honeypot_hit_time_idx ON security_honeypot_hit (occurred_at);

-- the policy honeypots add their automatic blocks to
INSERT INTO security_policy (name, description, enabled, created_at, created_by, updated_at)
VALUES ('honeypot', 'Sources blocked automatically after hitting honeypots', true, now(), 'system', now())
ON CONFLICT (name) DO NOTHING;

-- downgrade
DROP TABLE IF EXISTS security_honeypot_hit;
DROP TABLE IF EXISTS security_honeypot;
DROP TABLE IF EXISTS security_offender;
DROP TABLE IF EXISTS security_rule;
DROP TABLE IF EXISTS security_policy;
