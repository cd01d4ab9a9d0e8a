//! The graph of references between the texts, as CSV (RFC 4180) or JSON: one edge per citing
//! block or note and cited paragraph.
//!
//! Every citation the linker found gives one edge per block id it resolves to (`paragraphes 67
//! et 113` gives two), or one edge with no target when it resolves to no paragraph: a reference
//! to a whole document (`symbol`), to a text outside the corpus (`external`), or one that could
//! not be resolved (`unresolved`). Edges come by citing document (registry id), then language,
//! then in the order of the text. The columns are [`COLUMNS`]; `docs/export.md` describes them.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Citation, CitationKind, CitationStatus, Document};

/// The format tag of the JSON export.
pub const FORMAT: &str = "wsis-citations/1";

/// The columns of the CSV, in order; also the fields of each JSON edge.
pub const COLUMNS: [&str; 15] = [
    "from_doc",
    "from_lang",
    "from_id",
    "from_number",
    "kind",
    "status",
    "target_symbol",
    "target_doc",
    "target_id",
    "target_number",
    "target_paragraphs",
    "similarity",
    "suggested",
    "url",
    "text",
];

/// How the graph is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            _ => Err(format!(
                "unknown citations format `{s}`: choose csv or json"
            )),
        }
    }
}

/// One edge: a citing block or note → one cited paragraph (or nothing, see the module).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Edge<'a> {
    /// Registry id and language of the citing text.
    pub from_doc: &'a str,
    pub from_lang: &'a str,
    /// Id of the citing block (`annex1-p67`, `t4`, `h2`) or note (`fn3`).
    pub from_id: &'a str,
    /// The number the citing block or note prints, if any.
    pub from_number: Option<&'a str>,
    pub kind: CitationKind,
    pub status: CitationStatus,
    pub target_symbol: Option<&'a str>,
    pub target_doc: Option<&'a str>,
    /// The cited block's id; `None` for a reference that resolves to no paragraph.
    pub target_id: Option<&'a str>,
    /// The number the cited block prints (for a mismatch, the paragraph the text really is).
    pub target_number: Option<&'a str>,
    /// The numbers the reference prints (the whole reference's, on each of its edges).
    pub target_paragraphs: &'a [String],
    pub similarity: Option<f64>,
    /// For a mismatch: the number of the paragraph whose text the quotation matches.
    pub suggested: Option<&'a str>,
    /// Official copy of a text outside the corpus.
    pub url: Option<&'a str>,
    /// The reference as printed.
    pub text: &'a str,
}

/// Numbers of the blocks and notes of every text, by document, language and id.
struct Numbers<'a>(HashMap<(&'a str, &'a str, &'a str), Option<&'a str>>);

impl<'a> Numbers<'a> {
    fn new(docs: &'a [Document]) -> Numbers<'a> {
        let mut map = HashMap::new();
        for d in docs {
            for b in &d.blocks {
                map.insert((d.id.as_str(), d.lang.as_str(), b.id()), b.number());
            }
            for f in &d.footnotes {
                map.insert(
                    (d.id.as_str(), d.lang.as_str(), f.id.as_str()),
                    Some(f.number.as_str()),
                );
            }
        }
        Numbers(map)
    }

    /// The number of block `id` of `doc` in `lang`, or in another language of `doc` when that
    /// text lacks it.
    fn of(&self, docs: &'a [Document], doc: &str, lang: &str, id: &str) -> Option<&'a str> {
        if let Some(n) = self.0.get(&(doc, lang, id)) {
            return *n;
        }
        docs.iter()
            .filter(|d| d.id == doc)
            .find_map(|d| self.0.get(&(d.id.as_str(), d.lang.as_str(), id)))
            .copied()
            .flatten()
    }
}

/// Every edge of `docs` (linked), ordered as the module says.
pub fn edges(docs: &[Document]) -> Vec<Edge<'_>> {
    let numbers = Numbers::new(docs);
    let mut order: Vec<&Document> = docs.iter().collect();
    order.sort_by(|a, b| (&a.id, &a.lang).cmp(&(&b.id, &b.lang)));
    let mut out = Vec::new();
    for d in order {
        for c in &d.citations {
            if c.target_ids.is_empty() {
                out.push(make(docs, &numbers, d, c, None));
            } else {
                out.extend(
                    c.target_ids
                        .iter()
                        .map(|t| make(docs, &numbers, d, c, Some(t.as_str()))),
                );
            }
        }
    }
    out
}

/// The edge of citation `c` of `d` to `target_id`.
fn make<'a>(
    docs: &'a [Document],
    numbers: &Numbers<'a>,
    d: &'a Document,
    c: &'a Citation,
    target_id: Option<&'a str>,
) -> Edge<'a> {
    Edge {
        from_doc: &d.id,
        from_lang: &d.lang,
        from_id: &c.from,
        from_number: numbers.of(docs, &d.id, &d.lang, &c.from),
        kind: c.kind,
        status: c.status,
        target_symbol: c.target_symbol.as_deref(),
        target_doc: c.target_doc.as_deref(),
        target_id,
        target_number: match (c.target_doc.as_deref(), target_id) {
            (Some(doc), Some(id)) => numbers.of(docs, doc, &d.lang, id),
            _ => None,
        },
        target_paragraphs: &c.target_paragraphs,
        similarity: c.similarity,
        suggested: c.suggested.as_deref(),
        url: c.url.as_deref(),
        text: &c.text,
    }
}

