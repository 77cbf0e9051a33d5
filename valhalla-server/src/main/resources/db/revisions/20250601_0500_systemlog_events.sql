-- id: 20250601_0500_systemlog_events
-- parents: 20250601_0200_governance_state
-- message: systemlog: application log events and error groups by fingerprint
-- transactional: yes
-- lock_timeout: 5s

-- upgrade
-- written in batches by one background writer; ids follow insertion order, so they page newest first
CREATE TABLE IF NOT EXISTS system_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    logged_at timestamptz NOT NULL,
    level text NOT NULL,
    logger text NOT NULL,
    thread text,
    message text NOT NULL,
    correlation_id text,
    trace_id text,
    span_id text,
    attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
    exception text,
    fingerprint text
);

CREATE INDEX IF NOT EXISTS system_log_logged_at_idx ON system_log (logged_at);
CREATE INDEX IF NOT EXISTS system_log_correlation_id_idx ON system_log (correlation_id);
CREATE INDEX IF NOT EXISTS system_log_level_id_idx ON system_log (level, id);

-- one row per fingerprint (logger, exception class, normalized message, first application frames)
CREATE TABLE IF NOT EXISTS system_error_group (
    fingerprint text PRIMARY KEY,
    logger text NOT NULL,
    exception_class text,
    message text NOT NULL,
    occurrences bigint NOT NULL,
    first_seen timestamptz NOT NULL,
    last_seen timestamptz NOT NULL,
    sample_message text NOT NULL,
    sample_exception text,
    sample_correlation_id text
);

CREATE INDEX IF NOT EXISTS system_error_group_last_seen_idx ON system_error_group (last_seen);

-- downgrade
DROP TABLE IF EXISTS system_error_group;
DROP TABLE IF EXISTS system_log;
