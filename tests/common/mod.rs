//! Helpers shared by the seed tests: reading a seed and checking that no word is lost or
//! duplicated between a source and its model.
#![allow(dead_code)]

#[allow(unused_imports)]
pub use wsis::check::html;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regex::Regex;
use unicode_normalization::UnicodeNormalization;
use wsis::ingest::{self, Ingested, Layout};
use wsis::model::{text_with_marks, Document};
use wsis::text::words;

pub fn seed_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds/fr")
        .join(name)
}

pub fn seed_text(name: &str) -> String {
    std::fs::read_to_string(seed_path(name)).expect("seed is readable")
}

/// Reads a seed with layout detection, failing the test on any error.
pub fn ingest_seed(name: &str) -> Ingested {
    match ingest::read_file(&seed_path(name), None) {
        Ok(i) => i,
        Err(e) => panic!("{name}: {e}"),
    }
}

pub fn ingest_seed_as(name: &str, layout: Layout) -> Ingested {
    match ingest::read_file(&seed_path(name), Some(layout)) {
        Ok(i) => i,
        Err(e) => panic!("{name}: {e}"),
    }
}

type Bag = BTreeMap<String, i64>;

fn bag(texts: impl Iterator<Item = String>) -> Bag {
    let mut b = Bag::new();
    for t in texts {
        let t: String = t.nfc().collect();
        for w in words(&t) {
            *b.entry(w).or_default() += 1;
        }
    }
    b
}

/// Every word the model holds: cover labels and values, block texts with their note marks, and
/// each note's number and text.
pub fn model_texts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for f in &doc.cover {
        if let Some(l) = &f.label {
            out.push(l.clone());
        }
        out.push(f.value.clone());
    }
    for b in &doc.blocks {
        // Items print their label (`a)`, `67`) before their text.
        if let Some(n) = b.number() {
            out.push(n.to_string());
        }
        out.push(text_with_marks(b.runs()));
    }
    for f in &doc.footnotes {
        out.push(f.number.clone());
        out.push(text_with_marks(&f.runs));
    }
    out
}

/// Compares the words of `source`, after removing every match of the `furniture` patterns
/// (page headers, markers, debris: named by each test; a match is removed, not replaced by a space), with the words of the model.
/// Returns the words missing from the model and the words the model has in excess.
pub fn conservation_diff(source: &str, furniture: &[&str], doc: &Document) -> (Bag, Bag) {
    let mut cleaned = source.to_string();
    for pat in furniture {
        let re = Regex::new(pat).expect("furniture pattern compiles");
        cleaned = re.replace_all(&cleaned, "").into_owned();
    }
    let src = bag(std::iter::once(cleaned));
    let model = bag(model_texts(doc).into_iter());
    let mut missing = Bag::new();
    let mut extra = Bag::new();
    for (w, &n) in &src {
        let m = model.get(w).copied().unwrap_or(0);
        if n > m {
            missing.insert(w.clone(), n - m);
        }
    }
    for (w, &m) in &model {
        let n = src.get(w).copied().unwrap_or(0);
        if m > n {
            extra.insert(w.clone(), m - n);
        }
    }
    (missing, extra)
}

/// Fails with the list of lost and duplicated words when the model does not hold exactly the
/// words of the source minus its furniture.
pub fn assert_conserved(source: &str, furniture: &[&str], doc: &Document) {
    let (missing, extra) = conservation_diff(source, furniture, doc);
    assert!(
        missing.is_empty() && extra.is_empty(),
        "words lost by the model: {missing:?}\nwords the model has in excess: {extra:?}"
    );
}

/// The search records and glossary of the bundled corpus: read, linked and rendered as a build
/// does.
pub fn corpus_records() -> (
    Vec<wsis::search::records::Record>,
    wsis::search::glossary::Glossary,
) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = wsis::config::Config::load(root).unwrap();
    let entries = wsis::registry::load(root).unwrap();
    let (mut documents, _) = wsis::site::ingest_all(&entries).unwrap();
    wsis::link::link(&entries, &mut documents);
    let theme = wsis::theme::Theme::load(root).unwrap();
    let coverage = wsis::align::coverage(&entries, &documents);
    let input = wsis::render::SiteInput {
        root,
        config: &config,
        entries: &entries,
        documents: &documents,
        coverage: &coverage,
    };
    let (_, rendered) = wsis::render::site_files(&input, &theme).unwrap();
    (rendered.records, rendered.glossary)
}
