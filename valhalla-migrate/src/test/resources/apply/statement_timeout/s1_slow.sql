-- id: s1_slow
-- message: a statement slower than its revision allows
-- statement_timeout: 100ms

-- upgrade
SELECT pg_sleep(30);

-- downgrade
SELECT 1;
