//! The paragraphs of the site as newline-delimited JSON (NDJSON): one object per line, one per
//! paragraph per page language, for bulk loading into a search engine (Quickwit, Elasticsearch,
//! OpenSearch …).
//!
//! Each line is the search index's [`Record`] of the paragraph (the same text, section and
//! citation as the page and the search show), with a stable [`key`] instead of a position,
//! `cited_by` as keys, the paragraph's outgoing citations, and the document's date and issuing
//! body from the registry. Lines come in the order of the records: for each page language of
//! `wsis.yaml`, the documents in registry order, each paragraph in reading order.
//!
//! `docs/ndjson.schema.json` describes one line (JSON Schema 2020-12); `docs/export.md` the fields.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Result;
use crate::model::{Citation, CitationKind, CitationStatus, Document, Paragraph};
use crate::registry::DocumentEntry;
use crate::render::{document_page, Renderer};
use crate::search::records::{self, Cite, Record};
use crate::theme::Theme;

use super::Corpus;

/// One line of the export: one paragraph as one page language shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// `<lang>/<doc>#<id>` ([`key`]): unique in the export, and the same from one build to the next
    /// as long as the paragraph keeps its id.
    pub key: String,
    /// Registry id of the document.
    pub doc: String,
    /// How citations name the document: its symbols joined (`A/81/62 – E/2026/48`) or its short
    /// name.
    pub symbol: String,
    /// The page language.
    pub lang: String,
    /// The language of `text` (the reference text's, on a page whose translation lacks the block).
    pub text_lang: String,
    /// Block id (`p67`, `annex1-p67`).
    pub id: String,
    /// Number as printed (`67`), if any.
    pub number: Option<String>,
    /// The heading the paragraph stands under (empty before the first heading).
    pub section: String,
    /// The paragraph's citation as the page gives it (`A/RES/80/173, par. 67`).
    pub citation: String,
    pub text: String,
    /// The text of the notes the paragraph calls, joined by spaces.
    pub notes: String,
    /// The page address relative to the site root (`fr/a-res-80-173.html#p67`).
    pub url: String,
    /// The document's date from the registry (`2025-12-17`, or a year).
    pub date: String,
    /// The document's issuing body in the page language, from the registry (in another language
    /// when the registry gives none in this one); `null` when it gives none at all.
    pub body: Option<String>,
    /// Keys of the paragraphs of the same page language that cite or quote this one.
    pub cited_by: Vec<String>,
    /// The references this paragraph, or a note it calls, makes.
    pub citations: Vec<Outgoing>,
}

/// A reference a paragraph makes (a [`Citation`] of the model, seen from its paragraph).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Outgoing {
    /// Id of the citing block, or of the note the paragraph calls (`fn3`).
    pub from: String,
    pub kind: CitationKind,
    pub status: CitationStatus,
    /// Canonical symbol or name of the cited text (`A/RES/80/173`), if known.
    pub target_symbol: Option<String>,
    /// Registry id of the cited document when it is in the corpus.
    pub target_doc: Option<String>,
    /// The cited numbers as printed (`["67", "113"]`).
    pub target_paragraphs: Vec<String>,
    /// The block ids they resolve to in the cited document.
    pub target_ids: Vec<String>,
    /// Official copy of a text outside the corpus.
    pub url: Option<String>,
    /// For quotations and reuse: the share of the cited paragraph's wording found (0–1).
    pub similarity: Option<f64>,
    /// The reference as printed (`paragraphes 67 et 113 de la Résolution 80/173`); the number
    /// for an annex entry.
    pub text: String,
}

impl From<&Citation> for Outgoing {
    fn from(c: &Citation) -> Outgoing {
        Outgoing {
            from: c.from.clone(),
            kind: c.kind,
            status: c.status,
            target_symbol: c.target_symbol.clone(),
            target_doc: c.target_doc.clone(),
            target_paragraphs: c.target_paragraphs.clone(),
            target_ids: c.target_ids.clone(),
            url: c.url.clone(),
            similarity: c.similarity,
            text: c.text.clone(),
        }
    }
}

/// The key of a paragraph in a page language: `fr/a-res-80-173#p67`.
pub fn key(lang: &str, doc: &str, id: &str) -> String {
    format!("{lang}/{doc}#{id}")
}

/// The lines of the whole site, paragraphs cited as the theme's pages cite them.
pub fn site_lines(corpus: &Corpus, theme: &Theme) -> Result<Vec<Line>> {
    let renderer = Renderer::new(theme, &corpus.config.languages)?;
    Ok(lines(
        &corpus.entries,
        &corpus.documents,
        &corpus.config.languages,
        &|lang, doc, p| document_page::paragraph_citation(&renderer, lang, doc, p),
    ))
}

