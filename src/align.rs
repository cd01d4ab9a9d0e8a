//! Alignment of a document's language versions by paragraph id: which blocks each translation
//! has, which it lacks, which it has that the original does not. Ids are the same in every
//! language (they come from the numbering), so alignment is a comparison of ids; nothing is
//! dropped or guessed.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Error, Result};
use crate::model::{Block, Citation, Document, Footnote};
use crate::registry::DocumentEntry;

/// How far one language version of a document covers the reference version.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Coverage {
    pub doc: String,
    /// The language of the reference version (the first source of the registry entry that is
    /// not this one: the original).
    pub reference: String,
    pub lang: String,
    /// Blocks of the reference version (paragraphs and headings) and notes.
    pub total: usize,
    /// Of those, how many this version has.
    pub aligned: usize,
    /// Ids of the reference the version lacks, in order.
    pub missing: Vec<String>,
    /// Ids of the version the reference does not have, in order.
    pub extra: Vec<String>,
}

fn ids(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .map(|b| b.id().to_string())
        .chain(doc.footnotes.iter().map(|f| f.id.clone()))
        .collect()
}

/// The reference language of a document: the language of its first source in the registry
/// (sources are listed by language code; the registry names the original first when it has a
/// field for it, else French, the language of the delivered texts).
pub fn reference_language(entry: &DocumentEntry) -> &str {
    entry
        .sources
        .keys()
        .find(|l| *l == "fr")
        .or_else(|| entry.sources.keys().next())
        .map_or("fr", String::as_str)
}

/// The coverage of every translated version of every document.
pub fn coverage(entries: &[DocumentEntry], documents: &[Document]) -> Vec<Coverage> {
    let mut out = Vec::new();
    for entry in entries {
        let reference = reference_language(entry);
        let Some(original) = documents
            .iter()
            .find(|d| d.id == entry.id && d.lang == reference)
        else {
            continue;
        };
        let theirs = ids(original);
        let their_set: BTreeSet<&String> = theirs.iter().collect();
        for version in documents
            .iter()
            .filter(|d| d.id == entry.id && d.lang != reference)
        {
            let mine = ids(version);
            let my_set: BTreeSet<&String> = mine.iter().collect();
            let missing: Vec<String> = theirs
                .iter()
                .filter(|i| !my_set.contains(i))
                .cloned()
                .collect();
            let extra: Vec<String> = mine
                .iter()
                .filter(|i| !their_set.contains(i))
                .cloned()
                .collect();
            out.push(Coverage {
                doc: entry.id.clone(),
                reference: reference.to_string(),
                lang: version.lang.clone(),
                total: theirs.len(),
                aligned: theirs.len() - missing.len(),
                missing,
                extra,
            });
        }
    }
    out
}

/// The order in which a page shows a version completed by the reference text: the reference's
/// items in order, each taken from the version when the version has it (`true`) and from the
/// reference when it does not (`false`); an item only the version has comes right after the item
/// it follows in the version. Nothing of either text is left out.
pub fn merge<'a, T>(
    reference: &'a [T],
    version: &'a [T],
    id: impl Fn(&T) -> &str,
) -> Vec<(&'a T, bool)> {
    use std::collections::HashMap;
    let theirs: BTreeSet<&str> = reference.iter().map(&id).collect();
    let mine: HashMap<&str, &T> = version.iter().map(|v| (id(v), v)).collect();
    // Items of the version that the reference lacks, under the id of the item they follow
    // (`""`: at the start).
    let mut after: HashMap<&str, Vec<&T>> = HashMap::new();
    let mut anchor = "";
    for v in version {
        if theirs.contains(id(v)) {
            anchor = id(v);
        } else {
            after.entry(anchor).or_default().push(v);
        }
    }
    let mut out = Vec::with_capacity(reference.len().max(version.len()));
    out.extend(after.get("").into_iter().flatten().map(|v| (*v, true)));
    for r in reference {
        match mine.get(id(r)) {
            Some(v) => out.push((*v, true)),
            None => out.push((r, false)),
        }
        out.extend(after.get(id(r)).into_iter().flatten().map(|v| (*v, true)));
    }
    out
}

