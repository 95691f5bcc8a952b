-- reserved for the statements capability (filled in by its issue)
SELECT 1;
