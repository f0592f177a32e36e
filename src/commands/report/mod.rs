//! `claims report --unverified|--overdue` and `claims report analysts|sources|summary`.
//! Every report takes --since/--until, --limit, --as-of, --today and --format.

mod analysts;
mod sources;
mod summary;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::{exists, sql};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Timestamptz};
use serde::Serialize;

use crate::cli::{ReportCommand, ReportCommon, ReportOpts};
use crate::commands::add::value_name;
use crate::connection::{read_snapshot, Target};
use crate::error::{Error, Result};
use crate::input::{parse_date, parse_optional_as_of, parse_optional_date, today};
use crate::models::{Analyst, Claim, Source, Tag};
use crate::output::{opt, print, Rows};
use crate::schema::{appearances, claim_tags, claims};
use crate::summary::{load as load_summaries, ClaimSummary};

/// The options every report shares, parsed and checked before connecting.
pub struct Window {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub limit: Option<i64>,
    pub as_of: Option<DateTime<Utc>>,
    /// Ages and deadlines count to this day: --today, CLAIMS_TODAY, the --as-of day, today.
    pub today: NaiveDate,
    pub include_retracted: bool,
    pub format: crate::cli::OutputFormat,
}

impl Window {
    pub fn parse(common: &ReportCommon) -> Result<Window> {
        let since = parse_optional_date(common.since.as_deref(), "--since")?;
        let until = parse_optional_date(common.until.as_deref(), "--until")?;
        if let (Some(s), Some(u)) = (since, until) {
            if s > u {
                return Err(Error::invalid(format!("--since {s} is after --until {u}")));
            }
        }
        if let Some(n) = common.limit {
            if n < 1 {
                return Err(Error::invalid(format!(
                    "--limit {n}: give a positive number of rows"
                )));
            }
        }
        let as_of = parse_optional_as_of(common.as_of.as_deref())?;
        let today = match (&common.today, as_of) {
            (Some(t), _) => parse_date(t, "--today")?,
            (None, Some(at)) if std::env::var_os("CLAIMS_TODAY").is_none() => at.date_naive(),
            _ => today()?,
        };
        Ok(Window {
            since,
            until,
            limit: common.limit,
            as_of,
            today,
            include_retracted: common.include_retracted,
            format: common.format,
        })
    }

    /// The status expression for `claims c`: the current one, or the one as of --as-of
    /// (a constant SQL fragment; the time is bound as parameter `$n`).
    pub fn status_sql(&self, param: usize) -> String {
        match self.as_of {
            Some(_) => format!("claim_status_as_of(c.id, ${param})"),
            None => "c.status".to_owned(),
        }
    }
}

pub fn run(opts: ReportOpts, target: &Target) -> Result<()> {
    let window = Window::parse(&opts.common)?;
    match &opts.report {
        Some(ReportCommand::Analysts(a)) => analysts::run(a, &window, target),
        Some(ReportCommand::Sources) => sources::run(&window, target),
        Some(ReportCommand::Summary) => summary::run(&window, target),
        None => open_claims(&opts, &window, target),
    }
}

#[derive(Serialize)]
struct OpenClaimRow {
    #[serde(flatten)]
    claim: ClaimSummary,
    /// Days since the claim was made (None when made_at is unknown).
    age_days: Option<i64>,
    /// Days until expected_by; negative when overdue.
    days_left: Option<i64>,
    /// --overdue only: days since expected_by.
    #[serde(skip_serializing_if = "Option::is_none")]
    days_overdue: Option<i64>,
}

