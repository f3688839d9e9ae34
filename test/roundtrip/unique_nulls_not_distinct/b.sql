CREATE TABLE subscriptions (
    id integer PRIMARY KEY,
    user_id integer NOT NULL,
    plan text,
    CONSTRAINT subscriptions_user_plan_key UNIQUE NULLS NOT DISTINCT (user_id, plan)
);
CREATE UNIQUE INDEX subscriptions_plan_idx ON subscriptions (plan) NULLS NOT DISTINCT;
