//! Every command, flag and help text of the `claims` binary. The names are a
//! contract: users' scripts depend on them (docs/cli.md).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::models::{AnalystKind, Attribution, ClaimKind, Relation, SourceKind, Status};
pub use crate::output::OutputFormat;

#[derive(Debug, Parser)]
#[command(
    name = "claims",
    version,
    about = "A claim-tracking ledger: who claimed what, where and when, and what turned out to be true.",
    after_help = "Without --database-url or DATABASE_URL, claims creates and starts a private PostgreSQL \
                  cluster under your data directory on first use (stop it with `claims db stop`).\n\n\
                  Exit codes: 0 success; 2 bad input (nothing was written); 1 any other failure."
)]
pub struct Cli {
    #[command(flatten)]
    pub connect: ConnectOpts,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct ConnectOpts {
    /// PostgreSQL URL to use instead of DATABASE_URL (environment or .env) or the embedded cluster.
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
    /// Who is making changes, as recorded in audit_log [default: the OS user].
    #[arg(long, global = true, value_name = "NAME", env = "CLAIMS_ACTOR")]
    pub actor: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record an analyst, a source or a claim.
    #[command(subcommand)]
    Add(AddCommand),

    /// Link two claims with a typed relation.
    #[command(
        after_help = "Example:\n  claims link 10 denies 9 --note \"The Kremlin calls the allegation a lie\""
    )]
    Link(LinkOpts),

    /// Record a verdict on a claim (verdicts are append-only; a correction is a new verdict).
    #[command(
        after_help = "Example:\n  claims verify 4 --status confirmed --effective 2023-09-13 \\\n    --note \"The summit took place at the Vostochny Cosmodrome\""
    )]
    Verify(VerifyOpts),

    /// Everything about one claim: analyst, appearances, links both ways, verdict history.
    #[command(after_help = "Example:\n  claims show 4\n  claims show 4 --format json")]
    Show(ShowOpts),

    /// Correct a claim, analyst or source; every edit keeps the previous values in audit_log.
    #[command(subcommand)]
    Edit(EditCommand),

    /// Retract a claim recorded in error: it is kept, and hidden from reports and views.
    #[command(
        after_help = "Example:\n  claims retract 12 --reason \"Recorded twice; see claim 11\""
    )]
    Retract(RetractOpts),

    /// A claim's verdicts and edits, in time order.
    #[command(after_help = "Example:\n  claims history 10\n  claims history 10 --format json")]
    History(HistoryOpts),

    /// Work lists and summaries.
    #[command(
        after_help = "Example:\n  claims report --unverified --analyst \"Nick Strogov\" --limit 20"
    )]
    Report(ReportOpts),

    /// The hedge lexicon: estimative words and the probabilities they stand for.
    #[command(subcommand)]
    Lexicon(LexiconCommand),

    /// Import a JSON document, NDJSON or CSV (docs/interchange.md, docs/bulk-import.md), in one transaction.
    #[command(
        after_help = "Examples:\n  claims import seeds/article-000.json\n  claims import feed.ndjson --rejects refused.ndjson\n  claims generate --claims 1000 --format csv | claims import - --input-format csv --dry-run"
    )]
    Import(ImportOpts),

    /// Write a deterministic synthetic data set (NDJSON or CSV) for tests and benchmarks.
    #[command(
        after_help = "Example:\n  claims generate --claims 100000 --seed 7 --output ledger.ndjson\n  claims import ledger.ndjson"
    )]
    Generate(GenerateOpts),

    /// Write the whole database as a JSON interchange document.
    #[command(after_help = "Example:\n  claims export --output ledger.json")]
    Export(ExportOpts),

    /// Manage the database: setup, migrate, status, seed, url, psql, grant, docs, stop, create, drop.
    #[command(subcommand)]
    Db(DbCommand),
}

#[derive(Debug, Args, Clone, Copy)]
pub struct FormatOpts {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}

