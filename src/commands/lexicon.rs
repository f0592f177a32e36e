//! `claims lexicon list|add`: the hedge words behind `add claim --hedge`.

use serde::Serialize;

use crate::cli::{LexiconAddOpts, LexiconCommand};
use crate::connection::Target;
use crate::error::{Error, Result};
use crate::input::parse_probability;
use crate::models::hedge_term::{normalize_phrase, HedgeTerm, NewHedgeTerm};
use crate::output::{print, print_created, OutputFormat};

pub fn run(cmd: LexiconCommand, target: &Target) -> Result<()> {
    match cmd {
        LexiconCommand::List(format) => list(format.format, target),
        LexiconCommand::Add(opts) => add(opts, target),
    }
}

#[derive(Serialize)]
struct Entry<'a> {
    phrase: &'a str,
    probability: f64,
    source: &'a str,
}

/// An entry as a CSV or table row: the probability as written, 1 not 1.0.
#[derive(Serialize, Default)]
struct EntryRow<'a> {
    phrase: &'a str,
    probability: String,
    source: &'a str,
}

fn list(format: OutputFormat, target: &Target) -> Result<()> {
    let mut conn = target.connect()?;
    let terms = HedgeTerm::all(&mut conn)?;
    let entries: Vec<Entry> = terms
        .iter()
        .map(|t| Entry {
            phrase: &t.phrase,
            probability: t.probability,
            source: &t.source,
        })
        .collect();
    let rows: Vec<EntryRow> = entries
        .iter()
        .map(|e| EntryRow {
            phrase: e.phrase,
            probability: e.probability.to_string(),
            source: e.source,
        })
        .collect();
    print(format, &entries, &rows)
}

fn add(opts: LexiconAddOpts, target: &Target) -> Result<()> {
    let phrase = normalize_phrase(&opts.phrase);
    if phrase.is_empty() {
        return Err(Error::invalid("PHRASE is empty"));
    }
    let probability = parse_probability(&opts.probability, "--probability")?;
    let source = opts.source.trim();
    if source.is_empty() {
        return Err(Error::invalid(
            "--source is empty: say where the mapping comes from",
        ));
    }
    let mut conn = target.connect()?;
    let id = target.write(&mut conn, |conn| {
        if let Some(existing) = HedgeTerm::find(conn, &phrase)? {
            return Err(Error::Conflict(format!(
                "'{phrase}' is already in the lexicon as {} ({})",
                existing.probability, existing.source
            )));
        }
        Ok(HedgeTerm::insert(
            conn,
            &NewHedgeTerm {
                phrase: &phrase,
                probability,
                source,
            },
        )?
        .id)
    })?;
    print_created(opts.format.format, id)
}
