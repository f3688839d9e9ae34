-- test/model_cases/range_type_used_by_exclusion/public.sql: the model of schema public: the statements of
-- test/roundtrip/range_type_used_by_exclusion/b.sql that define its objects, its own qualification left out.
CREATE TABLE booking (room int, during tstzrange,
  CONSTRAINT booking_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));