/// The graph as CSV (RFC 4180): a header line of [`COLUMNS`], then one line per edge, lines
/// ended by CRLF. An absent value is an empty field; `target_paragraphs` are joined by spaces.
pub fn citations_csv(docs: &[Document]) -> String {
    let mut out = String::new();
    push_row(&mut out, COLUMNS.iter().map(|c| Cow::Borrowed(*c)));
    for e in edges(docs) {
        let opt = |v: Option<&str>| Cow::Owned(v.unwrap_or_default().to_string());
        let row: [Cow<str>; 15] = [
            Cow::Borrowed(e.from_doc),
            Cow::Borrowed(e.from_lang),
            Cow::Borrowed(e.from_id),
            opt(e.from_number),
            Cow::Borrowed(e.kind.as_str()),
            Cow::Borrowed(e.status.as_str()),
            opt(e.target_symbol),
            opt(e.target_doc),
            opt(e.target_id),
            opt(e.target_number),
            Cow::Owned(e.target_paragraphs.join(" ")),
            Cow::Owned(e.similarity.map(|s| s.to_string()).unwrap_or_default()),
            opt(e.suggested),
            opt(e.url),
            Cow::Borrowed(e.text),
        ];
        push_row(&mut out, row.into_iter());
    }
    out
}

/// Appends one CSV record and its CRLF.
fn push_row<'a>(out: &mut String, fields: impl Iterator<Item = Cow<'a, str>>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_field(&f));
    }
    out.push_str("\r\n");
}

/// A field as RFC 4180 writes it: between double quotes, inner quotes doubled, when it holds a
/// comma, a double quote, a line break, or leading or trailing white space; as it is otherwise.
pub fn csv_field(s: &str) -> Cow<'_, str> {
    let quote = s.contains([',', '"', '\n', '\r'])
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace);
    if quote {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

/// The graph as JSON: `{"format": "wsis-citations/1", "edges": [...]}`, each edge an object with
/// the fields of [`COLUMNS`] (absent values `null`, `target_paragraphs` an array), one edge per
/// line.
pub fn citations_json(docs: &[Document]) -> String {
    let edges: Vec<String> = edges(docs)
        .iter()
        .map(|e| serde_json::to_string(e).unwrap_or_default())
        .collect();
    let mut out = format!("{{\"format\":\"{FORMAT}\",\"edges\":[");
    for (i, e) in edges.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(e);
    }
    out.push_str("\n]}\n");
    out
}

