//! Paragraph-keyed translations: a YAML file that gives, for block and note ids of a document's
//! reference text, their text in another language.
//!
//! ```yaml
//! blocks:
//!   s-i: Major trends
//!   annex1-p67: "We invite the International Telecommunication Union …"
//! notes:
//!   fn1: See resolution 70/125.
//! ```
//!
//! Such a file has no structure of its own: each block it names takes its number, role, level and
//! place from the block with the same id in the reference text ([`project`]). The blocks it does
//! not name are missing from the translation, and reported as such by [`crate::align`]; a key
//! that names no block of the reference text is an error, so no translated text is ever dropped.
//!
//! Values are plain text with three marks: `*italic*`, `**bold**`, and `[^N]` for the mark of
//! note N.

use std::collections::BTreeSet;
use std::path::Path;

use super::builder::note_refs;
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::model::{Block, Document, Emphasis, Footnote, Inline};
use crate::text::{decode_source, normalize, normalize_run};

/// The layout name of paragraph-keyed files, as shown in the data files.
pub const LAYOUT: &str = "paragraph-keyed";

/// Whether `path` names a paragraph-keyed translation (a `.yaml` or `.yml` file).
pub fn is_keyed(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// One translated block or note.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub runs: Vec<Inline>,
    /// 1-based line of the key in the file.
    pub line: usize,
}

/// A paragraph-keyed file as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed {
    pub blocks: Vec<Entry>,
    pub notes: Vec<Entry>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    blocks: serde_yaml::Mapping,
    #[serde(default)]
    notes: serde_yaml::Mapping,
}

/// Reads a paragraph-keyed file from disk.
pub fn read_file(path: &Path) -> Result<Keyed> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = decode_source(&bytes, path)?;
    parse(&text, path)
}

/// Parses a paragraph-keyed file; `path` names it in messages.
pub fn parse(text: &str, path: &Path) -> Result<Keyed> {
    let raw: Raw = serde_yaml::from_str(text).map_err(|e| {
        let (mut line, mut column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        // The parser places a repeated key at its mapping: name the repetition's line instead.
        let message = e.to_string();
        if let Some(key) = message
            .split_once("duplicate entry with key \"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(k, _)| k)
        {
            let first = key_line(text, 0, key);
            let second = key_line(text, first, key);
            if second > 0 {
                (line, column) = (second, 0);
            }
        }
        Diagnostic::error(
            path,
            line,
            format!("invalid paragraph-keyed translation: {e}; the file has `blocks:` and `notes:`, each mapping ids to texts"),
        )
        .at_column(column)
    })?;
    let mut errors = Vec::new();
    let blocks = entries(text, path, "blocks", &raw.blocks, &mut errors);
    let notes = entries(text, path, "notes", &raw.notes, &mut errors);
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    if blocks.is_empty() && notes.is_empty() {
        return Err(Diagnostic::error(
            path,
            0,
            "no translated text: give `blocks:` (and `notes:`) as ids of the reference text mapped to their translation",
        )
        .into());
    }
    Ok(Keyed { blocks, notes })
}

fn entries(
    text: &str,
    path: &Path,
    section: &str,
    map: &serde_yaml::Mapping,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let start = text
        .lines()
        .position(|l| {
            l.trim_end() == format!("{section}:") || l.starts_with(&format!("{section}:"))
        })
        .unwrap_or(0);
    let mut out = Vec::new();
    for (key, value) in map {
        let id = match key {
            serde_yaml::Value::String(s) => s.clone(),
            serde_yaml::Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        let line = key_line(text, start, &id);
        let value = match value {
            serde_yaml::Value::String(s) => s.clone(),
            serde_yaml::Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        if id.is_empty() {
            errors.push(Diagnostic::error(
                path,
                line,
                format!("a key of `{section}` is not an id"),
            ));
            continue;
        }
        if normalize(&value).is_empty() {
            errors.push(Diagnostic::error(
                path,
                line,
                format!("`{id}` has no text: give its translation, or leave the key out"),
            ));
            continue;
        }
        out.push(Entry {
            id,
            runs: runs(&value),
            line,
        });
    }
    out
}

/// The line of `key:` at or after line index `from` (0 when it cannot be found).
fn key_line(text: &str, from: usize, key: &str) -> usize {
    let forms = [
        format!("{key}:"),
        format!("\"{key}\":"),
        format!("'{key}':"),
    ];
    text.lines()
        .enumerate()
        .skip(from)
        .find(|(_, l)| {
            let t = l.trim_start();
            forms.iter().any(|f| t.starts_with(f.as_str()))
        })
        .map_or(0, |(i, _)| i + 1)
}

/// Inline runs of a value: `**bold**`, `*italic*`, `[^N]` note marks, the rest plain text. A
/// mark that is not closed is text.
pub fn runs(value: &str) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut plain = String::new();
    let mut rest = value;
    let flush = |plain: &mut String, out: &mut Vec<Inline>| {
        if !plain.is_empty() {
            out.push(Inline::Text {
                text: normalize_run(plain),
            });
            plain.clear();
        }
    };
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("[^") {
            if let Some(end) = after.find(']') {
                let number = &after[..end];
                if !number.is_empty() && !number.contains(char::is_whitespace) {
                    flush(&mut plain, &mut out);
                    out.push(Inline::NoteRef {
                        number: number.to_string(),
                    });
                    rest = &after[end + 1..];
                    continue;
                }
            }
        }
        let (marker, style) = if rest.starts_with("**") {
            ("**", Emphasis::Bold)
        } else {
            ("*", Emphasis::Italic)
        };
        if c == '*' {
            let after = &rest[marker.len()..];
            if let Some(end) = after.find(marker).filter(|&e| e > 0) {
                flush(&mut plain, &mut out);
                out.push(Inline::Emphasis {
                    style,
                    text: normalize_run(&after[..end]),
                });
                rest = &after[end + marker.len()..];
                continue;
            }
        }
        plain.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut plain, &mut out);
    trim_edges(&mut out);
    out
}

/// Removes the white space at the start of the first run and the end of the last.
fn trim_edges(runs: &mut Vec<Inline>) {
    if let Some(Inline::Text { text }) = runs.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text }) = runs.last_mut() {
        *text = text.trim_end().to_string();
    }
    runs.retain(|r| !matches!(r, Inline::Text { text } if text.is_empty()));
}

