//! A claim's history (`claims history`): when it was recorded, every verdict and
//! every edit (from audit_log), in time order.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Result;
use crate::models::{Claim, Status};
use crate::schema::{analysts, audit_log, claims, sources, verifications};

#[derive(Debug, Serialize)]
pub struct Event {
    pub at: DateTime<Utc>,
    /// recorded, verdict, edited, retracted, deleted.
    pub event: String,
    /// The table the event concerns.
    pub table: &'static str,
    /// Who: the audit actor for edits, the recorder for verdicts (when known).
    pub actor: Option<String>,
    pub detail: String,
    /// For edits: field → {"old": …, "new": …}.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub changes: Map<String, Value>,
}

#[derive(Queryable)]
struct AuditRow {
    id: i64,
    table_name: String,
    row_key: Value,
    operation: String,
    old_row: Value,
    new_row: Option<Value>,
    actor: String,
    changed_at: DateTime<Utc>,
}

/// The claim's events, up to `as_of` when given (a verdict counts once it had both
/// taken effect and been recorded).
pub fn load(
    conn: &mut PgConnection,
    claim: &Claim,
    as_of: Option<DateTime<Utc>>,
) -> Result<Vec<Event>> {
    // (time, order within the same time, event)
    let mut events: Vec<(DateTime<Utc>, i64, Event)> = vec![(
        claim.created_at,
        0,
        Event {
            at: claim.created_at,
            event: "recorded".into(),
            table: "claims",
            actor: claims::table
                .find(claim.id)
                .select(claims::created_by)
                .first(conn)?,
            detail: first_statement(conn, claim)?,
            changes: Map::new(),
        },
    )];

    for v in verdicts(conn, claim.id)? {
        if as_of.is_some_and(|at| v.effective_at > at || v.recorded_at > at) {
            continue;
        }
        let mut detail = format!(
            "{} (effective {})",
            v.status,
            v.effective_at.format("%Y-%m-%d")
        );
        if let Some(n) = &v.note {
            detail.push_str(&format!(": {n}"));
        }
        if let Some(e) = &v.evidence {
            detail.push_str(&format!(" [evidence: {e}]"));
        }
        events.push((
            v.recorded_at,
            v.id,
            Event {
                at: v.recorded_at,
                event: "verdict".into(),
                table: "verifications",
                actor: v.by,
                detail,
                changes: Map::new(),
            },
        ));
    }

    // Links are filed under their from-claim; links pointing here are found by their target.
    let rows: Vec<AuditRow> = audit_log::table
        .filter(
            audit_log::claim_id.eq(claim.id).or(diesel::dsl::sql::<diesel::sql_types::Bool>(
                "(audit_log.table_name = 'claim_links' AND (audit_log.old_row ->> 'to_claim_id')::bigint = ",
            )
            .bind::<diesel::sql_types::BigInt, _>(claim.id)
            .sql(")")),
        )
        .order((audit_log::changed_at, audit_log::id))
        .select((
            audit_log::id,
            audit_log::table_name,
            audit_log::row_key,
            audit_log::operation,
            audit_log::old_row,
            audit_log::new_row,
            audit_log::actor,
            audit_log::changed_at,
        ))
        .load(conn)?;
    for row in rows {
        events.push((row.changed_at, row.id, audit_event(row)));
    }
    if let Some(at) = as_of {
        events.retain(|e| e.0 <= at);
    }
    events.sort_by_key(|e| (e.0, e.1));
    Ok(events.into_iter().map(|(_, _, e)| e).collect())
}

#[derive(Queryable)]
struct VerdictRow {
    id: i64,
    status: Status,
    effective_at: DateTime<Utc>,
    recorded_at: DateTime<Utc>,
    note: Option<String>,
    /// The recorder's name.
    by: Option<String>,
    /// The evidence's title.
    evidence: Option<String>,
}

/// The claim's verdicts with their recorder and evidence, in one query.
fn verdicts(conn: &mut PgConnection, claim_id: i64) -> Result<Vec<VerdictRow>> {
    Ok(verifications::table
        .left_join(analysts::table)
        .left_join(sources::table)
        .filter(verifications::claim_id.eq(claim_id))
        .select((
            verifications::id,
            verifications::status,
            verifications::effective_at,
            verifications::recorded_at,
            verifications::note,
            analysts::name.nullable(),
            sources::title.nullable(),
        ))
        .load(conn)?)
}

/// The statement as recorded: the one before the claim's first audited edit (every
/// edit is audited, so that row is the original), else the current one.
fn first_statement(conn: &mut PgConnection, claim: &Claim) -> Result<String> {
    let before_first_edit: Option<Option<String>> = audit_log::table
        .filter(audit_log::table_name.eq("claims"))
        .filter(audit_log::claim_id.eq(claim.id))
        .order((audit_log::changed_at, audit_log::id))
        .select(diesel::dsl::sql::<
            diesel::sql_types::Nullable<diesel::sql_types::Text>,
        >("audit_log.old_row ->> 'statement'"))
        .first(conn)
        .optional()?;
    Ok(before_first_edit
        .flatten()
        .unwrap_or_else(|| claim.statement.clone()))
}

fn audit_event(row: AuditRow) -> Event {
    let table: &'static str = match row.table_name.as_str() {
        "claims" => "claims",
        "appearances" => "appearances",
        "claim_links" => "claim_links",
        "claim_tags" => "claim_tags",
        _ => "other",
    };
    let mut changes = Map::new();
    if let (Value::Object(old), Some(Value::Object(new))) = (&row.old_row, &row.new_row) {
        for (field, new_value) in new {
            let old_value = old.get(field).cloned().unwrap_or(Value::Null);
            if &old_value != new_value {
                let mut pair = Map::new();
                pair.insert("old".into(), old_value);
                pair.insert("new".into(), new_value.clone());
                changes.insert(field.clone(), Value::Object(pair));
            }
        }
    }
    let retracted = table == "claims"
        && changes
            .get("retracted_at")
            .is_some_and(|c| c["old"].is_null() && !c["new"].is_null());
    let event = match (row.operation.as_str(), retracted) {
        ("DELETE", _) => "deleted",
        (_, true) => "retracted",
        _ => "edited",
    };
    let what = match table {
        "claims" => "claim".to_owned(),
        "appearances" => format!("appearance {}", key(&row.row_key, "id")),
        "claim_links" => format!("link {}", key(&row.row_key, "id")),
        "claim_tags" => format!("tag {}", key(&row.row_key, "tag_id")),
        _ => row.table_name.clone(),
    };
    let detail = if row.operation == "DELETE" {
        format!("{what} deleted")
    } else {
        let fields: Vec<String> = changes
            .iter()
            .map(|(f, c)| format!("{f}: {} → {}", show(&c["old"]), show(&c["new"])))
            .collect();
        format!("{what}: {}", fields.join("; "))
    };
    Event {
        at: row.changed_at,
        event: event.into(),
        table,
        actor: Some(row.actor),
        detail,
        changes,
    }
}

fn key(row_key: &Value, field: &str) -> String {
    show(row_key.get(field).unwrap_or(&Value::Null))
}

fn show(v: &Value) -> String {
    match v {
        Value::Null => "none".into(),
        Value::String(s) => format!("'{s}'"),
        other => other.to_string(),
    }
}