/// What the `lang` page of a document shows: the text in that language, each block and note it
/// lacks taken from the reference text (so that a partial translation loses nothing); or, when
/// there is no text in that language, the first text there is.
pub struct Shown<'a> {
    /// The text in the page's language, or the one shown instead.
    pub main: &'a Document,
    /// Every block shown, with the text it comes from.
    pub blocks: Vec<(&'a Block, &'a Document)>,
    pub notes: Vec<(&'a Footnote, &'a Document)>,
}

impl<'a> Shown<'a> {
    /// True when some blocks or notes come from another text than the main one.
    pub fn completed(&self) -> bool {
        self.blocks.iter().any(|(_, d)| d.lang != self.main.lang)
            || self.notes.iter().any(|(_, d)| d.lang != self.main.lang)
    }

    /// The references of every block and note shown, each with the text it stands in: the main
    /// text's first, then those of the blocks and notes shown from another text.
    pub fn citations(&self) -> Vec<(&'a Citation, &'a Document)> {
        let shown_from: std::collections::HashMap<&str, &str> = self
            .blocks
            .iter()
            .map(|(b, d)| (b.id(), d.lang.as_str()))
            .chain(
                self.notes
                    .iter()
                    .map(|(f, d)| (f.id.as_str(), d.lang.as_str())),
            )
            .collect();
        let mut texts: Vec<&'a Document> = vec![self.main];
        for d in self
            .blocks
            .iter()
            .map(|(_, d)| *d)
            .chain(self.notes.iter().map(|(_, d)| *d))
        {
            if !texts.iter().any(|t| t.lang == d.lang) {
                texts.push(d);
            }
        }
        texts
            .into_iter()
            .flat_map(|d| {
                d.citations
                    .iter()
                    .filter(|c| shown_from.get(c.from.as_str()) == Some(&d.lang.as_str()))
                    .map(move |c| (c, d))
            })
            .collect()
    }
}

pub fn shown<'a>(
    documents: &'a [Document],
    entry: &DocumentEntry,
    lang: &str,
) -> Result<Shown<'a>> {
    let main = pick_text(documents, entry, lang)?;
    let reference_lang = reference_language(entry);
    let reference = documents
        .iter()
        .find(|d| d.id == entry.id && d.lang == reference_lang && d.lang != main.lang);
    let (blocks, notes) = match reference {
        Some(reference) if main.lang == lang => (
            merge(&reference.blocks, &main.blocks, Block::id)
                .into_iter()
                .map(|(b, mine)| (b, if mine { main } else { reference }))
                .collect(),
            merge(&reference.footnotes, &main.footnotes, |f| f.id.as_str())
                .into_iter()
                .map(|(f, mine)| (f, if mine { main } else { reference }))
                .collect(),
        ),
        _ => (
            main.blocks.iter().map(|b| (b, main)).collect(),
            main.footnotes.iter().map(|f| (f, main)).collect(),
        ),
    };
    Ok(Shown {
        main,
        blocks,
        notes,
    })
}

/// The text to show on the `lang` page: the text in that language, else the first one there is.
pub fn pick_text<'a>(
    documents: &'a [Document],
    entry: &DocumentEntry,
    lang: &str,
) -> Result<&'a Document> {
    let mine: Vec<&Document> = documents.iter().filter(|d| d.id == entry.id).collect();
    mine.iter()
        .find(|d| d.lang == lang)
        .or_else(|| mine.first())
        .copied()
        .ok_or_else(|| Error::Other(format!("document {} was not read", entry.id)))
}

/// Warnings for versions that lack blocks of the original or have blocks it does not have,
/// naming the paragraphs.
pub fn report(coverage: &[Coverage], documents: &[Document]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in coverage {
        let Some(version) = documents.iter().find(|d| d.id == c.doc && d.lang == c.lang) else {
            continue;
        };
        let file = Path::new(&version.source);
        if !c.missing.is_empty() {
            out.push(Diagnostic::warning(
                file,
                0,
                format!(
                    "the {} text lacks {} of the {} text's blocks: {}",
                    c.lang,
                    c.missing.len(),
                    c.reference,
                    list(&c.missing)
                ),
            ));
        }
        for id in &c.extra {
            let line = version.block(id).map(Block::line).unwrap_or(0);
            out.push(Diagnostic::warning(
                file,
                line,
                format!(
                    "`{id}` is not in the {} text: nothing to align it with",
                    c.reference
                ),
            ));
        }
    }
    out
}