/// The translation as a document: every block and note the file names, with the structure of the
/// block of the same id in `reference`, in the reference's order. Keys that name nothing in the
/// reference are errors (with their lines); note marks that differ from the reference's are
/// warnings.
pub fn project(
    keyed: &Keyed,
    reference: &Document,
    path: &Path,
) -> Result<(Document, Vec<Diagnostic>)> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let known_blocks: BTreeSet<&str> = reference.blocks.iter().map(Block::id).collect();
    let known_notes: BTreeSet<&str> = reference.footnotes.iter().map(|f| f.id.as_str()).collect();
    for (entries, known, what) in [
        (&keyed.blocks, &known_blocks, "block"),
        (&keyed.notes, &known_notes, "note"),
    ] {
        for e in entries {
            if !known.contains(e.id.as_str()) {
                errors.push(Diagnostic::error(
                    path,
                    e.line,
                    format!(
                        "`{}` is not a {what} of the {} text ({}): keys are the ids of its {what}s, as `wsis inspect {}` lists them",
                        e.id, reference.lang, reference.source, reference.source
                    ),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    let mut blocks = Vec::new();
    for b in &reference.blocks {
        let Some(e) = keyed.blocks.iter().find(|e| e.id == b.id()) else {
            continue;
        };
        let text = super::builder::plain_text(&e.runs);
        let footnotes = note_refs(&e.runs);
        let theirs = note_refs(b.runs());
        if footnotes != theirs {
            warnings.push(Diagnostic::warning(
                path,
                e.line,
                format!(
                    "`{}` marks notes [{}] but the {} text marks [{}] there",
                    e.id,
                    footnotes.join(", "),
                    reference.lang,
                    theirs.join(", ")
                ),
            ));
        }
        let mut block = b.clone();
        match &mut block {
            Block::Heading(h) => {
                h.text = text;
                h.runs = e.runs.clone();
                h.footnotes = footnotes;
                h.line = e.line;
            }
            Block::Paragraph(p) => {
                p.text = text;
                p.runs = e.runs.clone();
                p.footnotes = footnotes;
                p.line = e.line;
            }
        }
        blocks.push(block);
    }
    let footnotes: Vec<Footnote> = reference
        .footnotes
        .iter()
        .filter_map(|f| {
            let e = keyed.notes.iter().find(|e| e.id == f.id)?;
            Some(Footnote {
                number: f.number.clone(),
                id: f.id.clone(),
                text: super::builder::plain_text(&e.runs),
                runs: e.runs.clone(),
                referenced_from: blocks
                    .iter()
                    .filter(|b| note_refs(b.runs()).contains(&f.number))
                    .map(|b| b.id().to_string())
                    .collect(),
                line: e.line,
            })
        })
        .collect();
    for e in &keyed.blocks {
        for n in note_refs(&e.runs) {
            if !reference.footnotes.iter().any(|f| f.number == n) {
                warnings.push(Diagnostic::warning(
                    path,
                    e.line,
                    format!(
                        "`{}` marks note {n}, which the {} text does not have",
                        e.id, reference.lang
                    ),
                ));
            }
        }
    }
    let doc = Document {
        id: reference.id.clone(),
        symbol: reference.symbol.clone(),
        symbols: reference.symbols.clone(),
        lang: String::new(),
        title: String::new(),
        layout: LAYOUT.to_string(),
        doc_type: reference.doc_type,
        source: path.display().to_string(),
        cover: Vec::new(),
        blocks,
        footnotes,
        citations: Vec::new(),
    };
    Ok((doc, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::builder::{DocBuilder, Para};
    use crate::model::Role;

    fn reference() -> Document {
        let mut b = DocBuilder::new(Path::new("fr.txt"), "test");
        b.heading(
            2,
            Some("I"),
            vec![Inline::Text {
                text: "Introduction".into(),
            }],
            1,
        );
        for (i, n) in ["1", "2", "3"].iter().enumerate() {
            let mut runs = vec![Inline::Text {
                text: format!("Texte {n}"),
            }];
            if *n == "2" {
                runs.push(Inline::NoteRef { number: "1".into() });
            }
            b.paragraph(Para::new(Role::Operative, Some(n), runs, i + 3));
        }
        b.footnote(
            "1",
            vec![Inline::Text {
                text: "Note.".into(),
            }],
            9,
        );
        let (mut d, _) = b.finish();
        d.lang = "fr".into();
        d.source = "seeds/fr/x.txt".into();
        d
    }

    #[test]
    fn marks_become_runs_and_unclosed_marks_stay_text() {
        assert_eq!(
            runs("We *recognize* that **all**[^3] of 5 * 2"),
            vec![
                Inline::Text { text: "We ".into() },
                Inline::Emphasis {
                    style: Emphasis::Italic,
                    text: "recognize".into()
                },
                Inline::Text {
                    text: " that ".into()
                },
                Inline::Emphasis {
                    style: Emphasis::Bold,
                    text: "all".into()
                },
                Inline::NoteRef { number: "3".into() },
                Inline::Text {
                    text: " of 5 * 2".into()
                },
            ]
        );
    }

    #[test]
    fn a_projection_takes_the_structure_of_the_reference_and_its_order() {
        let src = "# test\nnotes:\n  fn1: The note.\nblocks:\n  p2: \"Text 2[^1]\"\n  s-i: Introduction\n";
        let keyed = parse(src, Path::new("en.yaml")).unwrap();
        assert_eq!(keyed.blocks[0].line, 5);
        assert_eq!(keyed.notes[0].line, 3);
        let (doc, warnings) = project(&keyed, &reference(), Path::new("en.yaml")).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let ids: Vec<&str> = doc.blocks.iter().map(Block::id).collect();
        assert_eq!(ids, ["s-i", "p2"]);
        let p2 = doc.block("p2").unwrap().as_paragraph().unwrap();
        assert_eq!(
            (p2.text.as_str(), p2.number.as_deref()),
            ("Text 2", Some("2"))
        );
        assert_eq!(p2.role, Role::Operative);
        assert_eq!(p2.line, 5);
        assert_eq!(doc.footnotes[0].referenced_from, ["p2"]);
        assert_eq!(doc.layout, LAYOUT);
    }

    #[test]
    fn an_unknown_key_is_an_error_with_its_line_and_nothing_is_dropped() {
        let src = "blocks:\n  p1: One\n  p9: Nine\n";
        let keyed = parse(src, Path::new("en.yaml")).unwrap();
        let err = project(&keyed, &reference(), Path::new("en.yaml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("en.yaml:3") && err.contains("`p9`"), "{err}");
    }

    #[test]
    fn a_lost_note_mark_is_a_warning() {
        let keyed = parse("blocks:\n  p2: Text 2\n", Path::new("en.yaml")).unwrap();
        let (_, warnings) = project(&keyed, &reference(), Path::new("en.yaml")).unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].to_string().contains("en.yaml:2"),
            "{warnings:?}"
        );
    }

    #[test]
    fn bad_files_are_refused_with_their_line() {
        for (src, want) in [
            ("blocks:\n  p1: One\nparagraphs: {}\n", "en.yaml:3"),
            ("blocks:\n  p1: \"\"\n", "`p1` has no text"),
            ("blocks:\n  p1: One\n  p1: Again\n", "en.yaml:3"),
            ("# nothing\n", "no translated text"),
        ] {
            let err = parse(src, Path::new("en.yaml")).unwrap_err().to_string();
            assert!(err.contains(want), "{src:?}: {err}");
        }
    }
}
