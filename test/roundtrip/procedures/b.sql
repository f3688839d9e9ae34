CREATE TABLE jobs (
    id integer PRIMARY KEY,
    state text NOT NULL DEFAULT 'queued'
);
CREATE PROCEDURE reset_jobs(INOUT n integer DEFAULT NULL)
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE jobs SET state = 'queued';
    GET DIAGNOSTICS n = ROW_COUNT;
END
$$;
CREATE PROCEDURE finish_job(job_id integer, final_state text DEFAULT 'done')
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO public, pg_temp
    AS $$
BEGIN
    UPDATE jobs SET state = final_state WHERE id = job_id;
    COMMIT;
END
$$;
CREATE PROCEDURE purge_jobs()
    LANGUAGE sql
    BEGIN ATOMIC
        DELETE FROM jobs WHERE state = 'done';
    END;