fn list(ids: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut s = ids
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        s.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::builder::{DocBuilder, Para};
    use crate::model::{Inline, Role};

    fn doc(lang: &str, numbers: &[&str]) -> Document {
        let mut b = DocBuilder::new(Path::new(&format!("{lang}.txt")), "test");
        for (i, n) in numbers.iter().enumerate() {
            b.paragraph(Para::new(
                Role::Operative,
                Some(n),
                vec![Inline::Text { text: "x".into() }],
                i + 1,
            ));
        }
        let (mut d, _) = b.finish();
        d.id = "d".into();
        d.lang = lang.into();
        d
    }

    fn entry() -> DocumentEntry {
        DocumentEntry {
            id: "d".into(),
            yaml: "d.yaml".into(),
            symbols: vec![],
            body: Default::default(),
            date: "2025".into(),
            title: Default::default(),
            short: Default::default(),
            accept: Default::default(),
            doc_type: None,
            sources: [("fr", "fr.txt"), ("en", "en.txt")]
                .into_iter()
                .map(|(l, p)| {
                    (
                        l.to_string(),
                        crate::registry::Source {
                            lang: l.into(),
                            path: p.into(),
                            relative: p.into(),
                            layout: None,
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn missing_and_extra_paragraphs_are_named() {
        let docs = [
            doc("fr", &["1", "2", "3", "4"]),
            doc("en", &["1", "3", "4", "5"]),
        ];
        let c = coverage(&[entry()], &docs);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].aligned, c[0].total), (3, 4));
        assert_eq!(c[0].missing, ["p2"]);
        assert_eq!(c[0].extra, ["p5"]);
        let w: Vec<String> = report(&c, &docs).iter().map(ToString::to_string).collect();
        assert!(
            w[0].contains("en.txt") && w[0].contains("lacks 1") && w[0].contains("p2"),
            "{w:?}"
        );
        assert!(w[1].contains("en.txt:4") && w[1].contains("p5"), "{w:?}");
    }

    #[test]
    fn a_merge_keeps_every_item_of_both_texts_in_place() {
        let fr = doc("fr", &["1", "2", "3", "4"]);
        let en = doc("en", &["0", "1", "3", "3bis", "4"]);
        let merged: Vec<(String, bool)> = merge(&fr.blocks, &en.blocks, Block::id)
            .into_iter()
            .map(|(b, mine)| (b.id().to_string(), mine))
            .collect();
        let want = [
            ("p0", true),
            ("p1", true),
            ("p2", false),
            ("p3", true),
            ("p3bis", true),
            ("p4", true),
        ];
        assert_eq!(
            merged,
            want.map(|(i, m)| (i.to_string(), m)).to_vec(),
            "order or source of a block is wrong"
        );
    }

    #[test]
    fn references_of_blocks_and_notes_shown_from_the_original_are_kept() {
        // The English text has every paragraph but no note: the note is shown from the French
        // text, and so is its reference.
        let mut fr = doc("fr", &["1", "2"]);
        fr.footnotes.push(crate::model::Footnote {
            number: "1".into(),
            id: "fn1".into(),
            text: "Voir A/RES/70/125.".into(),
            runs: vec![],
            referenced_from: vec![],
            line: 9,
        });
        let cite = |from: &str| {
            crate::model::Citation::new(
                from,
                0,
                0,
                "A/RES/70/125",
                crate::model::CitationKind::Symbol,
            )
        };
        fr.citations = vec![cite("p1"), cite("fn1")];
        let mut en = doc("en", &["1", "2"]);
        en.citations = vec![cite("p2")];
        let docs = [fr, en];
        let shown = shown(&docs, &entry(), "en").unwrap();
        let got: Vec<(String, String)> = shown
            .citations()
            .into_iter()
            .map(|(c, d)| (c.from.clone(), d.lang.clone()))
            .collect();
        // p1's French reference is not shown (p1 is English on this page); the note's is.
        assert_eq!(
            got,
            [
                ("p2".to_string(), "en".to_string()),
                ("fn1".into(), "fr".into())
            ]
        );
    }

    #[test]
    fn a_full_translation_is_fully_aligned() {
        let docs = [doc("fr", &["1", "2"]), doc("en", &["1", "2"])];
        let c = coverage(&[entry()], &docs);
        assert_eq!((c[0].aligned, c[0].total), (2, 2));
        assert!(report(&c, &docs).is_empty());
    }
}
