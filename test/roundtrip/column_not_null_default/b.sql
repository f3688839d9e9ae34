CREATE SEQUENCE ticket_numbers;

CREATE TABLE tickets (
    id integer,
    number integer NOT NULL DEFAULT nextval('ticket_numbers'),
    title text NOT NULL DEFAULT 'untitled',
    status text NOT NULL DEFAULT 'new',
    opened_on date DEFAULT (CURRENT_DATE - 1),
    priority integer,
    escalated boolean NOT NULL DEFAULT (1 = 0)
);
