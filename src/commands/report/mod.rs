//! `claims report --unverified|--overdue` and `claims report analysts|sources|summary`.
//! Every report takes --since/--until, --limit, --as-of, --today and --format.

mod analysts;
mod sources;
mod summary;

use chrono::NaiveDate;

use crate::cli::{ReportCommand, ReportCommon, ReportOpts};
use crate::connection::{read_snapshot, Target};
use crate::error::{Error, Result};
use crate::input::{parse_date, parse_optional_as_of, parse_optional_date, today};
use crate::models::{Analyst, Source, Tag};
use crate::output::{print, OutputFormat};
use crate::queries::open_claims::{open_claims, OpenClaimsFilter, OverdueRow, UnverifiedRow};
use crate::queries::ReportScope;

/// The options every report shares, parsed and checked before connecting.
pub struct Window {
    pub scope: ReportScope,
    pub limit: Option<i64>,
    /// Ages and deadlines count to this day: --today, CLAIMS_TODAY, the --as-of day, today.
    pub today: NaiveDate,
    pub format: OutputFormat,
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
            scope: ReportScope {
                since,
                until,
                as_of,
                analyst_id: None,
                include_retracted: common.include_retracted,
            },
            limit: common.limit,
            today,
            format: common.format,
        })
    }
}

pub fn run(opts: ReportOpts, target: &Target) -> Result<()> {
    let window = Window::parse(&opts.common)?;
    match &opts.report {
        Some(ReportCommand::Analysts(a)) => analysts::run(a, window, target),
        Some(ReportCommand::Sources) => sources::run(&window, target),
        Some(ReportCommand::Summary) => summary::run(&window, target),
        None => open(&opts, window, target),
    }
}

/// `--unverified` (oldest first) and `--overdue` (most overdue first).
fn open(opts: &ReportOpts, window: Window, target: &Target) -> Result<()> {
    let mut conn = target.connect()?;
    let found = read_snapshot(&mut conn, |conn| {
        // Unknown analysts, tags and sources are bad input, not an empty list.
        let mut scope = window.scope.clone();
        scope.analyst_id = opts
            .analyst
            .as_deref()
            .map(|a| Analyst::resolve(conn, a, "--analyst").map(|a| a.id))
            .transpose()?;
        let tag_id = match &opts.tag {
            Some(t) => Some(
                Tag::find_by_name(conn, t.trim())?
                    .ok_or_else(|| Error::invalid(format!("--tag: no tag named '{t}'")))?
                    .id,
            ),
            None => None,
        };
        let source_id = opts
            .source
            .as_deref()
            .map(|s| Source::resolve(conn, s, "--source").map(|s| s.id))
            .transpose()?;
        let filter = OpenClaimsFilter {
            scope,
            overdue: opts.overdue,
            kind: opts.kind,
            tag_id,
            source_id,
            limit: window.limit,
        };
        open_claims(conn, &filter, window.today)
    })?;
    if opts.overdue {
        let rows: Vec<OverdueRow> = found.iter().map(OverdueRow::from).collect();
        print(window.format, &found, &rows)
    } else {
        let rows: Vec<UnverifiedRow> = found.iter().map(UnverifiedRow::from).collect();
        print(window.format, &found, &rows)
    }
}
