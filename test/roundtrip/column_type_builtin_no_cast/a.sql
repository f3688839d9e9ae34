CREATE TABLE events (
    id bigint PRIMARY KEY,
    ref uuid,
    payload bigint,
    flag boolean,
    at timestamp with time zone
);