/// The graph in `format`.
pub fn citations(docs: &[Document], format: Format) -> String {
    match format {
        Format::Csv => citations_csv(docs),
        Format::Json => citations_json(docs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Footnote, Paragraph, Role};

    #[test]
    fn plain_fields_are_left_as_they_are() {
        assert_eq!(csv_field("annex-quote"), "annex-quote");
        assert_eq!(csv_field(""), "");
        assert_eq!(
            csv_field("Résolution 80/173 « citée »"),
            "Résolution 80/173 « citée »"
        );
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(
            csv_field("Résolution 1332 (C11, dernière mod. C24)"),
            "\"Résolution 1332 (C11, dernière mod. C24)\""
        );
        assert_eq!(csv_field("le \"Pacte\""), "\"le \"\"Pacte\"\"\"");
        assert_eq!(csv_field("\""), "\"\"\"\"");
        assert_eq!(csv_field("a\nb"), "\"a\nb\"");
        assert_eq!(csv_field("a\r\nb"), "\"a\r\nb\"");
        assert_eq!(csv_field(" padded"), "\" padded\"");
    }

    fn para(id: &str, number: Option<&str>, text: &str) -> Block {
        Block::Paragraph(Paragraph {
            id: id.into(),
            role: Role::Operative,
            number: number.map(str::to_string),
            text: text.into(),
            runs: vec![],
            footnotes: vec![],
            parent: None,
            clause: None,
            annex: None,
            line: 1,
        })
    }

    fn doc(id: &str, blocks: Vec<Block>, citations: Vec<Citation>) -> Document {
        Document {
            id: id.into(),
            symbol: id.to_uppercase(),
            symbols: vec![],
            lang: "fr".into(),
            title: String::new(),
            layout: String::new(),
            doc_type: Default::default(),
            source: String::new(),
            cover: vec![],
            blocks,
            footnotes: vec![Footnote {
                number: "3".into(),
                id: "fn3".into(),
                text: "Voir A/RES/70/125.".into(),
                runs: vec![],
                referenced_from: vec![],
                line: 9,
            }],
            citations,
        }
    }

    /// A citing text with a reference to two paragraphs, a quotation with a comma and quotes, and
    /// a note citing an outside text; and the cited text.
    fn corpus() -> Vec<Document> {
        let mut two = Citation::new("t1", 0, 9, "par. 1 et 2", CitationKind::Explicit);
        two.status = CitationStatus::Unverified;
        two.target_doc = Some("b".into());
        two.target_paragraphs = vec!["1".into(), "2".into()];
        two.target_ids = vec!["p1".into(), "p2".into()];
        let mut quoted = Citation::new("p5", 0, 0, "dit « oui, \"non\" »", CitationKind::Quotation);
        quoted.status = CitationStatus::Verified;
        quoted.target_doc = Some("b".into());
        quoted.target_ids = vec!["p2".into()];
        quoted.similarity = Some(0.5);
        let mut note = Citation::new("fn3", 4, 15, "A/RES/70/125", CitationKind::Symbol);
        note.status = CitationStatus::External;
        note.url = Some("https://undocs.org/fr/A/RES/70/125".into());
        vec![
            doc(
                "b",
                vec![para("p1", Some("1"), "Un."), para("p2", Some("2"), "Deux.")],
                vec![],
            ),
            doc(
                "a",
                vec![para("t1", None, "Voir."), para("p5", Some("5"), "Cite.")],
                vec![two, quoted, note],
            ),
        ]
    }

    #[test]
    fn each_target_id_is_an_edge_and_a_citation_without_target_is_one() {
        let docs = corpus();
        let e = edges(&docs);
        let shape: Vec<_> = e
            .iter()
            .map(|e| (e.from_id, e.from_number, e.target_id, e.target_number))
            .collect();
        assert_eq!(
            shape,
            vec![
                ("t1", None, Some("p1"), Some("1")),
                ("t1", None, Some("p2"), Some("2")),
                ("p5", Some("5"), Some("p2"), Some("2")),
                ("fn3", Some("3"), None, None),
            ]
        );
    }

    #[test]
    fn the_csv_has_a_header_and_quotes_what_needs_it() {
        let csv = citations_csv(&corpus());
        let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
        assert_eq!(lines.len(), 5, "{csv}");
        assert_eq!(lines[0], COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "a,fr,t1,,explicit,unverified,,b,p1,1,1 2,,,,par. 1 et 2"
        );
        assert_eq!(
            lines[3],
            "a,fr,p5,5,quotation,verified,,b,p2,2,,0.5,,,\"dit « oui, \"\"non\"\" »\""
        );
        assert_eq!(
            lines[4],
            "a,fr,fn3,3,symbol,external,,,,,,,,https://undocs.org/fr/A/RES/70/125,A/RES/70/125"
        );
    }

    #[test]
    fn the_json_is_an_object_with_the_edges() {
        let json: serde_json::Value = serde_json::from_str(&citations_json(&corpus())).unwrap();
        assert_eq!(json["format"], FORMAT);
        let edges = json["edges"].as_array().unwrap();
        assert_eq!(edges.len(), 4);
        let keys: Vec<&str> = edges[0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut columns = COLUMNS.to_vec();
        columns.sort();
        let mut keys = keys;
        keys.sort();
        assert_eq!(keys, columns);
        assert_eq!(edges[0]["target_paragraphs"], serde_json::json!(["1", "2"]));
        assert_eq!(edges[3]["target_id"], serde_json::Value::Null);
        assert_eq!(edges[2]["similarity"], 0.5);
    }

    #[test]
    fn formats_are_named_csv_or_json() {
        assert_eq!("csv".parse::<Format>(), Ok(Format::Csv));
        assert_eq!("JSON".parse::<Format>(), Ok(Format::Json));
        let err = "xml".parse::<Format>().unwrap_err();
        assert!(
            err.contains("`xml`") && err.contains("csv or json"),
            "{err}"
        );
    }
}