#[derive(Debug, Subcommand)]
pub enum AddCommand {
    /// Record an analyst: a person, organization, anonymous group or unattributed voice.
    #[command(
        after_help = "Examples:\n  claims add analyst \"Irina Tsukerman\" --description \"Geopolitical analyst\" \\\n    --affiliation \"President, Scarab Rising, Inc.\"\n  claims add analyst \"US officials\" --kind group"
    )]
    Analyst(AddAnalystOpts),

    /// Record a source document.
    #[command(
        after_help = "Example:\n  claims add source https://example.com/putin-kim --title \"Defiant Putin and Kim Jong Un …\" \\\n    --publisher \"Daily Express\" --published 2023-09-05"
    )]
    Source(AddSourceOpts),

    /// Record a claim, with its analyst and (optionally) where it appeared, in one command.
    #[command(
        after_help = "Example:\n  claims add claim \"A significant uprising against Putin is unrealistic.\" \\\n    --by \"Nick Strogov\" --kind prediction --source 1 \\\n    --quote \"A significant uprising against Putin seems unrealistic at this juncture.\" --tag Putin"
    )]
    Claim(AddClaimOpts),
}

#[derive(Debug, Args)]
pub struct AddAnalystOpts {
    /// Name; unique (tell namesakes apart with a suffix: "John Smith (BBC)").
    pub name: String,
    #[arg(long, value_enum, default_value_t = AnalystKind::Person)]
    pub kind: AnalystKind,
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// "TITLE, ORGANIZATION" (split at the first comma) or just "ORGANIZATION"; repeatable.
    #[arg(long, value_name = "TITLE, ORGANIZATION")]
    pub affiliation: Vec<String>,
    #[command(flatten)]
    pub format: FormatOpts,
}

#[derive(Debug, Args)]
pub struct AddSourceOpts {
    /// URL of the document (optional: some copies have none).
    pub url: Option<String>,
    #[arg(long)]
    pub title: String,
    #[arg(long, value_enum, default_value_t = SourceKind::Article)]
    pub kind: SourceKind,
    /// Outlet or publisher.
    #[arg(long)]
    pub publisher: Option<String>,
    #[arg(long)]
    pub author: Option<String>,
    /// Day of publication, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// URL of an archived copy.
    #[arg(long, value_name = "URL")]
    pub archived: Option<String>,
    /// When the copy you read was retrieved: YYYY-MM-DD or an RFC 3339 time.
    #[arg(long, value_name = "DATE")]
    pub retrieved: Option<String>,
    #[command(flatten)]
    pub format: FormatOpts,
}

#[derive(Debug, Args)]
pub struct AddClaimOpts {
    /// The claim as a neutral sentence.
    pub statement: String,
    /// Who made it: an analyst id or exact name (a new name creates the analyst).
    #[arg(long, value_name = "ANALYST")]
    pub by: String,
    /// Default: fact.
    #[arg(long, value_enum)]
    pub kind: Option<ClaimKind>,
    /// Day the claim was made, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub made: Option<String>,
    /// Predictions only: the day by which it should come true, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub expected_by: Option<String>,
    /// Stated or inferred probability that the claim is true, 0..1.
    #[arg(
        long,
        value_name = "P",
        allow_hyphen_values = true,
        conflicts_with = "hedge"
    )]
    pub probability: Option<String>,
    /// The estimative words the claim was made with ("unlikely", "almost certain"):
    /// sets the probability from the hedge lexicon (claims lexicon list).
    #[arg(long, value_name = "PHRASE")]
    pub hedge: Option<String>,
    /// Where it appeared: a source id or URL (needs --quote). With the claim
    /// already recorded, adds this appearance to it.
    #[arg(long, value_name = "SOURCE", requires = "quote")]
    pub source: Option<String>,
    /// Creates the --source URL as a new source with this title when it is unknown.
    #[arg(long, value_name = "T", requires = "source")]
    pub source_title: Option<String>,
    /// The passage exactly as the source prints it (needs --source).
    #[arg(long, value_name = "TEXT", requires = "source")]
    pub quote: Option<String>,
    #[arg(long, value_enum, default_value_t = Attribution::Direct, requires = "source")]
    pub attribution: Attribution,
    /// Reported speech: the id of the appearance this one relays.
    #[arg(long, value_name = "APPEARANCE", requires = "source")]
    pub via: Option<String>,
    /// A tag (created when new); repeatable.
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    #[command(flatten)]
    pub format: FormatOpts,
}

