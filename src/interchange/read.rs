//! Reads a document as a stream: each record of each section is handed on as
//! soon as it is parsed, so importing a document of any size holds one record
//! in memory at a time (the staging table holds the rest).

use std::io::Read;

use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::document::*;

/// Where a record sits in the document: `claims[3]` is `{ section: "claims", index: 3 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub section: &'static str,
    pub index: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]", self.section, self.index)
    }
}

/// Why reading stopped.
#[derive(Debug)]
pub enum ReadError<E> {
    /// Not JSON, or not the document's shape (serde's message names line and column).
    Malformed(serde_json::Error),
    /// `format` or `version` is not what this program reads.
    Header(String),
    /// The callback failed (it is handed back as it was).
    Callback(E),
}

type Emit<'a, E> = dyn FnMut(Place, Record) -> Result<(), E> + 'a;

/// Parses `input` and calls `emit` for every record, in document order.
pub fn read_document<E>(input: impl Read, emit: &mut Emit<'_, E>) -> Result<(), ReadError<E>> {
    let mut state = State {
        emit,
        failure: None,
        format: None,
        version: None,
    };
    let mut de = serde_json::Deserializer::from_reader(input);
    let parsed = (&mut state).deserialize(&mut de).and_then(|()| de.end());
    if let Some(failure) = state.failure {
        return Err(failure);
    }
    parsed.map_err(ReadError::Malformed)?;
    match (state.format, state.version) {
        (None, _) => Err(ReadError::Header(format!(
            "format: missing (a claims document starts with \"format\": \"{FORMAT}\")"
        ))),
        (_, None) => Err(ReadError::Header(format!(
            "version: missing (this claims reads version {VERSION})"
        ))),
        _ => Ok(()),
    }
}

struct State<'a, 'e, E> {
    emit: &'a mut Emit<'e, E>,
    /// Set when something other than the JSON stopped the parse.
    failure: Option<ReadError<E>>,
    format: Option<String>,
    version: Option<u32>,
}

impl<E> State<'_, '_, E> {
    /// Stops the parse for `failure`; the error serde sees is never shown.
    fn stop<D: de::Error>(&mut self, failure: ReadError<E>) -> D {
        self.failure = Some(failure);
        D::custom("stopped")
    }
}

impl<'de, E> DeserializeSeed<'de> for &mut State<'_, '_, E> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, E> Visitor<'de> for &mut State<'_, '_, E> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a claims document (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => {
                    let format: String = map.next_value()?;
                    if format != FORMAT {
                        let message = format!("format: '{format}' is not '{FORMAT}'");
                        return Err(self.stop(ReadError::Header(message)));
                    }
                    self.format = Some(format);
                }
                "version" => {
                    let version: u32 = map.next_value()?;
                    if version != VERSION {
                        let message = format!(
                            "version: {version} is not supported (this claims reads version {VERSION})"
                        );
                        return Err(self.stop(ReadError::Header(message)));
                    }
                    self.version = Some(version);
                }
                "hedge_terms" => {
                    map.next_value_seed(Section::new(self, "hedge_terms", Record::HedgeTerm))?
                }
                "organizations" => {
                    map.next_value_seed(Section::new(self, "organizations", Record::Organization))?
                }
                "analysts" => {
                    map.next_value_seed(Section::new(self, "analysts", Record::Analyst))?
                }
                "sources" => map.next_value_seed(Section::new(self, "sources", Record::Source))?,
                "tags" => map.next_value_seed(Section::new(self, "tags", Record::Tag))?,
                "claims" => map.next_value_seed(Section::new(self, "claims", Record::Claim))?,
                "links" => map.next_value_seed(Section::new(self, "links", Record::Link))?,
                "verifications" => {
                    map.next_value_seed(Section::new(self, "verifications", Record::Verdict))?
                }
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            }
        }
        Ok(())
    }
}

/// One section: an array whose elements become records.
struct Section<'s, 'a, 'e, E, T> {
    state: &'s mut State<'a, 'e, E>,
    section: &'static str,
    wrap: fn(T) -> Record,
}

impl<'s, 'a, 'e, E, T> Section<'s, 'a, 'e, E, T> {
    fn new(state: &'s mut State<'a, 'e, E>, section: &'static str, wrap: fn(T) -> Record) -> Self {
        Section {
            state,
            section,
            wrap,
        }
    }
}

impl<'de, E, T: DeserializeOwned> DeserializeSeed<'de> for Section<'_, '_, '_, E, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, E, T: DeserializeOwned> Visitor<'de> for Section<'_, '_, '_, E, T> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "the array {}", self.section)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(record) = seq.next_element::<T>()? {
            let place = Place {
                section: self.section,
                index,
            };
            if let Err(e) = (self.state.emit)(place, (self.wrap)(record)) {
                return Err(self.state.stop(ReadError::Callback(e)));
            }
            index += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(text: &str) -> Result<Vec<String>, ReadError<()>> {
        let mut seen = Vec::new();
        read_document(text.as_bytes(), &mut |place, _| {
            seen.push(place.to_string());
            Ok(())
        })?;
        Ok(seen)
    }

    #[test]
    fn records_come_in_document_order_with_their_places() {
        let text = r#"{"format": "claims-ledger", "version": 1,
            "analysts": [{"name": "Ann", "kind": "person"}, {"name": "Bob", "kind": "group"}],
            "claims": [{"key": "c", "statement": "S.", "analyst": "Ann"}]}"#;
        assert_eq!(
            places(text).unwrap(),
            ["analysts[0]", "analysts[1]", "claims[0]"]
        );
    }

    #[test]
    fn a_wrong_header_or_an_unknown_section_stops_the_read() {
        let wrong = |text: &str| match places(text) {
            Err(ReadError::Header(m)) => m,
            Err(ReadError::Malformed(e)) => e.to_string(),
            other => panic!("{other:?}"),
        };
        assert!(wrong(r#"{"format": "claims-ledger", "version": 7}"#).starts_with("version: 7"));
        assert!(wrong(r#"{"format": "other", "version": 1}"#).starts_with("format: 'other'"));
        assert!(wrong(r#"{"version": 1}"#).starts_with("format: missing"));
        assert!(
            wrong(r#"{"format": "claims-ledger", "version": 1, "claimz": []}"#)
                .contains("unknown field `claimz`")
        );
    }
}
