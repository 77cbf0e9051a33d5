-- id: 007_hidden
-- upgrade
SELECT 7;
