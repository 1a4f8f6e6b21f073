/**
 * Versioned schema shared by PGlite and the PostgreSQL server. Append a new entry to change the
 * schema; never edit one that has shipped. Applied at start-up by {@link migrate}.
 *
 * Ordering of the global log (see docs/architecture.md): each row records the id of the
 * transaction that wrote it (`transaction_id xid8`). Readers order by (transaction_id,
 * global_position) and only return rows of transactions older than the oldest one still running,
 * so a transaction that commits late can never land behind a position a reader already passed.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'events, streams and the append function',
    sql: `
      CREATE TABLE pj_streams (
        stream_id text PRIMARY KEY,
        revision  bigint NOT NULL
      );

      CREATE TABLE pj_events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text NOT NULL,
        stream_revision bigint NOT NULL,
        event_id        uuid NOT NULL UNIQUE,
        event_type      text NOT NULL,
        -- json, not jsonb: keeps the payload exactly as written (key order, \\u0000 escapes),
        -- which the tamper-evidence hash relies on.
        data            json NOT NULL,
        metadata        json NOT NULL,
        stored_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, stream_revision)
      );
      CREATE INDEX pj_events_log_order ON pj_events (transaction_id, global_position);

      -- Subscriber checkpoints (process manager, projections): a name and the last position handled.
      CREATE TABLE pj_checkpoints (
        subscriber_id text PRIMARY KEY,
        position      text NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      );

      -- One round trip per append. Returns the outcome instead of raising, so callers map it to
      -- typed errors without parsing messages. Payloads arrive as text and are only cast to json:
      -- PostgreSQL's json functions refuse \\u0000, the cast keeps it. p_expected: a revision >= 0, or -1 no stream,
      -- -2 any, -3 stream exists.
      CREATE FUNCTION pj_append_to_stream(
        p_stream_id text, p_expected bigint, p_ids uuid[], p_types text[], p_data text[], p_metadata text[])
      RETURNS TABLE (outcome text, revision bigint, commit_position text, prepare_position text)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_current bigint;
        v_count   int := cardinality(p_ids);
        v_found   int;
        v_same    boolean;
        v_in_order boolean;
        v_last    bigint;
      BEGIN
        SELECT s.revision INTO v_current FROM pj_streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
        IF NOT FOUND THEN
          v_current := -1;
        END IF;

        -- Idempotency, checked under the stream lock so concurrent retries see each other: the
        -- same ids, in the same stream, at consecutive revisions in the same order, mean a retry.
        SELECT count(*), coalesce(bool_and(ev.stream_id = p_stream_id), false),
               min(ev.stream_revision - ids.ord) = max(ev.stream_revision - ids.ord), max(ev.stream_revision)
          INTO v_found, v_same, v_in_order, v_last
          FROM unnest(p_ids) WITH ORDINALITY AS ids(id, ord)
          JOIN pj_events ev ON ev.event_id = ids.id;
        IF v_found > 0 THEN
          IF v_found = v_count AND v_same AND v_in_order THEN
            RETURN QUERY SELECT 'duplicate'::text, v_last, ev.transaction_id::text, ev.global_position::text
              FROM pj_events ev WHERE ev.stream_id = p_stream_id AND ev.stream_revision = v_last;
          ELSE
            RETURN QUERY SELECT 'idempotency_conflict'::text, v_current, NULL::text, NULL::text;
          END IF;
          RETURN;
        END IF;

        IF (p_expected >= 0 AND v_current <> p_expected)
           OR (p_expected = -1 AND v_current <> -1)
           OR (p_expected = -3 AND v_current = -1) THEN
          RETURN QUERY SELECT 'wrong_expected_revision'::text, v_current, NULL::text, NULL::text;
          RETURN;
        END IF;

        IF v_current = -1 THEN
          INSERT INTO pj_streams (stream_id, revision) VALUES (p_stream_id, -1) ON CONFLICT DO NOTHING;
          SELECT s.revision INTO v_current FROM pj_streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
          -- Another writer created the stream between our read and our insert.
          IF v_current <> -1 AND p_expected <> -2 AND p_expected <> -3 THEN
            RETURN QUERY SELECT 'wrong_expected_revision'::text, v_current, NULL::text, NULL::text;
            RETURN;
          END IF;
        END IF;

        INSERT INTO pj_events (stream_id, stream_revision, event_id, event_type, data, metadata)
        SELECT p_stream_id, v_current + t.ord, t.id, t.type, t.data::json, t.metadata::json
          FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS t(id, type, data, metadata, ord)
         ORDER BY t.ord;

        UPDATE pj_streams SET revision = v_current + v_count WHERE pj_streams.stream_id = p_stream_id;
        PERFORM pg_notify('pj_events', '');

        RETURN QUERY SELECT 'appended'::text, v_current + v_count, ev.transaction_id::text, ev.global_position::text
          FROM pj_events ev WHERE ev.stream_id = p_stream_id AND ev.stream_revision = v_current + v_count;
      END
      $fn$;
    `,
  },
  {
    version: 2,
    name: 'plan the append for each call',
    // A PL/pgSQL function caches generic plans; the one made while the events table was empty
    // scans the whole table for the idempotency check forever after (PGlite never re-analyses).
    // Planning per call uses the event_id index: at 20,000 events an append fell from ~7 to ~1.5 ms.
    sql: `ALTER FUNCTION pj_append_to_stream(text, bigint, uuid[], text[], text[], text[]) SET plan_cache_mode = force_custom_plan`,
  },
  {
    version: 3,
    name: 'one round trip per append: the caller names the head, the recorded batch is returned',
    // The caller names the exact head it hashed after (revision and hash, from the history it read):
    // the function checks both under the stream lock instead of the caller reading the head first,
    // and the insert returns the batch's positions, so nobody reads it back (hash-chain.ts). The
    // function it replaces stays for processes of the previous version during an upgrade.
    sql: `

      -- p_expected: the revision of the stream's last event the batch was hashed after (-1: no
      -- stream), p_head_hash that event's hash. Outcomes: 'appended' (one row per event: revision
      -- and position), 'duplicate' (the same ids recorded before: those events, whole),
      -- 'wrong_expected_revision' / 'idempotency_conflict' (one row: the head's revision and hash).
      CREATE FUNCTION pj_append_events(
        p_stream_id text, p_expected bigint, p_head_hash text,
        p_ids uuid[], p_types text[], p_data text[], p_metadata text[])
      RETURNS TABLE (outcome text, revision bigint, head_hash text, transaction_id text, global_position text,
                     event_type text, data json, metadata json)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_current  bigint := -1;
        v_head     text;
        v_count    int := cardinality(p_ids);
        v_found    int;
        v_same     boolean;
        v_in_order boolean;
        v_first    bigint;
      BEGIN
        SELECT s.revision INTO v_current FROM pj_streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
        IF NOT FOUND THEN v_current := -1; END IF;
        -- Twice at most: a second pass only when another writer created the stream meanwhile.
        FOR v_pass IN 1..2 LOOP
          -- Idempotency, under the stream lock so concurrent retries see each other: the same ids,
          -- in the same stream, at consecutive revisions in the same order, mean a retry.
          SELECT count(*), coalesce(bool_and(ev.stream_id = p_stream_id), false),
                 min(ev.stream_revision - ids.ord) = max(ev.stream_revision - ids.ord), min(ev.stream_revision)
            INTO v_found, v_same, v_in_order, v_first
            FROM unnest(p_ids) WITH ORDINALITY AS ids(id, ord)
            JOIN pj_events ev ON ev.event_id = ids.id;
          IF v_found > 0 THEN
            IF v_found = v_count AND v_same AND v_in_order THEN
              RETURN QUERY SELECT 'duplicate'::text, ev.stream_revision, NULL::text, ev.transaction_id::text,
                  ev.global_position::text, ev.event_type, ev.data, ev.metadata
                FROM pj_events ev WHERE ev.stream_id = p_stream_id
                 AND ev.stream_revision BETWEEN v_first AND v_first + v_count - 1
                ORDER BY ev.stream_revision;
            ELSE
              RETURN QUERY SELECT 'idempotency_conflict'::text, v_current, v_head, NULL::text, NULL::text,
                NULL::text, NULL::json, NULL::json;
            END IF;
            RETURN;
          END IF;

          IF v_current >= 0 THEN
            SELECT ev.metadata->>'hash' INTO v_head FROM pj_events ev
             WHERE ev.stream_id = p_stream_id AND ev.stream_revision = v_current;
          END IF;
          IF v_current <> p_expected OR v_head IS DISTINCT FROM p_head_hash THEN
            RETURN QUERY SELECT 'wrong_expected_revision'::text, v_current, v_head, NULL::text, NULL::text,
              NULL::text, NULL::json, NULL::json;
            RETURN;
          END IF;

          EXIT WHEN v_current >= 0;
          INSERT INTO pj_streams (stream_id, revision) VALUES (p_stream_id, -1) ON CONFLICT DO NOTHING;
          SELECT s.revision INTO v_current FROM pj_streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
          EXIT WHEN v_current = -1;
        END LOOP;

        UPDATE pj_streams s SET revision = v_current + v_count WHERE s.stream_id = p_stream_id;
        PERFORM pg_notify('pj_events', '');
        RETURN QUERY
          WITH inserted AS (
            INSERT INTO pj_events (stream_id, stream_revision, event_id, event_type, data, metadata)
            SELECT p_stream_id, v_current + t.ord, t.id, t.type, t.data::json, t.metadata::json
              FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS t(id, type, data, metadata, ord)
             ORDER BY t.ord
            RETURNING pj_events.stream_revision, pj_events.transaction_id, pj_events.global_position)
          SELECT 'appended'::text, i.stream_revision, NULL::text, i.transaction_id::text, i.global_position::text,
            NULL::text, NULL::json, NULL::json
            FROM inserted i ORDER BY i.stream_revision;
      END
      $fn$;
      -- Planned per call, like the function it replaces (migration 2).
      ALTER FUNCTION pj_append_events(text, bigint, text, uuid[], text[], text[], text[]) SET plan_cache_mode = force_custom_plan;
    `,
  },
];
