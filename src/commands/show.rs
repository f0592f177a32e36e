//! `claims show CLAIM`: the claim, its appearances, its links both ways and its verdict history.

use std::io::Write;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::cli::{OutputFormat, ShowOpts};
use crate::connection::{read_snapshot, Target};
use crate::error::Result;
use crate::input::parse_optional_as_of;
use crate::models::{Appearance, Claim, ClaimLink, Verification};
use crate::output::{self, opt, Rows};
use crate::schema::{analysts, appearances, claim_links, claims, sources, verdict_statuses};
use crate::summary::{self, ClaimSummary, SourceRef};

#[derive(Serialize)]
struct Detail {
    #[serde(flatten)]
    claim: ClaimSummary,
    /// Set with --as-of: status and verdicts are as known at this moment.
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of: Option<DateTime<Utc>>,
    appearances: Vec<AppearanceOut>,
    links: Vec<LinkOut>,
    verdicts: Vec<VerdictOut>,
}

#[derive(Serialize)]
struct AppearanceOut {
    id: i64,
    source: SourceRef,
    quote: String,
    attribution: String,
    via_appearance_id: Option<i64>,
}

#[derive(Serialize)]
struct LinkOut {
    id: i64,
    /// "outgoing": this claim RELATION other; "incoming": other RELATION this claim.
    direction: &'static str,
    relation: String,
    other_claim: OtherClaim,
    note: Option<String>,
}

#[derive(Serialize)]
struct OtherClaim {
    id: i64,
    statement: String,
    analyst: String,
    status: String,
}

#[derive(Serialize)]
struct VerdictOut {
    id: i64,
    status: String,
    status_label: String,
    effective_at: DateTime<Utc>,
    recorded_at: DateTime<Utc>,
    evidence: Option<SourceRef>,
    note: Option<String>,
    recorded_by: Option<String>,
}

pub fn run(opts: ShowOpts, target: &Target) -> Result<()> {
    let as_of = parse_optional_as_of(opts.as_of.as_deref())?;
    let mut conn = target.connect()?;
    let mut detail = read_snapshot(&mut conn, |conn| {
        let claim = Claim::resolve(conn, &opts.claim, "CLAIM")?;
        load(conn, claim)
    })?;
    if let Some(at) = as_of {
        // What we knew then: verdicts that had taken effect and been recorded by `at`.
        detail
            .verdicts
            .retain(|v| v.effective_at <= at && v.recorded_at <= at);
        let (status, label) = detail
            .verdicts
            .first()
            .map(|v| (v.status.clone(), v.status_label.clone()))
            .unwrap_or_else(|| ("unverified".into(), "Unverified".into()));
        detail.claim.status = status;
        detail.claim.status_label = label;
        detail.as_of = Some(at);
    }
    match opts.format.format {
        OutputFormat::Table => print_text(&detail),
        format => output::print(format, &detail, || csv_rows(&detail)),
    }
}

fn source_ref(conn: &mut PgConnection, id: i64) -> Result<SourceRef> {
    Ok(sources::table
        .find(id)
        .select((
            sources::id,
            sources::title,
            sources::url,
            sources::publisher,
            sources::published_on,
        ))
        .first(conn)?)
}

fn load(conn: &mut PgConnection, claim: Claim) -> Result<Detail> {
    let id = claim.id;
    let summary = summary::load(conn, vec![claim])?.remove(0);

    let mut appearances_out = Vec::new();
    let found: Vec<Appearance> = appearances::table
        .filter(appearances::claim_id.eq(id))
        .order(appearances::id)
        .select(Appearance::as_select())
        .load(conn)?;
    for a in found {
        appearances_out.push(AppearanceOut {
            id: a.id,
            source: source_ref(conn, a.source_id)?,
            quote: a.quote,
            attribution: a.attribution,
            via_appearance_id: a.via_appearance_id,
        });
    }

    let mut links = Vec::new();
    let found: Vec<ClaimLink> = claim_links::table
        .filter(
            claim_links::from_claim_id
                .eq(id)
                .or(claim_links::to_claim_id.eq(id)),
        )
        .order(claim_links::id)
        .select(ClaimLink::as_select())
        .load(conn)?;
    for l in found {
        let (direction, other_id) = if l.from_claim_id == id {
            ("outgoing", l.to_claim_id)
        } else {
            ("incoming", l.from_claim_id)
        };
        let (statement, analyst, status): (String, String, String) = claims::table
            .inner_join(analysts::table)
            .filter(claims::id.eq(other_id))
            .select((claims::statement, analysts::name, claims::status))
            .first(conn)?;
        links.push(LinkOut {
            id: l.id,
            direction,
            relation: l.relation,
            other_claim: OtherClaim {
                id: other_id,
                statement,
                analyst,
                status,
            },
            note: l.note,
        });
    }

    let mut verdicts = Vec::new();
    for v in Verification::history(conn, id)? {
        let label: String = verdict_statuses::table
            .find(&v.status)
            .select(verdict_statuses::label)
            .first(conn)?;
        let evidence = v
            .evidence_source_id
            .map(|s| source_ref(conn, s))
            .transpose()?;
        let recorded_by = match v.recorded_by_analyst_id {
            Some(a) => Some(analysts::table.find(a).select(analysts::name).first(conn)?),
            None => None,
        };
        verdicts.push(VerdictOut {
            id: v.id,
            status: v.status,
            status_label: label,
            effective_at: v.effective_at,
            recorded_at: v.recorded_at,
            evidence,
            note: v.note,
            recorded_by,
        });
    }

    Ok(Detail {
        claim: summary,
        as_of: None,
        appearances: appearances_out,
        links,
        verdicts,
    })
}

fn print_text(d: &Detail) -> Result<()> {
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
    if c.kind == "prediction" {
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
        let sentence = if l.direction == "outgoing" {
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

/// CSV of a claim: one row per fact, `section,key,value`, so nothing nested is lost.
fn csv_rows(d: &Detail) -> Rows {
    let c = &d.claim;
    let mut rows = vec![
        vec!["claim".into(), "id".into(), c.id.to_string()],
        vec!["claim".into(), "statement".into(), c.statement.clone()],
        vec!["claim".into(), "kind".into(), c.kind.clone()],
        vec!["claim".into(), "analyst".into(), c.analyst.name.clone()],
        vec!["claim".into(), "made_at".into(), opt(&c.made_at)],
        vec!["claim".into(), "expected_by".into(), opt(&c.expected_by)],
        vec!["claim".into(), "probability".into(), opt(&c.probability)],
        vec!["claim".into(), "status".into(), c.status.clone()],
        vec!["claim".into(), "tags".into(), c.tags.join(";")],
        vec![
            "claim".into(),
            "retracted_at".into(),
            c.retracted_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        ],
    ];
    for a in &d.appearances {
        rows.push(vec![
            "appearance".into(),
            a.id.to_string(),
            format!("{} | {} | {}", a.source.title, a.attribution, a.quote),
        ]);
    }
    for l in &d.links {
        rows.push(vec![
            "link".into(),
            l.id.to_string(),
            format!("{} {} {}", l.direction, l.relation, l.other_claim.id),
        ]);
    }
    for v in &d.verdicts {
        rows.push(vec![
            "verdict".into(),
            v.id.to_string(),
            format!(
                "{} | {} | {}",
                v.status,
                v.effective_at.to_rfc3339(),
                opt(&v.note)
            ),
        ]);
    }
    Rows {
        headers: vec!["section", "key", "value"],
        rows,
    }
}