#[derive(Debug, Args)]
pub struct LinkOpts {
    /// The claim that supports, contradicts, denies, … (an id).
    pub from: String,
    /// How FROM relates to TO.
    #[arg(value_enum)]
    pub relation: Relation,
    /// The claim it is said of (an id).
    pub to: String,
    #[arg(long, value_name = "T")]
    pub note: Option<String>,
    #[command(flatten)]
    pub format: FormatOpts,
}

#[derive(Debug, Args)]
pub struct VerifyOpts {
    /// The claim (an id).
    pub claim: String,
    /// The verdict.
    #[arg(long, value_enum, value_name = "STATUS")]
    pub status: Status,
    /// The source that settles it: an id or URL.
    #[arg(long, value_name = "SOURCE")]
    pub evidence: Option<String>,
    #[arg(long, value_name = "T")]
    pub note: Option<String>,
    /// Who reached the verdict: an analyst id or exact name.
    #[arg(long, value_name = "ANALYST")]
    pub by: Option<String>,
    /// When the outcome became known: YYYY-MM-DD or an RFC 3339 time (default: now).
    #[arg(long, value_name = "DATE")]
    pub effective: Option<String>,
    #[command(flatten)]
    pub format: FormatOpts,
}

#[derive(Debug, Subcommand)]
pub enum EditCommand {
    /// Correct a claim. An empty value ("") clears an optional field.
    #[command(
        after_help = "Example:\n  claims edit claim 14 --expected-by 2023-09-15 --probability 0.8"
    )]
    Claim(EditClaimOpts),
    /// Correct an analyst. An empty value ("") clears an optional field.
    #[command(
        after_help = "Example:\n  claims edit analyst 5 --name \"Dmitry Peskov\" --description \"Kremlin spokesman\""
    )]
    Analyst(EditAnalystOpts),
    /// Correct a source. An empty value ("") clears an optional field.
    #[command(
        after_help = "Example:\n  claims edit source 1 --publisher \"Daily Express\" --published 2023-09-05"
    )]
    Source(EditSourceOpts),
}

#[derive(Debug, Args)]
pub struct EditClaimOpts {
    /// The claim (an id).
    pub claim: String,
    #[arg(long, value_name = "TEXT")]
    pub statement: Option<String>,
    #[arg(long, value_enum)]
    pub kind: Option<ClaimKind>,
    /// Who made it: an analyst id or exact name (must exist).
    #[arg(long, value_name = "ANALYST")]
    pub by: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub made: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub expected_by: Option<String>,
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    pub probability: Option<String>,
    #[command(flatten)]
    pub format: FormatOpts,
}

#[derive(Debug, Args)]
pub struct EditAnalystOpts {
    /// The analyst (an id).
    pub analyst: String,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long, value_enum)]
    pub kind: Option<AnalystKind>,
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    #[command(flatten)]
    pub format: FormatOpts,
}

#[derive(Debug, Args)]
pub struct EditSourceOpts {
    /// The source (an id).
    pub source: String,
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long, value_enum)]
    pub kind: Option<SourceKind>,
    #[arg(long)]
    pub publisher: Option<String>,
    #[arg(long)]
    pub author: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    #[arg(long, value_name = "URL")]
    pub archived: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub retrieved: Option<String>,
    #[command(flatten)]
    pub format: FormatOpts,
}

#[derive(Debug, Args)]
pub struct RetractOpts {
    /// The claim (an id).
    pub claim: String,
    /// Why it is retracted.
    #[arg(long, value_name = "T")]
    pub reason: String,
    #[command(flatten)]
    pub format: FormatOpts,
}

#[derive(Debug, Args)]
pub struct HistoryOpts {
    /// The claim (an id).
    pub claim: String,
    /// Only what had happened by the end of DATE (UTC).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub format: FormatOpts,
}

#[derive(Debug, Args)]
pub struct ShowOpts {
    /// The claim (an id).
    pub claim: String,
    /// The claim as we knew it at the end of DATE (UTC): only verdicts that had taken
    /// effect and been recorded by then.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub format: FormatOpts,
}

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    group(clap::ArgGroup::new("list").required(true).args(["unverified", "overdue"]))
)]
pub struct ReportOpts {
    #[command(subcommand)]
    pub report: Option<ReportCommand>,
    /// Claims with no verdict, oldest first.
    #[arg(long)]
    pub unverified: bool,
    /// Predictions past their deadline with no verdict, most overdue first.
    #[arg(long)]
    pub overdue: bool,
    /// Only claims by this analyst (id or exact name).
    #[arg(long, value_name = "A")]
    pub analyst: Option<String>,
    /// Only claims of this kind.
    #[arg(long, value_enum, value_name = "K")]
    pub kind: Option<ClaimKind>,
    /// Only claims with this tag.
    #[arg(long, value_name = "T")]
    pub tag: Option<String>,
    /// Only claims that appear in this source (id or URL).
    #[arg(long, value_name = "S")]
    pub source: Option<String>,
    #[command(flatten)]
    pub common: ReportCommon,
}

