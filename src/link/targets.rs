//! What a reference can point to: the corpus's documents by symbol, their paragraphs by number
//! and their ITU clause items, and the official copies of UN documents outside the corpus.

use std::collections::HashMap;

use super::similarity::{shingles, Mix, Shingles};
use crate::ingest::builder::clause_slug;
use crate::model::{Block, Document};
use crate::registry::DocumentEntry;

/// The documents of one language, indexed for resolving references.
pub struct Targets<'a> {
    docs: Vec<&'a Document>,
    /// Symbol (upper case) → index in `docs`.
    by_symbol: HashMap<String, usize>,
    /// Registry id → index in `docs`.
    by_id: HashMap<&'a str, usize>,
    dates: HashMap<&'a str, &'a str>,
    /// The wording of every distinct heading of these documents: each heading's number of
    /// shingles, and for each shingle the headings that have it.
    title_sizes: Vec<usize>,
    title_shingles: HashMap<u64, Vec<u32>, Mix>,
}

impl<'a> Targets<'a> {
    /// `docs` are the documents of one language; `entries` give their symbols and dates.
    pub fn new(entries: &'a [DocumentEntry], docs: Vec<&'a Document>) -> Targets<'a> {
        let mut by_symbol = HashMap::new();
        let mut by_id = HashMap::new();
        let mut dates = HashMap::new();
        let entry_of: HashMap<&str, &DocumentEntry> =
            entries.iter().map(|e| (e.id.as_str(), e)).collect();
        let mut heading_texts = std::collections::BTreeSet::new();
        for (i, d) in docs.iter().enumerate() {
            by_id.insert(d.id.as_str(), i);
            heading_texts.extend(d.headings().map(|h| h.text.as_str()));
            if let Some(e) = entry_of.get(d.id.as_str()) {
                dates.insert(e.id.as_str(), e.date.as_str());
                for s in &e.symbols {
                    by_symbol.insert(s.to_uppercase(), i);
                }
            }
        }
        let mut title_sizes = Vec::new();
        let mut title_shingles: HashMap<u64, Vec<u32>, Mix> = HashMap::default();
        for (t, text) in heading_texts.into_iter().enumerate() {
            let set = shingles(text);
            title_sizes.push(set.len());
            for s in set {
                title_shingles.entry(s).or_default().push(t as u32);
            }
        }
        Targets {
            docs,
            by_symbol,
            by_id,
            dates,
            title_sizes,
            title_shingles,
        }
    }

    pub fn docs(&self) -> &[&'a Document] {
        &self.docs
    }

    /// Does `text` (its shingles) repeat a heading of the documents, a heading of at least
    /// `min_len` shingles holding `min` of them? A passage that repeats a title names a
    /// document rather than quoting a paragraph. Work goes with the headings sharing a shingle
    /// with the text, not with the number of headings.
    pub fn repeats_a_title(&self, text: &Shingles, min: f64, min_len: usize) -> bool {
        if text.is_empty() {
            return false;
        }
        let mut shared: HashMap<u32, usize, Mix> = HashMap::default();
        for s in text {
            for &t in self.title_shingles.get(s).into_iter().flatten() {
                *shared.entry(t).or_default() += 1;
            }
        }
        shared.into_iter().any(|(t, n)| {
            self.title_sizes[t as usize] >= min_len && n as f64 / text.len() as f64 >= min
        })
    }

    /// The corpus document carrying `symbol`, if any.
    pub fn by_symbol(&self, symbol: &str) -> Option<&'a Document> {
        self.by_symbol
            .get(&symbol.to_uppercase())
            .map(|&i| self.docs[i])
    }

    pub fn by_id(&self, id: &str) -> Option<&'a Document> {
        self.by_id.get(id).map(|&i| self.docs[i])
    }

    /// The registry date of a document (`2025-12-17`, `2026`), for telling which of two texts
    /// came later.
    pub fn date(&self, id: &str) -> &str {
        self.dates.get(id).copied().unwrap_or("")
    }
}

/// The id of the body paragraph numbered `number` (not in an annex, not an item).
pub fn paragraph_id(doc: &Document, number: &str) -> Option<String> {
    doc.paragraphs()
        .find(|p| {
            p.number.as_deref() == Some(number)
                && p.parent.is_none()
                && p.clause.is_none()
                && p.annex.is_none()
        })
        .map(|p| p.id.clone())
}

/// The id of item `number` of the ITU clause printed `clause` (`décide`, `charge le Secrétaire
/// général`) in the document's body.
pub fn clause_item_id(doc: &Document, clause: &str, number: &str) -> Option<String> {
    let slug = clause_slug(clause);
    let heading = doc.blocks.iter().find_map(|b| match b {
        Block::Heading(h) if h.id == slug => Some(h.id.clone()),
        _ => None,
    })?;
    doc.paragraphs()
        .find(|p| {
            p.parent.as_deref() == Some(heading.as_str()) && p.number.as_deref() == Some(number)
        })
        .or_else(|| {
            // A flattened number (`46` read as 6) has its interpreted number in its id.
            let id = format!("{heading}-{number}");
            doc.paragraphs().find(|p| p.id == id)
        })
        .map(|p| p.id.clone())
}

/// The official copy of a UN document: `https://undocs.org/<lang>/<symbol>`.
pub fn undocs_url(symbol: &str, lang: &str) -> String {
    let lang = if matches!(lang, "ar" | "zh" | "en" | "fr" | "ru" | "es") {
        lang
    } else {
        "en"
    };
    format!("https://undocs.org/{lang}/{symbol}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undocs_addresses() {
        assert_eq!(
            undocs_url("A/RES/70/125", "fr"),
            "https://undocs.org/fr/A/RES/70/125"
        );
        assert_eq!(
            undocs_url("E/RES/2025/18", "de"),
            "https://undocs.org/en/E/RES/2025/18"
        );
    }
}