/// `--unverified` (oldest first) and `--overdue` (most overdue first).
fn open_claims(opts: &ReportOpts, window: &Window, target: &Target) -> Result<()> {
    let mut conn = target.connect()?;
    let found = read_snapshot(&mut conn, |conn| {
        let claims = select_open(conn, opts, window)?;
        load_summaries(conn, claims)
    })?;
    let rows: Vec<OpenClaimRow> = found
        .into_iter()
        .map(|mut claim| {
            if window.as_of.is_some() {
                // Open then, whatever it is now.
                claim.status = "unverified".into();
                claim.status_label = "Unverified".into();
            }
            let days_left = claim.expected_by.map(|d| (d - window.today).num_days());
            OpenClaimRow {
                age_days: claim.made_at.map(|d| (window.today - d).num_days()),
                days_left,
                days_overdue: days_left.filter(|_| opts.overdue).map(|d| -d),
                claim,
            }
        })
        .collect();

    if opts.overdue {
        return print(window.format, &rows, || Rows {
            headers: vec![
                "id",
                "analyst",
                "statement",
                "expected_by",
                "days_overdue",
                "first_source",
            ],
            rows: rows
                .iter()
                .map(|r| {
                    let c = &r.claim;
                    vec![
                        c.id.to_string(),
                        c.analyst.name.clone(),
                        c.statement.clone(),
                        opt(&c.expected_by),
                        opt(&r.days_overdue),
                        c.first_source()
                            .map(|s| s.title.clone())
                            .unwrap_or_default(),
                    ]
                })
                .collect(),
        });
    }
    print(window.format, &rows, || Rows {
        headers: vec![
            "id",
            "kind",
            "analyst",
            "statement",
            "made_at",
            "age_days",
            "expected_by",
            "days_left",
            "first_source",
        ],
        rows: rows
            .iter()
            .map(|r| {
                let c = &r.claim;
                vec![
                    c.id.to_string(),
                    c.kind.clone(),
                    c.analyst.name.clone(),
                    c.statement.clone(),
                    opt(&c.made_at),
                    opt(&r.age_days),
                    opt(&c.expected_by),
                    opt(&r.days_left),
                    c.first_source()
                        .map(|s| s.title.clone())
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    })
}

/// Open claims matching the filters. Unknown analysts, tags and sources are bad
/// input, not an empty list.
fn select_open(conn: &mut PgConnection, opts: &ReportOpts, w: &Window) -> Result<Vec<Claim>> {
    let mut query = claims::table.select(Claim::as_select()).into_boxed();
    query = match w.as_of {
        None => query.filter(claims::status.eq("unverified")),
        // Set-based: no verdict known by then (not a function call per claim).
        Some(at) => query
            .filter(
                sql::<Bool>(
                    "NOT EXISTS (SELECT 1 FROM verifications v WHERE v.claim_id = claims.id \
                     AND v.effective_at <= ",
                )
                .bind::<Timestamptz, _>(at)
                .sql(" AND v.recorded_at <= ")
                .bind::<Timestamptz, _>(at)
                .sql(")"),
            )
            // A claim made after the day did not exist yet.
            .filter(
                claims::made_at
                    .is_null()
                    .or(claims::made_at.le(at.date_naive())),
            ),
    };
    if opts.overdue {
        query = query
            .filter(claims::kind.eq("prediction"))
            .filter(claims::expected_by.lt(w.today))
            .order((claims::expected_by.asc(), claims::id.asc()));
        if let Some(s) = w.since {
            query = query.filter(claims::expected_by.ge(s));
        }
        if let Some(u) = w.until {
            query = query.filter(claims::expected_by.le(u));
        }
    } else {
        query = query.order((claims::made_at.asc().nulls_last(), claims::id.asc()));
        if let Some(s) = w.since {
            query = query.filter(claims::made_at.ge(s));
        }
        if let Some(u) = w.until {
            query = query.filter(claims::made_at.le(u));
        }
    }
    if !w.include_retracted {
        query = match w.as_of {
            None => query.filter(claims::retracted_at.is_null()),
            // Retracted later: it stood then.
            Some(at) => query.filter(
                claims::retracted_at
                    .is_null()
                    .or(claims::retracted_at.gt(at)),
            ),
        };
    }
    if let Some(a) = &opts.analyst {
        let analyst = Analyst::resolve(conn, a, "--analyst")?;
        query = query.filter(claims::analyst_id.eq(analyst.id));
    }
    if let Some(k) = &opts.kind {
        query = query.filter(claims::kind.eq(value_name(k)));
    }
    if let Some(t) = &opts.tag {
        let tag = Tag::find_by_name(conn, t.trim())?
            .ok_or_else(|| Error::invalid(format!("--tag: no tag named '{t}'")))?;
        let tagged = claim_tags::table
            .filter(claim_tags::claim_id.eq(claims::id))
            .filter(claim_tags::tag_id.eq(tag.id));
        query = query.filter(exists(tagged));
    }
    if let Some(s) = &opts.source {
        let source = Source::resolve(conn, s, "--source")?;
        let appears = appearances::table
            .filter(appearances::claim_id.eq(claims::id))
            .filter(appearances::source_id.eq(source.id));
        query = query.filter(exists(appears));
    }
    if let Some(n) = w.limit {
        query = query.limit(n);
    }
    Ok(query.load(conn)?)
}