/// Options every report takes.
#[derive(Debug, Args, Clone)]
pub struct ReportCommon {
    /// Only claims made on or after this day (for --overdue: due on or after it).
    #[arg(long, value_name = "D", global = true)]
    pub since: Option<String>,
    /// Only claims made on or before this day (for --overdue: due on or before it).
    #[arg(long, value_name = "D", global = true)]
    pub until: Option<String>,
    /// At most N rows.
    #[arg(long, value_name = "N", global = true, allow_negative_numbers = true)]
    pub limit: Option<i64>,
    /// What we knew on DATE: only verdicts that had taken effect and been recorded by
    /// the end of that day (UTC) count; claims made after it are left out.
    #[arg(long, value_name = "DATE", global = true)]
    pub as_of: Option<String>,
    /// The day deadlines and ages count to [default: CLAIMS_TODAY, else the --as-of
    /// day, else today (UTC)].
    #[arg(long, value_name = "DATE", global = true)]
    pub today: Option<String>,
    /// Count retracted claims too (left out by default).
    #[arg(long, global = true)]
    pub include_retracted: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table, global = true)]
    pub format: OutputFormat,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Track record per analyst: claims, confirmed, refuted, other settled, pending,
    /// accuracy and Brier score.
    #[command(
        after_help = "Examples:\n  claims report analysts --sort accuracy --min-settled 3\n  claims report analysts --calibration"
    )]
    Analysts(AnalystsReportOpts),
    /// Per outlet (publisher): claims carried, share refuted, share still unverified.
    #[command(after_help = "Example:\n  claims report sources --since 2023-01-01")]
    Sources,
    /// Counts by status and kind, the oldest unverified claim, the next deadlines.
    #[command(after_help = "Example:\n  claims report summary --as-of 2023-09-12")]
    Summary,
}

pub use crate::queries::track_record::TrackRecordOrder as AnalystSort;

#[derive(Debug, Args)]
pub struct AnalystsReportOpts {
    /// Order of the rows.
    #[arg(long, value_enum, default_value_t = AnalystSort::Claims, conflicts_with = "calibration")]
    pub sort: AnalystSort,
    /// Only analysts with at least N settled claims.
    #[arg(
        long,
        value_name = "N",
        allow_negative_numbers = true,
        conflicts_with = "calibration"
    )]
    pub min_settled: Option<i64>,
    /// Instead of one row per analyst: probability bins against how often such claims
    /// came true (over settled claims with a probability).
    #[arg(long)]
    pub calibration: bool,
    /// Only this analyst (id or exact name).
    #[arg(long, value_name = "A")]
    pub analyst: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// Every phrase with its probability and the source of the mapping.
    #[command(after_help = "Example:\n  claims lexicon list --format csv")]
    List(FormatOpts),
    /// Add a phrase.
    #[command(
        after_help = "Example:\n  claims lexicon add \"remote chance\" --probability 0.05 \\\n    --source \"UK PHIA probability yardstick (2019)\""
    )]
    Add(LexiconAddOpts),
}

#[derive(Debug, Args)]
pub struct LexiconAddOpts {
    /// The words, e.g. "remote chance" (stored lower-case).
    pub phrase: String,
    /// The probability they stand for, 0..1.
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    pub probability: String,
    /// Where the mapping comes from.
    #[arg(long, value_name = "T")]
    pub source: String,
    #[command(flatten)]
    pub format: FormatOpts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// The JSON document of docs/interchange.md.
    Json,
    /// Newline-delimited JSON records (docs/bulk-import.md).
    Ndjson,
    /// CSV, one claim per row (docs/bulk-import.md).
    Csv,
}

