-- When each account last signed in, and the time before: the dashboard shows what changed since
-- the user's previous visit.
ALTER TABLE users ADD COLUMN last_login_at TEXT;
ALTER TABLE users ADD COLUMN previous_login_at TEXT;
