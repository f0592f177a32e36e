// @generated automatically by Diesel CLI.

diesel::table! {
    /// An analyst's role at an organization over a period: "President, Scarab Rising, Inc.". Periods of the same analyst, organization and title never overlap (affiliations_no_overlap); affiliations_on(day) lists those held on a day.
    affiliations (id) {
        /// Surrogate key.
        id -> Int8,
        /// The analyst; deleting the analyst deletes their affiliations.
        analyst_id -> Int8,
        /// The organization; an organization with affiliations cannot be deleted.
        organization_id -> Int8,
        /// Role or title at the organization ("President"), if known.
        title -> Nullable<Text>,
        /// First day of the affiliation (included). NULL: open, no known start; the affiliation counts as held on every day up to valid_until.
        valid_from -> Nullable<Date>,
        /// Last day of the affiliation (included). NULL: open, no known end (current, or the end is unknown); the affiliation counts as held on every day from valid_from on.
        valid_until -> Nullable<Date>,
        /// When the row was recorded.
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// Anyone who makes claims or records verdicts: a named person, an organization, an anonymous group ("US officials") or an unattributed voice ("some believe").
    analysts (id) {
        /// Surrogate key.
        id -> Int8,
        /// Display name and natural key (unique): "Irina Tsukerman", "US officials". Two people with one name are told apart by a suffix, e.g. "John Smith (BBC)".
        name -> Text,
        /// person, organization, group (an anonymous collective such as "US officials") or unattributed (a voice with no speaker, such as "some believe").
        kind -> Text,
        /// Free text: who this is, as the sources describe them ("geopolitical analyst").
        description -> Nullable<Text>,
        /// When the row was recorded.
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// A claim as it appears in one source: the verbatim text and how the source attributes it.
    appearances (id) {
        /// Surrogate key; the APPEARANCE argument of `--via`.
        id -> Int8,
        /// The claim; deleting a claim deletes its appearances.
        claim_id -> Int8,
        /// The source it appears in; a source with appearances cannot be deleted.
        source_id -> Int8,
        /// The passage exactly as the source prints it (verbatim, even for a paraphrase).
        quote -> Text,
        /// direct (a direct quote), paraphrase (the source restates the analyst), reported (the source relays what the analyst told someone else) or unattributed (no speaker named).
        attribution -> Text,
        /// For reported speech: the appearance this one relays (outlet B reporting what officials told outlet A).
        via_appearance_id -> Nullable<Int8>,
        /// When the row was recorded.
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// Every UPDATE and DELETE of analysts, affiliations, organizations, sources, claims, appearances, claim_links, tags and claim_tags: the row before and after. Append-only, written by triggers only.
    audit_log (id) {
        /// Surrogate key; orders changes made in one transaction.
        id -> Int8,
        /// The table changed.
        table_name -> Text,
        /// The primary key of the changed row, e.g. {"id": 12} or {"claim_id": 3, "tag_id": 7}.
        row_key -> Jsonb,
        /// The claim the change concerns, when there is one (a claim, its appearances, links from it, its tags): serves `claims history CLAIM`. Not a foreign key: a deleted claim keeps its history.
        claim_id -> Nullable<Int8>,
        /// UPDATE or DELETE.
        operation -> Text,
        /// The row before the change, as jsonb.
        old_row -> Jsonb,
        /// The row after an UPDATE; NULL for a DELETE.
        new_row -> Nullable<Jsonb>,
        /// Who changed it: the CLI user (claims --actor, CLAIMS_ACTOR, else the OS user), passed as the transaction setting claims.actor; else the database session user.
        actor -> Text,
        /// The database login that made the change (session_user), whatever claims.actor says.
        database_user -> Text,
        /// When the changing transaction started.
        changed_at -> Timestamptz,
    }
}

diesel::table! {
    /// Typed relations between claims, read as "from_claim relation to_claim": claim 7 denies claim 6.
    claim_links (id) {
        /// Surrogate key.
        id -> Int8,
        /// The claim that supports, contradicts, denies, duplicates, refines or supersedes.
        from_claim_id -> Int8,
        /// supports, contradicts, denies (an explicit rebuttal by an involved party), duplicates, refines or supersedes.
        relation -> Text,
        /// The claim it is said of. Never the same as from_claim_id; one link per (from, relation, to).
        to_claim_id -> Int8,
        /// Why the link holds, free text.
        note -> Nullable<Text>,
        /// When the row was recorded.
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// Which tags are attached to which claims.
    claim_tags (claim_id, tag_id) {
        /// The claim; deleting it removes its tags.
        claim_id -> Int8,
        /// The tag; deleting it removes it from every claim.
        tag_id -> Int8,
        /// When the tag was attached.
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// One checkable proposition, written as a neutral sentence, made by one analyst. How it was worded in each source is in appearances.
    claims (id) {
        /// Surrogate key; the CLAIM argument of the CLI.
        id -> Int8,
        /// Who made the claim. An analyst with claims cannot be deleted.
        analyst_id -> Int8,
        /// The proposition as a neutral sentence (1..2000 characters); unique per analyst, so the same analyst saying the same thing in another source is another appearance of one claim.
        statement -> Text,
        /// fact (about the present or past), prediction (about the future; may carry expected_by) or assessment (a judgement or estimate).
        kind -> Text,
        /// Day the claim was made, if known (often the publication day of the first source).
        made_at -> Nullable<Date>,
        /// Predictions only: the last day by which the prediction should come true, stated or implied ("within days").
        expected_by -> Nullable<Date>,
        /// Stated or inferred probability that the claim is true, 0..1; NULL when none was given.
        probability -> Nullable<Float8>,
        /// Current status: the status of the latest verification (latest effective_at, then latest recorded_at, then highest id), or 'unverified'. Kept by the verifications trigger; cannot be set directly.
        status -> Text,
        /// When the row was recorded.
        created_at -> Timestamptz,
        /// When the claim was retracted (withdrawn as recorded in error); NULL while it stands. Retracted claims are kept, and hidden from reports and views.
        retracted_at -> Nullable<Timestamptz>,
        /// Why it was retracted; set exactly when retracted_at is.
        retraction_reason -> Nullable<Text>,
        /// The estimative words the claim was made with ("unlikely"), kept beside the probability they gave (from hedge_terms at the time; later changes to the lexicon do not rewrite claims).
        hedge -> Nullable<Text>,
        /// Who recorded the claim: the CLI user (claims --actor, CLAIMS_ACTOR, else the OS user, passed as the transaction setting claims.actor), else the database session user; NULL for claims recorded before this was kept. Shown on the recorded line of claims history.
        created_by -> Nullable<Text>,
        /// Language of the statement, a BCP 47 tag with the primary subtag lower-case ("en", "fr", "pt-BR", "und" when undetermined); defaults to ledger_settings.default_language. text_search_config(language) picks its full-text dictionary.
        language -> Text,
    }
}

diesel::table! {
    /// The hedge lexicon: estimative words and the probability each stands for, with where the mapping comes from. Seeded with Sherman Kent's Words of Estimative Probability (1964); extended with claims lexicon add.
    hedge_terms (id) {
        /// Surrogate key.
        id -> Int8,
        /// The words, lower-case and trimmed: "almost certain", "unlikely".
        phrase -> Text,
        /// The probability the phrase stands for, 0..1.
        probability -> Float8,
        /// Where the mapping comes from (a publication, or who decided it and why).
        source -> Text,
        /// When the row was recorded.
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// Settings of the whole ledger: exactly one row.
    ledger_settings (singleton) {
        /// Always true: the key that keeps the table to one row.
        singleton -> Bool,
        /// Language (BCP 47 tag, primary subtag lower-case: "en", "pt-BR") given to claims recorded without one. Changing it does not change claims already recorded.
        default_language -> Text,
    }
}

diesel::table! {
    /// Companies, agencies, think tanks, governments and outlets that analysts are affiliated with.
    organizations (id) {
        /// Surrogate key.
        id -> Int8,
        /// Name as written by the organization itself, e.g. "Scarab Rising, Inc."; unique.
        name -> Text,
        /// Free text: what the organization is.
        description -> Nullable<Text>,
        /// When the row was recorded.
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// Documents in which claims appear: articles, reports, transcripts, posts, statements.
    sources (id) {
        /// Surrogate key.
        id -> Int8,
        /// Canonical URL, normalized by the CLI (lower-case scheme and host, no default port, no fragment); unique when present, NULL for copies with no URL.
        url -> Nullable<Text>,
        /// Title or headline as published.
        title -> Text,
        /// article, report, transcript, post, statement or other.
        kind -> Text,
        /// Outlet or publisher, if the source names one.
        publisher -> Nullable<Text>,
        /// Byline, if the source gives one.
        author -> Nullable<Text>,
        /// Day of publication, if known.
        published_on -> Nullable<Date>,
        /// When the copy the claims were taken from was retrieved, if known.
        retrieved_at -> Nullable<Timestamptz>,
        /// URL of an archived copy (e.g. a web archive snapshot), if any.
        archived_url -> Nullable<Text>,
        /// When the row was recorded.
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// Topic labels and named entities (Putin, Vladivostok) attached to claims.
    tags (id) {
        /// Surrogate key.
        id -> Int8,
        /// The label; unique.
        name -> Text,
        /// topic, person, organization, place, event or other.
        kind -> Text,
        /// When the row was recorded.
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// The status vocabulary and its mapping to ClaimReview (schema.org, bestRating 5, worstRating 1) and to the ClaimsKG normalized rating.
    verdict_statuses (status) {
        /// Code used in claims.status and verifications.status, and by `claims verify --status`.
        status -> Text,
        /// Human-readable label.
        label -> Text,
        /// ClaimReview reviewRating.ratingValue, 1 (false) .. 5 (true); NULL where no numeric rating applies (unverifiable, unverified).
        rating_value -> Nullable<Int4>,
        /// ClaimReview reviewRating.alternateName: the rating in words.
        alternate_name -> Text,
        /// ClaimsKG normalized rating: TRUE, MIXTURE, FALSE or OTHER.
        claimskg_rating -> Text,
        /// True for statuses a verification can record; false for the implicit 'unverified'.
        is_verdict -> Bool,
        /// When to use this status.
        description -> Text,
        /// How right a claim with this status was, 0..1: confirmed 1, mostly_true 0.75, mixed 0.5, misleading 0.25, refuted 0. NULL for statuses that settle nothing (unverifiable, unverified). See claim_accuracy(); the Brier score compares a claim's probability with this weight.
        accuracy_weight -> Nullable<Float8>,
    }
}

diesel::table! {
    /// Verdicts: what a reviewer concluded about a claim, when, on what evidence. Append-only: UPDATE, DELETE and TRUNCATE are refused; a correction is a new verdict.
    verifications (id) {
        /// Surrogate key; also breaks ties between verdicts with equal effective_at and recorded_at.
        id -> Int8,
        /// The claim judged. A claim with verdicts cannot be deleted.
        claim_id -> Int8,
        /// The verdict (verdict_statuses.status, never 'unverified').
        status -> Text,
        /// The source that settles it. Every verdict has evidence: this source, a note, or both.
        evidence_source_id -> Nullable<Int8>,
        /// The reasoning or evidence in words.
        note -> Nullable<Text>,
        /// Who reached the verdict, if recorded.
        recorded_by_analyst_id -> Nullable<Int8>,
        /// When the outcome became known (e.g. the day the summit took place); never after recorded_at. The latest verdict is the one with the latest effective_at.
        effective_at -> Timestamptz,
        /// When the verdict was entered; breaks ties between equal effective_at.
        recorded_at -> Timestamptz,
    }
}

diesel::joinable!(affiliations -> analysts (analyst_id));
diesel::joinable!(affiliations -> organizations (organization_id));
diesel::joinable!(appearances -> claims (claim_id));
diesel::joinable!(appearances -> sources (source_id));
diesel::joinable!(claim_tags -> claims (claim_id));
diesel::joinable!(claim_tags -> tags (tag_id));
diesel::joinable!(claims -> analysts (analyst_id));
diesel::joinable!(claims -> verdict_statuses (status));
diesel::joinable!(verifications -> analysts (recorded_by_analyst_id));
diesel::joinable!(verifications -> claims (claim_id));
diesel::joinable!(verifications -> sources (evidence_source_id));
diesel::joinable!(verifications -> verdict_statuses (status));

diesel::allow_tables_to_appear_in_same_query!(
    affiliations,
    analysts,
    appearances,
    audit_log,
    claim_links,
    claim_tags,
    claims,
    hedge_terms,
    ledger_settings,
    organizations,
    sources,
    tags,
    verdict_statuses,
    verifications,
);
