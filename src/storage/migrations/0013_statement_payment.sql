-- What a statement asks of its PI (issue 19), recorded as issued so the email says what the
-- PDF says even when the config changes later: JSON {issuedOn, dueOn, dueDays, terms, timezone,
-- dispute, chargedTo}; NULL on statements issued before.

ALTER TABLE statements ADD COLUMN payment TEXT;
