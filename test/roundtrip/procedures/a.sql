CREATE TABLE jobs (
    id integer PRIMARY KEY,
    state text NOT NULL DEFAULT 'queued'
);
CREATE PROCEDURE reset_jobs()
    LANGUAGE sql
    AS $$UPDATE jobs SET state = 'queued'$$;
CREATE PROCEDURE finish_job(job_id integer)
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE jobs SET state = 'done' WHERE id = job_id;
END
$$;
