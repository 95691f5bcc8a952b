-- reserved for the web capability (filled in by its issue)
SELECT 1;
