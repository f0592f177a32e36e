//! `claims add analyst|source|claim`.

use diesel::PgConnection;

use crate::cli::{AddAnalystOpts, AddClaimOpts, AddCommand, AddSourceOpts};
use crate::connection::Target;
use crate::error::{Error, Result};
use crate::input::{non_blank, parse_optional_date, parse_probability, parse_timestamp};
use crate::models::analyst::parse_affiliation;
use crate::models::hedge_term::{normalize_phrase, HedgeTerm};
use crate::models::source::normalize_url;
use crate::models::tag::NewTag;
use crate::models::{
    parse_id, Analyst, Appearance, Claim, ClaimKind, NewAnalyst, NewAppearance, NewClaim,
    NewSource, Source, SourceKind, Tag, TagKind,
};
use crate::output::{note, print_created};

/// How `add claim` spells a claim's fields in messages.
const CLAIM_FLAGS: &[(&str, &str)] = &[
    ("statement", "STATEMENT"),
    ("made_at", "--made"),
    ("expected_by", "--expected-by"),
    ("probability", "--probability"),
];

pub fn run(cmd: AddCommand, target: &Target) -> Result<()> {
    match cmd {
        AddCommand::Analyst(opts) => analyst(opts, target),
        AddCommand::Source(opts) => source(opts, target),
        AddCommand::Claim(opts) => claim(opts, target),
    }
}

fn analyst(opts: AddAnalystOpts, target: &Target) -> Result<()> {
    let name = opts.name.trim();
    if name.is_empty() {
        return Err(Error::invalid("NAME is empty: give the analyst's name"));
    }
    let affiliations = opts
        .affiliation
        .iter()
        .map(|a| parse_affiliation(a))
        .collect::<Result<Vec<_>>>()?;
    let mut conn = target.connect()?;
    let id = target.write(&mut conn, |conn| {
        if let Some(existing) = Analyst::find_by_name(conn, name)? {
            return Err(Error::Conflict(format!(
                "an analyst named '{name}' already exists (id {}); tell namesakes apart with a suffix, e.g. \"{name} (outlet)\"",
                existing.id
            )));
        }
        let analyst = Analyst::insert(
            conn,
            &NewAnalyst {
                name,
                kind: opts.kind,
                description: non_blank(opts.description.as_deref()),
            },
        )?;
        for (title, org) in &affiliations {
            if Analyst::affiliate(conn, analyst.id, org, *title, None, None)? {
                note(format!("created organization '{org}'"));
            }
        }
        Ok(analyst.id)
    })?;
    print_created(opts.format.format, id)
}

fn source(opts: AddSourceOpts, target: &Target) -> Result<()> {
    let title = opts.title.trim();
    if title.is_empty() {
        return Err(Error::invalid(
            "--title is empty: give the document's title",
        ));
    }
    let url = opts
        .url
        .as_deref()
        .map(|u| normalize_url(u, "URL"))
        .transpose()?;
    let archived = opts
        .archived
        .as_deref()
        .map(|u| normalize_url(u, "--archived"))
        .transpose()?;
    let published_on = parse_optional_date(opts.published.as_deref(), "--published")?;
    let retrieved_at = opts
        .retrieved
        .as_deref()
        .map(|r| parse_timestamp(r, "--retrieved"))
        .transpose()?;
    let mut conn = target.connect()?;
    let id = target.write(&mut conn, |conn| {
        if let Some(u) = &url {
            if let Some(existing) = Source::find_by_url(conn, u)? {
                return Err(Error::Conflict(format!(
                    "a source with URL {u} already exists (id {}): refer to it as --source {}",
                    existing.id, existing.id
                )));
            }
        }
        let new = NewSource {
            url: url.as_deref(),
            title,
            kind: opts.kind,
            publisher: non_blank(opts.publisher.as_deref()),
            author: non_blank(opts.author.as_deref()),
            published_on,
            retrieved_at,
            archived_url: archived.as_deref(),
        };
        if url.is_none() {
            if let Some(existing) = Source::find_without_url(conn, &new)? {
                return Err(Error::Conflict(format!(
                    "a source without URL with this title, publisher, author and day already exists (id {}): refer to it as --source {}",
                    existing.id, existing.id
                )));
            }
        }
        Ok(Source::insert(conn, &new)?.id)
    })?;
    print_created(opts.format.format, id)
}

fn claim(opts: AddClaimOpts, target: &Target) -> Result<()> {
    let statement = opts.statement.trim();
    let kind = opts.kind.unwrap_or(ClaimKind::Fact);
    let hedge = opts.hedge.as_deref().map(normalize_phrase);
    if hedge.as_deref() == Some("") {
        return Err(Error::invalid(
            "--hedge is empty: give the estimative words",
        ));
    }
    let probability = opts
        .probability
        .as_deref()
        .map(|p| parse_probability(p, "--probability"))
        .transpose()?;
    let made_at = parse_optional_date(opts.made.as_deref(), "--made")?;
    let expected_by = parse_optional_date(opts.expected_by.as_deref(), "--expected-by")?;
    let tags: Vec<&str> = opts.tags.iter().map(|t| t.trim()).collect();
    if tags.iter().any(|t| t.is_empty()) {
        return Err(Error::invalid("--tag is empty: give a tag name"));
    }
    let source_title = non_blank(opts.source_title.as_deref());
    if opts.source_title.is_some() && source_title.is_none() {
        return Err(Error::invalid("--source-title is empty"));
    }
    // Validate before connecting, so bad input never starts a server or writes anything.
    let draft = NewClaim {
        analyst_id: 0,
        statement,
        kind,
        made_at,
        expected_by,
        probability,
        hedge: None,
    };
    draft.validate().map_err(|e| e.with_flags(CLAIM_FLAGS))?;

    let mut conn = target.connect()?;
    let id = target.write(&mut conn, |conn| {
        let term = hedge
            .as_deref()
            .map(|h| HedgeTerm::resolve(conn, h, "--hedge"))
            .transpose()?;
        let draft = NewClaim {
            probability: term.as_ref().map(|t| t.probability).or(draft.probability),
            hedge: term.as_ref().map(|t| t.phrase.as_str()),
            ..draft
        };
        let (analyst, created) = Analyst::resolve_or_create(conn, &opts.by, "--by")?;
        let claim = new_or_recorded_claim(conn, &opts, &analyst, draft)?;
        if let (Some(source_ref), Some(quote)) = (&opts.source, &opts.quote) {
            let source = source_for_claim(conn, source_ref, source_title)?;
            add_appearance(conn, &opts, &claim, &source, quote)?;
        }
        for name in &tags {
            let (tag, _) = Tag::find_or_create(
                conn,
                &NewTag {
                    name,
                    kind: TagKind::Topic,
                },
            )?;
            Tag::attach(conn, claim.id, tag.id)?;
        }
        if created {
            note(format!(
                "created analyst '{}' (id {}, kind person; change it with SQL if it is a group)",
                analyst.name, analyst.id
            ));
        }
        Ok(claim.id)
    })?;
    print_created(opts.format.format, id)
}

