-- reserved for the journal capability (filled in by its issue)
SELECT 1;
