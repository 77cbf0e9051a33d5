-- id: 20250601_0510_tracing_spans
-- parents: 20250601_0500_systemlog_events
-- message: tracing: sampled request and SQL spans by W3C trace id
-- transactional: yes
-- lock_timeout: 5s

-- upgrade
CREATE TABLE IF NOT EXISTS trace_span (
    trace_id text NOT NULL,
    span_id text NOT NULL,
    parent_span_id text,
    name text NOT NULL,
    kind text NOT NULL,
    started_at timestamptz NOT NULL,
    duration_us bigint NOT NULL,
    status text NOT NULL,
    attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (trace_id, span_id)
);

CREATE INDEX IF NOT EXISTS trace_span_started_at_idx ON trace_span (started_at);

-- downgrade
DROP TABLE IF EXISTS trace_span;
