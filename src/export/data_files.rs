//! The open data beside each document page: for the page `<lang>/<id>.html`, the folder
//! `<lang>/<id>/` holds `data.json` (the document model in that language, with its citations)
//! and `data.akn.xml` (its Akoma Ntoso 3.0 expression, [`super::akn`]); `data/index.json` lists
//! every document and its files (`docs/data-format.md`).

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::akn::{akn, AknOptions};
use crate::diagnostic::{Error, Result};
use crate::model::Document;
use crate::registry::DocumentEntry;
use crate::render::OutputFile;

/// The format tag of a document's `data.json`.
pub const DATA_FORMAT: &str = "wsis-document/1";

/// Documents whose files are made at once, in parallel; their files are then handed over before
/// the next ones are made, so that a large corpus's data is never held in memory whole.
const BATCH: usize = 32;

/// One document's data file: the model plus the format tag.
#[derive(Serialize)]
struct DataFile<'a> {
    format: &'static str,
    #[serde(flatten)]
    document: &'a Document,
}

/// An entry of `data/index.json`.
#[derive(Serialize)]
struct IndexEntry<'a> {
    id: &'a str,
    symbols: &'a [String],
    date: &'a str,
    body: &'a std::collections::BTreeMap<String, String>,
    title: &'a std::collections::BTreeMap<String, String>,
    languages: Vec<&'a str>,
    /// The `data.json` files, one per language with a text.
    data: Vec<String>,
    /// The `data.akn.xml` files, likewise.
    akn: Vec<String>,
}

/// Where the data of `id` in `lang` is, relative to the site root (`fr/a-res-80-173/data.json`).
pub fn json_path(lang: &str, id: &str) -> String {
    format!("{lang}/{id}/data.json")
}

/// Where the Akoma Ntoso expression of `id` in `lang` is, relative to the site root.
pub fn akn_path(lang: &str, id: &str) -> String {
    format!("{lang}/{id}/data.akn.xml")
}

/// The data files of every document of `entries` in each language it has a text in, and
/// `data/index.json`, each handed to `put` as soon as it is made. `documents` are the linked
/// texts (the Akoma Ntoso references name the documents they cite).
pub fn data_files(
    entries: &[DocumentEntry],
    documents: &[Document],
    put: &mut dyn FnMut(OutputFile) -> Result<()>,
) -> Result<()> {
    let entry_of: HashMap<&str, &DocumentEntry> =
        entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let mine: Vec<&Document> = documents
        .iter()
        .filter(|d| entry_of.contains_key(d.id.as_str()))
        .collect();
    let opts = AknOptions::default();
    for batch in mine.chunks(BATCH) {
        let made: Vec<Result<[OutputFile; 2]>> = batch
            .par_iter()
            .map(|doc| {
                let json = serde_json::to_vec(&DataFile {
                    format: DATA_FORMAT,
                    document: doc,
                })
                .map_err(|e| Error::Other(format!("cannot serialise {}: {e}", doc.id)))?;
                let xml = akn(
                    entries,
                    documents,
                    entry_of[doc.id.as_str()],
                    &doc.lang,
                    &opts,
                )?;
                Ok([
                    OutputFile {
                        path: json_path(&doc.lang, &doc.id),
                        bytes: json,
                    },
                    OutputFile {
                        path: akn_path(&doc.lang, &doc.id),
                        bytes: xml.into_bytes(),
                    },
                ])
            })
            .collect();
        for files in made {
            for f in files? {
                put(f)?;
            }
        }
    }
    let mut langs_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for d in &mine {
        langs_of
            .entry(d.id.as_str())
            .or_default()
            .push(d.lang.as_str());
    }
    let index: Vec<IndexEntry> = entries
        .iter()
        .map(|entry| {
            let langs = langs_of.get(entry.id.as_str()).cloned().unwrap_or_default();
            IndexEntry {
                id: &entry.id,
                symbols: &entry.symbols,
                date: &entry.date,
                body: &entry.body,
                title: &entry.title,
                languages: entry.sources.keys().map(String::as_str).collect(),
                data: langs.iter().map(|l| json_path(l, &entry.id)).collect(),
                akn: langs.iter().map(|l| akn_path(l, &entry.id)).collect(),
            }
        })
        .collect();
    let json = serde_json::to_vec_pretty(&index).map_err(|e| Error::Other(e.to_string()))?;
    put(OutputFile {
        path: "data/index.json".into(),
        bytes: json,
    })
}
