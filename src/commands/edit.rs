//! `claims edit claim|analyst|source ID --field value…`: corrections. The audit
//! triggers keep every previous value in audit_log.

use diesel::PgConnection;

use crate::cli::{EditAnalystOpts, EditClaimOpts, EditCommand, EditSourceOpts};
use crate::connection::Target;
use crate::error::{Error, Result};
use crate::input::{parse_date, parse_probability, parse_timestamp};
use crate::models::analyst::AnalystChanges;
use crate::models::claim::ClaimChanges;
use crate::models::source::normalize_url;
use crate::models::source::SourceChanges;
use crate::models::{parse_id, Analyst, Claim, NewClaim, Source};
use crate::output::{note, print_created};

pub fn run(cmd: EditCommand, target: &Target) -> Result<()> {
    match cmd {
        EditCommand::Claim(opts) => claim(opts, target),
        EditCommand::Analyst(opts) => analyst(opts, target),
        EditCommand::Source(opts) => source(opts, target),
    }
}

/// How `edit claim` spells a claim's fields in messages.
const CLAIM_FLAGS: &[(&str, &str)] = &[
    ("statement", "--statement"),
    ("made_at", "--made"),
    ("expected_by", "--expected-by"),
    ("probability", "--probability"),
];

/// `None`: leave as is. `Some(None)`: clear (the user passed ""). `Some(Some(v))`: set.
type Change<T> = Option<Option<T>>;

fn change<T>(value: Option<&str>, parse: impl FnOnce(&str) -> Result<T>) -> Result<Change<T>> {
    match value.map(str::trim) {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(v) => Ok(Some(Some(parse(v)?))),
    }
}

fn required<'a>(value: Option<&'a str>, flag: &str) -> Result<Option<&'a str>> {
    match value.map(str::trim) {
        Some("") => Err(Error::invalid(format!("{flag} cannot be empty"))),
        other => Ok(other),
    }
}

fn text(value: Option<&str>) -> Change<&str> {
    value.map(|v| Some(v.trim()).filter(|v| !v.is_empty()))
}

fn nothing_to_do(flags: &str) -> Error {
    Error::invalid(format!("nothing to change: give at least one of {flags}"))
}

fn claim(opts: EditClaimOpts, target: &Target) -> Result<()> {
    let kind = opts.kind;
    let statement = required(opts.statement.as_deref(), "--statement")?;
    let made_at = change(opts.made.as_deref(), |v| parse_date(v, "--made"))?;
    let expected_by = change(opts.expected_by.as_deref(), |v| {
        parse_date(v, "--expected-by")
    })?;
    let probability = change(opts.probability.as_deref(), |v| {
        parse_probability(v, "--probability")
    })?;
    if statement.is_none()
        && kind.is_none()
        && opts.by.is_none()
        && made_at.is_none()
        && expected_by.is_none()
        && probability.is_none()
    {
        return Err(nothing_to_do(
            "--statement, --kind, --by, --made, --expected-by, --probability",
        ));
    }
    let mut conn = target.connect()?;
    let id = target.write(&mut conn, |conn| {
        let current = Claim::resolve(conn, &opts.claim, "CLAIM")?;
        let analyst_id = opts
            .by
            .as_deref()
            .map(|a| Analyst::resolve(conn, a, "--by").map(|a| a.id))
            .transpose()?;
        // The claim as it would be, checked by the same rules as a new one.
        NewClaim {
            analyst_id: analyst_id.unwrap_or(current.analyst_id),
            statement: statement.unwrap_or(&current.statement),
            kind: kind.unwrap_or(current.kind),
            made_at: made_at.unwrap_or(current.made_at),
            expected_by: expected_by.unwrap_or(current.expected_by),
            probability: probability.unwrap_or(current.probability),
            hedge: None,
        }
        .validate()
        .map_err(|e| e.with_flags(CLAIM_FLAGS))?;
        let changes = ClaimChanges {
            statement,
            kind,
            analyst_id,
            made_at,
            expected_by,
            probability,
            hedge: probability.map(|_| None),
        };
        let updated = Claim::update(conn, current.id, &changes)?;
        if updated.statement == current.statement
            && updated.kind == current.kind
            && updated.analyst_id == current.analyst_id
            && updated.made_at == current.made_at
            && updated.expected_by == current.expected_by
            && updated.probability == current.probability
        {
            note(format!(
                "claim {} already had these values: nothing changed",
                current.id
            ));
        }
        Ok(current.id)
    })?;
    print_created(opts.format.format, id)
}

