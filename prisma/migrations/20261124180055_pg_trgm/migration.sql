-- Trigram search (subscribers, customers): hand-written, the schema diff does not manage extensions.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
