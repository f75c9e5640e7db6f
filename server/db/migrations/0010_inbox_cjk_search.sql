-- Chinese and Japanese (and Thai, Lao, Khmer, Burmese) are written without spaces, so the text-search
-- parser takes a whole phrase as one word and the index could find a report only by its entire
-- sentence. This rewrites each run of those scripts as its overlapping character pairs ("讽刺内容" ->
-- "讽刺 刺内 内容"), for the stored document and for queries alike (server/inbox-query.ts), so part of
-- a sentence is found through the GIN index. A run of one character stays as it is. The character
-- ranges are the ones server/inbox-text.ts names; keep the two equal.
CREATE FUNCTION "qa_lens_search_words"(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(
    CASE
      WHEN p.part !~ '^[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]'
        OR char_length(p.part) = 1 THEN p.part
      ELSE (SELECT string_agg(substr(p.part, i, 2), ' ' ORDER BY i) FROM generate_series(1, char_length(p.part) - 1) AS i)
    END, ' ' ORDER BY m.n), '')
  FROM regexp_matches(
    input,
    '[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+|[^\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+',
    'g'
  ) WITH ORDINALITY AS m(parts, n),
  LATERAL (SELECT m.parts[1] AS part) AS p
$$;--> statement-breakpoint
ALTER TABLE "gap_reports" DROP COLUMN "search";--> statement-breakpoint
ALTER TABLE "gap_reports" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, qa_lens_search_words(coalesce("note", '') || ' ' || coalesce("context"->>'selection', '') || ' ' || coalesce("context"#>>'{guideline,heading}', '') || ' ' || coalesce("context"->>'pageTitle', '')))) STORED NOT NULL;--> statement-breakpoint
-- Dropping the column dropped its index.
CREATE INDEX "gap_reports_search_idx" ON "gap_reports" USING gin ("search");
