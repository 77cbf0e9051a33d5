-- id: 20250601_0400_ratelimit_policies_and_buckets
-- parents: 20250601_0200_governance_state
-- message: ratelimit: rate-limit and quota policies, cluster-mode token buckets, quota usage counters
-- transactional: yes
-- lock_timeout: 5s

-- upgrade
-- a policy applies to the routes of its group (path prefix of the route template, optionally only
-- writes or reads, optionally only routes requiring one scope); version grows on every update so
-- buckets built for an older version start afresh
CREATE TABLE IF NOT EXISTS rate_limit_policy (
    name text PRIMARY KEY,
    algorithm text NOT NULL CHECK (algorithm IN ('token_bucket', 'fixed_window', 'daily_quota', 'monthly_quota')),
    limit_count bigint NOT NULL CHECK (limit_count > 0),
    window_seconds bigint CHECK (window_seconds > 0),
    key_by text NOT NULL CHECK (key_by IN ('ip', 'api_key', 'client')),
    path_prefix text NOT NULL,
    writes boolean,
    scope text CHECK (scope IN ('public', 'read', 'write', 'admin')),
    enabled boolean NOT NULL DEFAULT true,
    description text NOT NULL DEFAULT '',
    version bigint NOT NULL DEFAULT 1,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

-- cluster mode: one row per (policy, subject); a single INSERT … ON CONFLICT DO UPDATE … RETURNING
-- refills and takes a token atomically under the row lock
CREATE TABLE IF NOT EXISTS rate_limit_bucket (
    policy_name text NOT NULL,
    subject text NOT NULL,
    policy_version bigint NOT NULL,
    tokens double precision NOT NULL,
    refilled_at_ms bigint NOT NULL,
    consumed boolean NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (policy_name, subject)
);

CREATE INDEX IF NOT EXISTS rate_limit_bucket_expires_at_idx ON rate_limit_bucket (expires_at);

-- daily and monthly quotas, counted in every mode: one row per (policy, subject, period)
CREATE TABLE IF NOT EXISTS rate_limit_quota_usage (
    policy_name text NOT NULL,
    subject text NOT NULL,
    period_start timestamptz NOT NULL,
    used bigint NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (policy_name, subject, period_start)
);

CREATE INDEX IF NOT EXISTS rate_limit_quota_usage_expires_at_idx ON rate_limit_quota_usage (expires_at);

-- downgrade
DROP TABLE IF EXISTS rate_limit_quota_usage;
DROP TABLE IF EXISTS rate_limit_bucket;
DROP TABLE IF EXISTS rate_limit_policy;