/// The lines of `documents` (linked) in each of `languages`, from the search records
/// ([`records::records`]); `cite` gives a paragraph's citation after its document's name.
pub fn lines(
    entries: &[DocumentEntry],
    documents: &[Document],
    languages: &[String],
    cite: &Cite,
) -> Vec<Line> {
    let records = records::records(entries, documents, languages, cite);
    let keys: Vec<String> = records
        .iter()
        .map(|r| key(&r.lang, &r.doc, &r.id))
        .collect();
    let entries: HashMap<&str, &DocumentEntry> =
        entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let texts = Texts::new(documents);
    records
        .into_iter()
        .zip(&keys)
        .map(|(r, key)| {
            let entry = entries.get(r.doc.as_str()).copied();
            let citations = texts.outgoing(&r);
            let cited_by = r.cited_by.iter().map(|&i| keys[i].clone()).collect();
            Line {
                key: key.clone(),
                date: entry.map(|e| e.date.clone()).unwrap_or_default(),
                body: entry.and_then(|e| {
                    e.body
                        .get(&r.lang)
                        .or_else(|| e.body.values().next())
                        .cloned()
                }),
                doc: r.doc,
                symbol: r.symbol,
                lang: r.lang,
                text_lang: r.text_lang,
                id: r.id,
                number: r.number,
                section: r.section,
                citation: r.citation,
                text: r.text,
                notes: r.notes,
                url: r.url,
                cited_by,
                citations,
            }
        })
        .collect()
}

/// The paragraphs and citations of every text, by document, language and block id.
struct Texts<'a> {
    paragraphs: HashMap<(&'a str, &'a str, &'a str), (&'a Document, &'a Paragraph)>,
    citations: HashMap<(&'a str, &'a str, &'a str), Vec<&'a Citation>>,
}

impl<'a> Texts<'a> {
    fn new(documents: &'a [Document]) -> Texts<'a> {
        let mut paragraphs = HashMap::new();
        let mut citations: HashMap<_, Vec<&Citation>> = HashMap::new();
        for d in documents {
            for p in d.paragraphs() {
                paragraphs.insert((d.id.as_str(), d.lang.as_str(), p.id.as_str()), (d, p));
            }
            for c in &d.citations {
                citations
                    .entry((d.id.as_str(), d.lang.as_str(), c.from.as_str()))
                    .or_default()
                    .push(c);
            }
        }
        Texts {
            paragraphs,
            citations,
        }
    }

    /// The citations of a record's paragraph in the text it shows, then those of the notes it
    /// calls, each in the order of the text.
    fn outgoing(&self, r: &Record) -> Vec<Outgoing> {
        let at = |from: &str| {
            self.citations
                .get(&(r.doc.as_str(), r.text_lang.as_str(), from))
                .into_iter()
                .flatten()
                .map(|c| Outgoing::from(*c))
                .collect::<Vec<_>>()
        };
        let mut out = at(&r.id);
        if let Some((doc, p)) =
            self.paragraphs
                .get(&(r.doc.as_str(), r.text_lang.as_str(), r.id.as_str()))
        {
            let mut notes: Vec<&str> = Vec::new();
            for n in &p.footnotes {
                if let Some(f) = doc.footnotes.iter().find(|f| &f.number == n) {
                    if !notes.contains(&f.id.as_str()) {
                        notes.push(&f.id);
                    }
                }
            }
            for id in notes {
                out.extend(at(id));
            }
        }
        out
    }
}

/// Writes `lines` as NDJSON: each line one JSON object, ended by `\n`.
pub fn write(lines: &[Line], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for line in lines {
        serde_json::to_writer(&mut *out, line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// [`write`] into a string.
pub fn to_string(lines: &[Line]) -> String {
    let mut out = Vec::new();
    // Writing into a vector cannot fail, and the model serialises without error.
    let _ = write(lines, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line() -> Line {
        Line {
            key: key("fr", "a-res-80-173", "p67"),
            doc: "a-res-80-173".into(),
            symbol: "A/RES/80/173".into(),
            lang: "fr".into(),
            text_lang: "fr".into(),
            id: "p67".into(),
            number: Some("67".into()),
            section: "Financement".into(),
            citation: "A/RES/80/173, par. 67".into(),
            text: "Nous invitons\nl'UIT « à constituer » \"une équipe\"".into(),
            notes: String::new(),
            url: "fr/a-res-80-173.html#p67".into(),
            date: "2025-12-17".into(),
            body: Some("Assemblée générale".into()),
            cited_by: vec!["fr/c26-93#t4".into()],
            citations: vec![],
        }
    }

    #[test]
    fn each_record_is_one_line_and_reads_back() {
        let lines = vec![line(), line()];
        let text = to_string(&lines);
        assert_eq!(text.matches('\n').count(), 2, "{text}");
        assert!(text.ends_with('\n'));
        for l in text.lines() {
            let back: Line = serde_json::from_str(l).unwrap();
            assert_eq!(back, lines[0]);
        }
        assert!(text.starts_with(r#"{"key":"fr/a-res-80-173#p67","doc":"#));
        assert!(text.contains(r#""number":"67""#) && text.contains(r#""body":"Assemblée"#));
    }

    #[test]
    fn absent_values_are_written_as_null() {
        let mut l = line();
        l.number = None;
        l.body = None;
        let text = to_string(&[l]);
        assert!(text.contains(r#""number":null"#), "{text}");
        assert!(text.contains(r#""body":null"#), "{text}");
    }
}
