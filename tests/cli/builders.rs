//! Fixture builders: the ledger a test needs, said in the domain's words and
//! recorded through the `claims` binary (so fixtures obey the same rules as
//! users). Each builder has the defaults a test does not care about; a test
//! states only what matters to it.
//!
//! ```ignore
//! let summit = ClaimBuilder::new("Putin and Kim will meet within days.")
//!     .by("Outlet")
//!     .prediction()
//!     .insert(&db);
//! VerdictBuilder::new(summit, "confirmed").note("Met at Vostochny").insert(&db);
//! ```

use crate::harness::{added_id, TestDb};

/// An analyst (`claims add analyst`).
pub struct AnalystBuilder {
    name: String,
    kind: Option<&'static str>,
    description: Option<String>,
    affiliations: Vec<String>,
}

impl AnalystBuilder {
    pub fn new(name: &str) -> Self {
        AnalystBuilder {
            name: name.to_owned(),
            kind: None,
            description: None,
            affiliations: Vec::new(),
        }
    }

    /// person (the default), organization, group or unattributed.
    pub fn kind(mut self, kind: &'static str) -> Self {
        self.kind = Some(kind);
        self
    }

    pub fn description(mut self, text: &str) -> Self {
        self.description = Some(text.to_owned());
        self
    }

    /// "TITLE, ORGANIZATION" or "ORGANIZATION".
    pub fn affiliation(mut self, text: &str) -> Self {
        self.affiliations.push(text.to_owned());
        self
    }

    pub fn args(&self) -> Vec<String> {
        let mut args = vec!["add".into(), "analyst".into(), self.name.clone()];
        push_flag(&mut args, "--kind", self.kind);
        push_flag(&mut args, "--description", self.description.as_deref());
        for a in &self.affiliations {
            push_flag(&mut args, "--affiliation", Some(a));
        }
        args
    }

    /// Records it; returns its id.
    pub fn insert(self, db: &TestDb) -> i64 {
        added_id(db.claims().args(self.args()))
    }
}

/// A source (`claims add source`).
pub struct SourceBuilder {
    url: Option<String>,
    title: String,
    publisher: Option<String>,
    published: Option<String>,
}

impl SourceBuilder {
    pub fn new(title: &str) -> Self {
        SourceBuilder {
            url: None,
            title: title.to_owned(),
            publisher: None,
            published: None,
        }
    }

    pub fn url(mut self, url: &str) -> Self {
        self.url = Some(url.to_owned());
        self
    }

    pub fn publisher(mut self, publisher: &str) -> Self {
        self.publisher = Some(publisher.to_owned());
        self
    }

    /// YYYY-MM-DD.
    pub fn published(mut self, day: &str) -> Self {
        self.published = Some(day.to_owned());
        self
    }

    pub fn args(&self) -> Vec<String> {
        let mut args = vec!["add".into(), "source".into()];
        args.extend(self.url.clone());
        push_flag(&mut args, "--title", Some(&self.title));
        push_flag(&mut args, "--publisher", self.publisher.as_deref());
        push_flag(&mut args, "--published", self.published.as_deref());
        args
    }

    pub fn insert(self, db: &TestDb) -> i64 {
        added_id(db.claims().args(self.args()))
    }
}

/// A claim (`claims add claim`), by default a fact by "Outlet", with nothing else.
pub struct ClaimBuilder {
    statement: String,
    by: String,
    kind: Option<&'static str>,
    made: Option<String>,
    expected_by: Option<String>,
    source: Option<String>,
    quote: Option<String>,
    tags: Vec<String>,
}

impl ClaimBuilder {
    pub fn new(statement: &str) -> Self {
        ClaimBuilder {
            statement: statement.to_owned(),
            by: "Outlet".to_owned(),
            kind: None,
            made: None,
            expected_by: None,
            source: None,
            quote: None,
            tags: Vec::new(),
        }
    }

    /// Who made it: an analyst's name (created when new) or id.
    pub fn by(mut self, analyst: &str) -> Self {
        self.by = analyst.to_owned();
        self
    }

    pub fn kind(mut self, kind: &'static str) -> Self {
        self.kind = Some(kind);
        self
    }

    pub fn prediction(self) -> Self {
        self.kind("prediction")
    }

    /// YYYY-MM-DD.
    pub fn made(mut self, day: &str) -> Self {
        self.made = Some(day.to_owned());
        self
    }

    /// YYYY-MM-DD; only for predictions.
    pub fn expected_by(mut self, day: &str) -> Self {
        self.expected_by = Some(day.to_owned());
        self
    }

    /// Where it appeared: a source id or URL, with the passage quoted.
    pub fn appears_in(mut self, source: &str, quote: &str) -> Self {
        self.source = Some(source.to_owned());
        self.quote = Some(quote.to_owned());
        self
    }

    pub fn tag(mut self, tag: &str) -> Self {
        self.tags.push(tag.to_owned());
        self
    }

    pub fn args(&self) -> Vec<String> {
        let mut args = vec![
            "add".into(),
            "claim".into(),
            self.statement.clone(),
            "--by".into(),
            self.by.clone(),
        ];
        push_flag(&mut args, "--kind", self.kind);
        push_flag(&mut args, "--made", self.made.as_deref());
        push_flag(&mut args, "--expected-by", self.expected_by.as_deref());
        push_flag(&mut args, "--source", self.source.as_deref());
        push_flag(&mut args, "--quote", self.quote.as_deref());
        for t in &self.tags {
            push_flag(&mut args, "--tag", Some(t));
        }
        args
    }

    /// Records it; returns its id.
    pub fn insert(self, db: &TestDb) -> i64 {
        added_id(db.claims().args(self.args()))
    }
}

/// A verdict (`claims verify`), by default with a note as its evidence and
/// effective on 2023-09-13.
pub struct VerdictBuilder {
    claim: i64,
    status: String,
    note: Option<String>,
    evidence: Option<String>,
    effective: String,
    by: Option<String>,
}

impl VerdictBuilder {
    pub fn new(claim: i64, status: &str) -> Self {
        VerdictBuilder {
            claim,
            status: status.to_owned(),
            note: Some("n".to_owned()),
            evidence: None,
            effective: "2023-09-13".to_owned(),
            by: None,
        }
    }

    pub fn note(mut self, text: &str) -> Self {
        self.note = Some(text.to_owned());
        self
    }

    /// The source that settles it (an id or URL).
    pub fn evidence(mut self, source: &str) -> Self {
        self.evidence = Some(source.to_owned());
        self
    }

    /// YYYY-MM-DD or an RFC 3339 time.
    pub fn effective(mut self, at: &str) -> Self {
        self.effective = at.to_owned();
        self
    }

    pub fn by(mut self, analyst: &str) -> Self {
        self.by = Some(analyst.to_owned());
        self
    }

    pub fn args(&self) -> Vec<String> {
        let mut args = vec![
            "verify".into(),
            self.claim.to_string(),
            "--status".into(),
            self.status.clone(),
            "--effective".into(),
            self.effective.clone(),
        ];
        push_flag(&mut args, "--note", self.note.as_deref());
        push_flag(&mut args, "--evidence", self.evidence.as_deref());
        push_flag(&mut args, "--by", self.by.as_deref());
        args
    }

    pub fn insert(self, db: &TestDb) -> i64 {
        added_id(db.claims().args(self.args()))
    }
}

fn push_flag(args: &mut Vec<String>, flag: &str, value: Option<&str>) {
    if let Some(v) = value {
        args.push(flag.to_owned());
        args.push(v.to_owned());
    }
}
