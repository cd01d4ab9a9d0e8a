//! References on the page: links from a citation to what it cites (with a preview of the cited
//! paragraph that shows on hover and on keyboard focus, without script), and "cited in" lists
//! back from each cited paragraph.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::document_page::paragraph_citation;
use super::inline::{escape, Span};
use super::Renderer;
use crate::link::Backlink;
use crate::model::{Block, Citation, CitationStatus, Document};
use crate::registry::DocumentEntry;

/// Everything needed to render references on any page of the site.
pub struct References<'a> {
    docs: &'a [Document],
    /// Documents by (id, language), and the first text of each id.
    by_id_lang: HashMap<(&'a str, &'a str), &'a Document>,
    by_id: HashMap<&'a str, &'a Document>,
    entry_by_id: HashMap<&'a str, &'a DocumentEntry>,
    backlinks: BTreeMap<(String, String, String), Vec<Backlink>>,
}

/// A reference shown under a paragraph (an annex entry's source, similar text).
#[derive(Debug, Clone, Serialize)]
pub struct RefView {
    pub href: Option<String>,
    pub label: String,
    pub kind: String,
    pub status: &'static str,
    pub status_label: String,
    pub detail: Option<String>,
}

/// A citing paragraph, listed under the paragraph it cites.
#[derive(Debug, Clone, Serialize)]
pub struct BacklinkView {
    pub href: String,
    pub label: String,
    pub kind: String,
}

