CREATE SEQUENCE ticket_numbers;

CREATE TABLE tickets (
    id integer NOT NULL,
    number integer DEFAULT nextval('ticket_numbers'),
    title text,
    status text DEFAULT 'open',
    opened_on date DEFAULT CURRENT_DATE,
    priority integer NOT NULL DEFAULT 3,
    escalated boolean
);