#[derive(Debug, Args)]
pub struct ImportOpts {
    /// The file to import ("-" reads standard input).
    pub file: PathBuf,
    /// The input's format [default: from the extension: .json, .ndjson/.jsonl, .csv;
    /// json for standard input].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// Load the valid lines and write each refused line, with its reason, to FILE
    /// (NDJSON and CSV input). Without it, one bad line means nothing is written.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Check everything and report what would be added; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// No progress bar (it shows only on a terminal anyway).
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub format: FormatOpts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GenerateFormat {
    Ndjson,
    Csv,
}

#[derive(Debug, Args)]
pub struct GenerateOpts {
    /// How many claims.
    #[arg(long, value_name = "N")]
    pub claims: u64,
    /// The seed: the same seed gives the same bytes.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    #[arg(long, value_enum, default_value_t = GenerateFormat::Ndjson)]
    pub format: GenerateFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportOpts {
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Create (embedded default) and migrate the database.
    #[command(after_help = "Example:\n  claims db setup")]
    Setup,
    /// Apply pending migrations.
    #[command(
        after_help = "Example:\n  claims --database-url postgres://localhost/claims db migrate"
    )]
    Migrate,
    /// Where the database is, whether it runs, and which migrations are applied.
    #[command(after_help = "Example:\n  claims db status")]
    Status,
    /// Load the seed data (seeds/*.json, built into the binary); idempotent.
    #[command(after_help = "Example:\n  claims db seed && claims report --unverified")]
    Seed(SeedOpts),
    /// Print the connection URL (password masked unless --reveal).
    #[command(after_help = "Example:\n  psql \"$(claims db url --reveal)\"")]
    Url(UrlOpts),
    /// Open psql on the database.
    #[command(after_help = "Example:\n  claims db psql -- -c 'select count(*) from claims'")]
    Psql(PsqlOpts),
    /// Grant the reader (read-only) or writer role to an existing login.
    #[command(after_help = "Example:\n  claims db grant reader alice")]
    Grant(GrantOpts),
    /// Write docs/schema.md: every table, view and column from the live catalog, with a diagram.
    #[command(after_help = "Example:\n  claims db docs --output docs/schema.md")]
    Docs(DocsOpts),
    /// Stop the embedded cluster (no effect on an external database).
    #[command(after_help = "Example:\n  claims db stop")]
    Stop,
    /// Create another database on the same server and print its URL (for CI and scripts).
    #[command(
        after_help = "Example:\n  DATABASE_URL=$(claims db create schema_check --replace) diesel migration run"
    )]
    Create(CreateOpts),
    /// Drop a database on the same server (never the one claims uses).
    #[command(after_help = "Example:\n  claims db drop schema_check")]
    Drop(DropOpts),
}

#[derive(Debug, Args)]
pub struct CreateOpts {
    /// Database name: lower-case letters, digits and _.
    pub name: String,
    /// Drop it first if it exists.
    #[arg(long)]
    pub replace: bool,
    /// Apply every migration to it (without this it is empty).
    #[arg(long)]
    pub migrate: bool,
    /// Print the password in the URL too.
    #[arg(long)]
    pub reveal: bool,
}

#[derive(Debug, Args)]
pub struct DropOpts {
    /// Database name.
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Role {
    /// claims_reader: SELECT on every table and view, nothing else.
    Reader,
    /// claims_writer: what the CLI needs; never UPDATE or DELETE of history.
    Writer,
}

#[derive(Debug, Args)]
pub struct GrantOpts {
    #[arg(value_enum)]
    pub role: Role,
    /// An existing login role on the server.
    pub login: String,
}

#[derive(Debug, Args)]
pub struct DocsOpts {
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SeedOpts {
    #[command(flatten)]
    pub format: FormatOpts,
}

#[derive(Debug, Args)]
pub struct UrlOpts {
    /// Print the password too.
    #[arg(long)]
    pub reveal: bool,
}

#[derive(Debug, Args)]
pub struct PsqlOpts {
    /// Arguments passed on to psql.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_leaf_command_has_an_example_in_its_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let path = format!("{path} {}", cmd.get_name());
            if cmd.has_subcommands() {
                for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                    walk(sub, &path, missing);
                }
            } else if !cmd
                .get_after_help()
                .is_some_and(|h| h.to_string().contains("Example"))
            {
                missing.push(path);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no example in --help: {missing:?}");
    }
}