impl<'a> References<'a> {
    /// `languages`: the page languages. A page's "cited in" lists come from the texts shown on
    /// that language's pages, whatever their own language.
    pub fn new(
        docs: &'a [Document],
        entries: &'a [DocumentEntry],
        languages: &[String],
    ) -> References<'a> {
        let mut by_id = HashMap::new();
        for d in docs {
            by_id.entry(d.id.as_str()).or_insert(d);
        }
        References {
            docs,
            by_id_lang: docs
                .iter()
                .map(|d| ((d.id.as_str(), d.lang.as_str()), d))
                .collect(),
            by_id,
            entry_by_id: entries.iter().map(|e| (e.id.as_str(), e)).collect(),
            backlinks: backlinks_by_page_language(docs, entries, languages),
        }
    }

    fn doc(&self, id: &str, lang: &str) -> Option<&'a Document> {
        self.by_id_lang
            .get(&(id, lang))
            .or_else(|| self.by_id.get(id))
            .copied()
    }

    fn entry(&self, id: &str) -> Option<&'a DocumentEntry> {
        self.entry_by_id.get(id).copied()
    }

    /// How a document is named in a citation: its symbol, or its title in « ».
    pub fn doc_name(&self, id: &str, lang: &str) -> String {
        self.entry(id)
            .map_or_else(|| id.to_string(), |e| e.name_in(lang))
    }

    /// `A/RES/80/173, par. 67`: a block of a corpus document named for a reader.
    pub fn block_label(&self, r: &Renderer, lang: &str, doc_id: &str, block_id: &str) -> String {
        let name = self.doc_name(doc_id, lang);
        let Some(doc) = self.doc(doc_id, lang) else {
            return name;
        };
        match doc.block(block_id) {
            Some(Block::Paragraph(p)) => match paragraph_citation(r, lang, doc, p) {
                Some(c) => format!("{name}, {c}"),
                None => format!("{name}, {}", p.id),
            },
            Some(Block::Heading(h)) => format!("{name}, {}", h.text),
            None => match doc.footnotes.iter().find(|f| f.id == block_id) {
                Some(f) => format!(
                    "{name}, {}",
                    r.strings.fill(lang, "note_ref", &[("n", &f.number)])
                ),
                None => name,
            },
        }
    }

    /// The address of a block of a corpus document, from a page of document `from_doc`.
    pub fn href(&self, from_doc: &str, target_doc: &str, block_id: Option<&str>) -> String {
        match block_id {
            Some(id) if target_doc == from_doc => format!("#{id}"),
            Some(id) => format!("{target_doc}.html#{id}"),
            None => format!("{target_doc}.html"),
        }
    }

    /// The cited paragraph's text, cut to a preview.
    fn preview(&self, lang: &str, target_doc: &str, id: &str) -> Option<String> {
        let text = self.doc(target_doc, lang)?.block(id)?.text().to_string();
        if text.chars().count() <= 320 {
            return Some(text);
        }
        let cut: String = text.chars().take(320).collect();
        Some(format!(
            "{} …",
            cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a)
        ))
    }

    fn kind_label(r: &Renderer, lang: &str, c: &Citation) -> String {
        r.strings.get(lang, &format!("kind_{}", c.kind.as_str()))
    }

    /// The inline links of one block or note: each reference with a byte range becomes a link
    /// (or, unresolved, a marked stretch of text) with its preview. `counter` numbers the
    /// previews of a page so that their ids are unique.
    pub fn spans(
        &self,
        r: &Renderer,
        lang: &str,
        doc: &Document,
        from: &str,
        counter: &mut usize,
    ) -> Vec<Span> {
        let mut spans: Vec<Span> = Vec::new();
        for c in doc
            .citations
            .iter()
            .filter(|c| c.from == from && c.end > c.start)
        {
            if spans.last().is_some_and(|s| s.end > c.start) {
                continue;
            }
            let status = c.status.as_str();
            let title = format!(
                "{} — {}",
                Self::kind_label(r, lang, c),
                r.strings.get(lang, &format!("status_{status}"))
            );
            let url = official_url(c, lang);
            let (open, close, after) = match (&c.target_doc, &url) {
                (Some(target), _) => {
                    let first = c.target_ids.first().map(String::as_str);
                    let href = self.href(&doc.id, target, first);
                    match first.and_then(|id| self.preview(&doc.lang, target, id)) {
                        Some(text) => {
                            *counter += 1;
                            let pid = format!("pv{counter}");
                            (
                                format!("<a class=\"ref ref-{status}\" href=\"{}\" aria-describedby=\"{pid}\">", escape(&href)),
                                "</a>".to_string(),
                                format!(
                                    "<span class=\"preview\" role=\"tooltip\" id=\"{pid}\"><span class=\"preview-label\">{}</span> {}</span>",
                                    escape(&self.block_label(r, lang, target, first.unwrap_or_default())),
                                    escape(&text)
                                ),
                            )
                        }
                        None => (
                            format!("<a class=\"ref ref-{status}\" href=\"{}\" title=\"{}\">", escape(&href), escape(&title)),
                            "</a>".to_string(),
                            String::new(),
                        ),
                    }
                }
                (None, Some(url)) => (
                    format!(
                        "<a class=\"ref ref-external\" href=\"{}\" rel=\"external noopener\" title=\"{}\">",
                        escape(url),
                        escape(&r.strings.get(lang, "external_link"))
                    ),
                    "</a>".to_string(),
                    String::new(),
                ),
                (None, None) => (format!("<span class=\"ref ref-{status}\" title=\"{}\">", escape(&title)), "</span>".to_string(), String::new()),
            };
            spans.push(Span {
                start: c.start,
                end: c.end,
                open,
                close,
                after,
            });
        }
        spans
    }

    /// References of a block that concern the whole block (annex entries, similar text).
    pub fn block_refs(&self, r: &Renderer, lang: &str, doc: &Document, from: &str) -> Vec<RefView> {
        doc.citations
            .iter()
            .filter(|c| c.from == from && c.end <= c.start)
            .map(|c| {
                let first = c.target_ids.first().map(String::as_str);
                let href = c
                    .target_doc
                    .as_deref()
                    .map(|t| self.href(&doc.id, t, first));
                let label = match (&c.target_doc, first) {
                    (Some(t), Some(id)) => self.block_label(r, lang, t, id),
                    (Some(t), None) => self.doc_name(t, lang),
                    _ => c.target_symbol.clone().unwrap_or_default(),
                };
                let detail = match (c.status, &c.suggested, c.similarity) {
                    (CitationStatus::Mismatch, Some(n), _) => {
                        Some(r.strings.fill(lang, "suggested", &[("n", n)]))
                    }
                    (_, _, Some(s)) if c.kind == crate::model::CitationKind::Reuse => {
                        Some(r.strings.fill(
                            lang,
                            "similar_share",
                            &[("p", &format!("{:.0}", s * 100.0))],
                        ))
                    }
                    _ => None,
                };
                RefView {
                    href,
                    label,
                    kind: Self::kind_label(r, lang, c),
                    status: c.status.as_str(),
                    status_label: r
                        .strings
                        .get(lang, &format!("status_{}", c.status.as_str())),
                    detail,
                }
            })
            .collect()
    }

    /// The paragraphs that cite block `id` of document `doc`.
    pub fn cited_in(
        &self,
        r: &Renderer,
        lang: &str,
        doc: &Document,
        id: &str,
    ) -> Vec<BacklinkView> {
        let key = (lang.to_string(), doc.id.clone(), id.to_string());
        self.backlinks
            .get(&key)
            .map(|list| {
                list.iter()
                    .map(|b| BacklinkView {
                        href: self.href(&doc.id, &b.from_doc, Some(&b.from_id)),
                        label: self.block_label(r, lang, &b.from_doc, &b.from_id),
                        kind: r.strings.get(lang, &format!("kind_{}", b.kind.as_str())),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every (language, cited document, cited block) and who cites it.
    pub fn backlinks(&self) -> &BTreeMap<(String, String, String), Vec<Backlink>> {
        &self.backlinks
    }

    pub fn docs(&self) -> &'a [Document] {
        self.docs
    }
}

/// The official copy of a cited document outside the corpus, in the page's language when it is
/// a UN document (`https://undocs.org/en/…` on an English page).
pub fn official_url(c: &Citation, lang: &str) -> Option<String> {
    let url = c.url.as_deref()?;
    match (&c.target_symbol, url.starts_with("https://undocs.org/")) {
        (Some(symbol), true) => Some(crate::link::targets::undocs_url(symbol, lang)),
        _ => Some(url.to_string()),
    }
}

/// For each (page language, cited document, cited block), the references to it from the texts
/// shown on that language's pages.
fn backlinks_by_page_language(
    docs: &[Document],
    entries: &[DocumentEntry],
    languages: &[String],
) -> BTreeMap<(String, String, String), Vec<Backlink>> {
    let mut out: BTreeMap<(String, String, String), Vec<Backlink>> = BTreeMap::new();
    for lang in languages {
        for entry in entries {
            let Ok(shown) = crate::align::shown(docs, entry, lang) else {
                continue;
            };
            let doc = shown.main;
            for (c, _) in shown.citations() {
                let Some(target) = &c.target_doc else {
                    continue;
                };
                for id in &c.target_ids {
                    let list = out
                        .entry((lang.clone(), target.clone(), id.clone()))
                        .or_default();
                    if !list
                        .iter()
                        .any(|b| b.from_doc == doc.id && b.from_id == c.from && b.kind == c.kind)
                    {
                        list.push(Backlink {
                            from_doc: doc.id.clone(),
                            from_id: c.from.clone(),
                            kind: c.kind,
                            status: c.status,
                        });
                    }
                }
            }
        }
    }
    out
}
