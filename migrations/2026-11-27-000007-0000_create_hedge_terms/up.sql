-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- Hedge words → probabilities, so claims worded "almost certainly" or "unlikely"
-- get a probability and can be scored; and "what did we know on a day".

CREATE TABLE hedge_terms (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phrase text NOT NULL,
    probability double precision NOT NULL,
    source text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT hedge_terms_phrase_format CHECK (phrase = lower(btrim(phrase)) AND phrase <> ''),
    CONSTRAINT hedge_terms_probability_range CHECK (probability BETWEEN 0 AND 1),
    CONSTRAINT hedge_terms_source_not_blank CHECK (btrim(source) <> ''),
    CONSTRAINT hedge_terms_phrase_key UNIQUE (phrase)
);
COMMENT ON TABLE hedge_terms IS 'The hedge lexicon: estimative words and the probability each stands for, with where the mapping comes from. Seeded with Sherman Kent''s Words of Estimative Probability (1964); extended with claims lexicon add.';
COMMENT ON COLUMN hedge_terms.id IS 'Surrogate key.';
COMMENT ON COLUMN hedge_terms.phrase IS 'The words, lower-case and trimmed: "almost certain", "unlikely".';
COMMENT ON COLUMN hedge_terms.probability IS 'The probability the phrase stands for, 0..1.';
COMMENT ON COLUMN hedge_terms.source IS 'Where the mapping comes from (a publication, or who decided it and why).';
COMMENT ON COLUMN hedge_terms.created_at IS 'When the row was recorded.';

INSERT INTO hedge_terms (phrase, probability, source) VALUES
    ('certain',               1.00, 'Sherman Kent, "Words of Estimative Probability", Studies in Intelligence 8(4), 1964: certainty, 100%'),
    ('almost certain',        0.93, 'Sherman Kent, "Words of Estimative Probability", 1964: 93% give or take about 6%'),
    ('probable',              0.75, 'Sherman Kent, "Words of Estimative Probability", 1964: 75% give or take about 12%'),
    ('chances about even',    0.50, 'Sherman Kent, "Words of Estimative Probability", 1964: 50% give or take about 10%'),
    ('probably not',          0.30, 'Sherman Kent, "Words of Estimative Probability", 1964: 30% give or take about 10%'),
    ('almost certainly not',  0.07, 'Sherman Kent, "Words of Estimative Probability", 1964: 7% give or take about 5%'),
    ('impossible',            0.00, 'Sherman Kent, "Words of Estimative Probability", 1964: impossibility, 0%'),
    ('likely',                0.75, 'Sherman Kent, 1964: listed with "probable" (we believe, we estimate, likely)'),
    ('unlikely',              0.30, 'Sherman Kent, 1964: listed with "probably not" (we believe that … not, unlikely)'),
    ('highly likely',         0.93, 'Sherman Kent, 1964: listed with "almost certain" (virtually certain, highly probable)'),
    ('highly doubtful',       0.07, 'Sherman Kent, 1964: listed with "almost certainly not" (virtually impossible, some slight chance)'),
    ('unrealistic',           0.07, 'claims seed reading: "seems unrealistic" taken as Kent''s "almost certainly not" (7%), the category of "highly doubtful"');

CREATE TRIGGER hedge_terms_audit AFTER UPDATE OR DELETE ON hedge_terms FOR EACH ROW EXECUTE FUNCTION audit_record();
GRANT SELECT ON hedge_terms TO claims_reader, claims_writer;
GRANT INSERT, UPDATE, DELETE ON hedge_terms TO claims_writer;

ALTER TABLE claims ADD COLUMN hedge text;
COMMENT ON COLUMN claims.hedge IS 'The estimative words the claim was made with ("unlikely"), kept beside the probability they gave (from hedge_terms at the time; later changes to the lexicon do not rewrite claims).';

CREATE FUNCTION claim_status_as_of(claim bigint, at timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT v.status FROM verifications v
          WHERE v.claim_id = claim AND v.effective_at <= at AND v.recorded_at <= at
          ORDER BY v.effective_at DESC, v.recorded_at DESC, v.id DESC
          LIMIT 1),
        'unverified')
$$;
COMMENT ON FUNCTION claim_status_as_of(bigint, timestamptz) IS 'What we knew at a moment: the status of the claim''s latest verdict that had both taken effect and been recorded by then, else ''unverified''. claims --as-of DATE asks it for the end of that day (UTC).';
