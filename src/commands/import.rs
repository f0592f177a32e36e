//! `claims import FILE`: a JSON interchange document, in one transaction.

use std::io::Read;

use serde::Serialize;

use crate::cli::{ImportOpts, OutputFormat};
use crate::connection::Target;
use crate::error::{Error, Result};
use crate::interchange::{self, Summary};
use crate::output::{print, Rows};

pub fn run(opts: ImportOpts, target: &Target) -> Result<()> {
    let (text, origin) = if opts.file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| {
            Error::invalid(format!("standard input: cannot read it as UTF-8 text: {e}"))
        })?;
        (text, "standard input".to_owned())
    } else {
        let origin = opts.file.display().to_string();
        let text = std::fs::read_to_string(&opts.file)
            .map_err(|e| Error::invalid(format!("{origin}: cannot read it: {e}")))?;
        (text, origin)
    };
    let doc = interchange::parse(&text, &origin)?;
    let mut conn = target.connect()?;
    let summary = interchange::import(target, &mut conn, &doc, &origin)?;
    print_summary(opts.format.format, &origin, &summary)
}

#[derive(Serialize)]
struct SummaryOut<'a> {
    file: &'a str,
    #[serde(flatten)]
    summary: &'a Summary,
}

pub fn print_summary(format: OutputFormat, origin: &str, summary: &Summary) -> Result<()> {
    for w in &summary.warnings {
        eprintln!("warning: {origin}: {w}");
    }
    if format == OutputFormat::Table {
        let parts: Vec<String> = summary
            .sections
            .iter()
            .map(|(name, c)| format!("{name} {} new, {} existing", c.created, c.existing))
            .collect();
        let verdict = if summary.created_total() == 0 {
            "nothing new"
        } else {
            "imported"
        };
        println!("{origin}: {verdict}: {}", parts.join("; "));
        return Ok(());
    }
    print(
        format,
        &SummaryOut {
            file: origin,
            summary,
        },
        || Rows {
            headers: vec!["section", "created", "existing"],
            rows: summary
                .sections
                .iter()
                .map(|(name, c)| {
                    vec![
                        name.to_string(),
                        c.created.to_string(),
                        c.existing.to_string(),
                    ]
                })
                .collect(),
        },
    )
}
