-- id: 20250601_0900_merge_feature_branches
-- parents: 20250601_0300_security_blocklist_and_honeypots, 20250601_0410_maintenance_state_and_windows, 20250601_0510_tracing_spans, 20250601_0700_flags_definitions_and_metrics
-- message: merge: joins the security, rate-limit, system-log and configuration branches into one head
-- transactional: yes

-- upgrade

-- downgrade
