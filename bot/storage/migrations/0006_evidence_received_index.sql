-- 0006: the per-person hourly limits on incoming evidence (issue 11) count the person's
-- submission_files of the last hour before every download; this index keeps that a range
-- over the last hour's rows instead of a scan of every file ever received.
CREATE INDEX submission_files_by_received ON submission_files (received_at);