/// The claim the analyst made: new, or (with --source) the recorded one, which
/// must not quietly disagree with the flags.
fn new_or_recorded_claim(
    conn: &mut PgConnection,
    opts: &AddClaimOpts,
    analyst: &Analyst,
    draft: NewClaim<'_>,
) -> Result<Claim> {
    let Some(existing) = Claim::find_by_natural_key(conn, analyst.id, draft.statement)? else {
        return Claim::insert(
            conn,
            &NewClaim {
                analyst_id: analyst.id,
                ..draft
            },
        );
    };
    if opts.source.is_none() {
        return Err(Error::Conflict(format!(
            "{} already made this claim (id {}); to record another place it appeared, \
             add --source and --quote",
            analyst.name, existing.id
        )));
    }
    refuse_differences(&existing, opts, &draft)?;
    note(format!(
        "claim {} is already recorded for {}: adding the appearance to it",
        existing.id, analyst.name
    ));
    Ok(existing)
}

/// Where the claim appeared: a new appearance, refused when this quote of it in
/// this source is recorded.
fn add_appearance(
    conn: &mut PgConnection,
    opts: &AddClaimOpts,
    claim: &Claim,
    source: &Source,
    quote: &str,
) -> Result<()> {
    let via = opts
        .via
        .as_deref()
        .map(|v| Appearance::resolve(conn, v, "--via"))
        .transpose()?;
    let (appearance, new) = Appearance::find_or_create(
        conn,
        &NewAppearance {
            claim_id: claim.id,
            source_id: source.id,
            quote: quote.trim(),
            attribution: opts.attribution,
            via_appearance_id: via.map(|a| a.id),
        },
    )
    .map_err(|e| e.with_flags(&[("quote", "--quote")]))?;
    if !new {
        return Err(Error::Conflict(format!(
            "this quote of claim {} in source {} is already recorded (appearance {})",
            claim.id, source.id, appearance.id
        )));
    }
    Ok(())
}

/// Adding an appearance to a recorded claim must not quietly disagree with it.
fn refuse_differences(existing: &Claim, opts: &AddClaimOpts, draft: &NewClaim<'_>) -> Result<()> {
    let mut differs = Vec::new();
    if opts.kind.is_some() && draft.kind != existing.kind {
        differs.push(format!(
            "--kind {} (recorded: {})",
            draft.kind, existing.kind
        ));
    }
    if draft.made_at.is_some() && draft.made_at != existing.made_at {
        differs.push(format!(
            "--made (recorded: {})",
            opt_text(&existing.made_at)
        ));
    }
    if draft.expected_by.is_some() && draft.expected_by != existing.expected_by {
        differs.push(format!(
            "--expected-by (recorded: {})",
            opt_text(&existing.expected_by)
        ));
    }
    if draft.probability.is_some() && draft.probability != existing.probability {
        differs.push(format!(
            "--probability (recorded: {})",
            opt_text(&existing.probability)
        ));
    }
    if differs.is_empty() {
        return Ok(());
    }
    Err(Error::Conflict(format!(
        "claim {} is already recorded with other values: {}; leave those flags out to add the appearance",
        existing.id,
        differs.join(", ")
    )))
}

fn opt_text<T: ToString>(v: &Option<T>) -> String {
    v.as_ref()
        .map(ToString::to_string)
        .unwrap_or_else(|| "none".into())
}

/// `--source` by id or URL; an unknown URL is created when `--source-title` names it.
fn source_for_claim(
    conn: &mut PgConnection,
    reference: &str,
    title: Option<&str>,
) -> Result<Source> {
    match (Source::resolve(conn, reference, "--source"), title) {
        (Ok(source), _) => Ok(source),
        (Err(e), Some(title)) if e.is_not_found() && parse_id(reference, "--source")?.is_none() => {
            let url = normalize_url(reference, "--source")?;
            let (source, _) = Source::find_or_create(
                conn,
                &NewSource {
                    url: Some(&url),
                    title,
                    kind: SourceKind::Article,
                    publisher: None,
                    author: None,
                    published_on: None,
                    retrieved_at: None,
                    archived_url: None,
                },
            )?;
            note(format!("created source {} ({url})", source.id));
            Ok(source)
        }
        (Err(e), None) if e.is_not_found() && parse_id(reference, "--source")?.is_none() => Err(
            Error::invalid(format!("{e}; or add --source-title T to create it")),
        ),
        (Err(e), _) => Err(e),
    }
}