fn analyst(opts: EditAnalystOpts, target: &Target) -> Result<()> {
    let changes = AnalystChanges {
        name: required(opts.name.as_deref(), "--name")?,
        kind: opts.kind,
        description: text(opts.description.as_deref()),
    };
    if changes.name.is_none() && changes.kind.is_none() && changes.description.is_none() {
        return Err(nothing_to_do("--name, --kind, --description"));
    }
    let mut conn = target.connect()?;
    let id = target.write(&mut conn, |conn| {
        let id = existing_id(conn, &opts.analyst, "ANALYST", |conn, id| {
            Ok(Analyst::find(conn, id)?.is_some())
        })?;
        if let Some(name) = changes.name {
            if let Some(other) = Analyst::find_by_name(conn, name)?.filter(|a| a.id != id) {
                return Err(Error::Conflict(format!(
                    "--name: analyst {} is already called '{name}'",
                    other.id
                )));
            }
        }
        Analyst::update(conn, id, &changes)?;
        Ok(id)
    })?;
    print_created(opts.format.format, id)
}

fn source(opts: EditSourceOpts, target: &Target) -> Result<()> {
    let changes = SourceChanges {
        url: change(opts.url.as_deref(), |v| normalize_url(v, "--url"))?,
        title: required(opts.title.as_deref(), "--title")?,
        kind: opts.kind,
        publisher: text(opts.publisher.as_deref()),
        author: text(opts.author.as_deref()),
        published_on: change(opts.published.as_deref(), |v| parse_date(v, "--published"))?,
        archived_url: change(opts.archived.as_deref(), |v| normalize_url(v, "--archived"))?,
        retrieved_at: change(opts.retrieved.as_deref(), |v| {
            parse_timestamp(v, "--retrieved")
        })?,
    };
    if changes.url.is_none()
        && changes.title.is_none()
        && changes.kind.is_none()
        && changes.publisher.is_none()
        && changes.author.is_none()
        && changes.published_on.is_none()
        && changes.archived_url.is_none()
        && changes.retrieved_at.is_none()
    {
        return Err(nothing_to_do(
            "--url, --title, --kind, --publisher, --author, --published, --archived, --retrieved",
        ));
    }
    let mut conn = target.connect()?;
    let id = target.write(&mut conn, |conn| {
        let id = existing_id(conn, &opts.source, "SOURCE", |conn, id| {
            Ok(Source::find(conn, id)?.is_some())
        })?;
        if let Some(Some(url)) = &changes.url {
            if let Some(other) = Source::find_by_url(conn, url)?.filter(|s| s.id != id) {
                return Err(Error::Conflict(format!(
                    "--url: source {} already has the URL {url}",
                    other.id
                )));
            }
        }
        Source::update(conn, id, &changes)?;
        Ok(id)
    })?;
    print_created(opts.format.format, id)
}

/// The id in `reference`, which must name an existing row.
fn existing_id(
    conn: &mut PgConnection,
    reference: &str,
    what: &str,
    exists: impl FnOnce(&mut PgConnection, i64) -> Result<bool>,
) -> Result<i64> {
    let id = parse_id(reference, what)?.ok_or_else(|| {
        Error::invalid(format!(
            "{what}: '{reference}' is not an id (a whole number)"
        ))
    })?;
    if !exists(conn, id)? {
        return Err(Error::invalid(format!(
            "{what}: no {} with id {id}",
            what.to_lowercase()
        )));
    }
    Ok(id)
}
