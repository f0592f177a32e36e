//! `claims show CLAIM`: the claim, its appearances, its links both ways and its verdict history.

use std::io::Write;

use serde::Serialize;

use crate::cli::ShowOpts;
use crate::connection::{read_snapshot, Target};
use crate::error::Result;
use crate::input::parse_optional_as_of;
use crate::models::{Claim, ClaimKind};
use crate::output::{self, opt, OutputFormat};
use crate::queries::claim_detail::{ClaimDetail, Direction};

pub fn run(opts: ShowOpts, target: &Target) -> Result<()> {
    let as_of = parse_optional_as_of(opts.as_of.as_deref())?;
    let mut conn = target.connect()?;
    let mut detail = read_snapshot(&mut conn, |conn| {
        let claim = Claim::resolve(conn, &opts.claim, "CLAIM")?;
        ClaimDetail::load(conn, claim)
    })?;
    if let Some(at) = as_of {
        detail = detail.as_known_at(at);
    }
    match opts.format.format {
        OutputFormat::Table => print_text(&detail),
        format => output::print(format, &detail, &csv_rows(&detail)),
    }
}

fn print_text(d: &ClaimDetail) -> Result<()> {
    let c = &d.claim;
    let mut out = std::io::stdout().lock();
    writeln!(out, "Claim {}: {}", c.id, c.statement)?;
    writeln!(out, "  kind:        {}", c.kind)?;
    writeln!(
        out,
        "  by:          {} ({}, analyst {})",
        c.analyst.name, c.analyst.kind, c.analyst.id
    )?;
    match d.as_of {
        Some(at) => writeln!(
            out,
            "  status:      {} (as of {})",
            c.status_label,
            at.format("%Y-%m-%d %H:%M UTC")
        )?,
        None => writeln!(out, "  status:      {}", c.status_label)?,
    }
    if let Some(at) = c.retracted_at {
        writeln!(
            out,
            "  RETRACTED:   {}: {}",
            at.format("%Y-%m-%d %H:%M UTC"),
            c.retraction_reason.as_deref().unwrap_or_default()
        )?;
    }
    let or = |v: String, absent: &str| if v.is_empty() { absent.to_owned() } else { v };
    writeln!(out, "  made:        {}", or(opt(&c.made_at), "unknown"))?;
    if c.kind == ClaimKind::Prediction {
        writeln!(
            out,
            "  expected by: {}",
            or(opt(&c.expected_by), "no deadline")
        )?;
    }
    if let Some(p) = c.probability {
        match &c.hedge {
            Some(h) => writeln!(out, "  probability: {p} (\"{h}\", from the hedge lexicon)")?,
            None => writeln!(out, "  probability: {p}")?,
        }
    }
    if !c.tags.is_empty() {
        writeln!(out, "  tags:        {}", c.tags.join(", "))?;
    }
    print_related(&mut out, d)
}

/// The appearances, links and verdicts under the claim.
fn print_related(out: &mut impl Write, d: &ClaimDetail) -> Result<()> {
    writeln!(out, "\nAppearances ({}):", d.appearances.len())?;
    for a in &d.appearances {
        let via = a
            .via_appearance_id
            .map(|v| format!(", via appearance {v}"))
            .unwrap_or_default();
        writeln!(
            out,
            "  [{}] {} (source {}, {}{via})",
            a.id, a.source.title, a.source.id, a.attribution
        )?;
        writeln!(out, "      \"{}\"", a.quote)?;
    }
    writeln!(out, "\nLinks ({}):", d.links.len())?;
    for l in &d.links {
        let o = &l.other_claim;
        let sentence = if l.direction == Direction::Outgoing {
            format!("this claim {} claim {}", l.relation, o.id)
        } else {
            format!("claim {} {} this claim", o.id, l.relation)
        };
        writeln!(
            out,
            "  {sentence}: {} ({}, {})",
            o.statement, o.analyst, o.status
        )?;
        if let Some(n) = &l.note {
            writeln!(out, "      note: {n}")?;
        }
    }
    writeln!(out, "\nVerdicts, latest first ({}):", d.verdicts.len())?;
    for v in &d.verdicts {
        writeln!(
            out,
            "  [{}] {} effective {}, recorded {}{}",
            v.id,
            v.status_label,
            v.effective_at.format("%Y-%m-%d %H:%M UTC"),
            v.recorded_at.format("%Y-%m-%d %H:%M UTC"),
            v.recorded_by
                .as_ref()
                .map(|b| format!(" by {b}"))
                .unwrap_or_default()
        )?;
        if let Some(e) = &v.evidence {
            writeln!(out, "      evidence: {} (source {})", e.title, e.id)?;
        }
        if let Some(n) = &v.note {
            writeln!(out, "      note: {n}")?;
        }
    }
    Ok(())
}

/// A fact of a claim as a CSV row, `section,key,value`, so nothing nested is lost.
#[derive(Serialize, Default)]
struct FactRow {
    section: &'static str,
    key: String,
    value: String,
}

fn csv_rows(d: &ClaimDetail) -> Vec<FactRow> {
    let c = &d.claim;
    let row = |section, key: &str, value: String| FactRow {
        section,
        key: key.to_owned(),
        value,
    };
    let mut rows = vec![
        row("claim", "id", c.id.to_string()),
        row("claim", "statement", c.statement.clone()),
        row("claim", "kind", c.kind.to_string()),
        row("claim", "analyst", c.analyst.name.clone()),
        row("claim", "made_at", opt(&c.made_at)),
        row("claim", "expected_by", opt(&c.expected_by)),
        row("claim", "probability", opt(&c.probability)),
        row("claim", "status", c.status.to_string()),
        row("claim", "tags", c.tags.join(";")),
        row(
            "claim",
            "retracted_at",
            c.retracted_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        ),
    ];
    for a in &d.appearances {
        let value = format!("{} | {} | {}", a.source.title, a.attribution, a.quote);
        rows.push(row("appearance", &a.id.to_string(), value));
    }
    for l in &d.links {
        let direction = match l.direction {
            Direction::Outgoing => "outgoing",
            Direction::Incoming => "incoming",
        };
        let value = format!("{direction} {} {}", l.relation, l.other_claim.id);
        rows.push(row("link", &l.id.to_string(), value));
    }
    for v in &d.verdicts {
        let value = format!(
            "{} | {} | {}",
            v.status,
            v.effective_at.to_rfc3339(),
            opt(&v.note)
        );
        rows.push(row("verdict", &v.id.to_string(), value));
    }
    rows
}
