-- id: a
-- parents: b
-- message: part of a cycle

-- upgrade
SELECT 1;

-- downgrade
SELECT 1;
