//! The citations page (every reference of the corpus with its check) and one concordance page per
//! cited document (its paragraphs × the documents that cite or take them over).

use std::collections::BTreeMap;

use serde::Serialize;

use super::pages::{base, Base, NavItem};
use super::references::References;
use super::{OutputFile, Renderer, SiteInput};
use crate::align::shown;
use crate::diagnostic::Result;
use crate::model::CitationStatus;

#[derive(Serialize)]
struct CitationsContext {
    #[serde(flatten)]
    base: Base,
    documents: Vec<DocCitations>,
    total: usize,
    counts: Vec<StatusCount>,
    /// True when the site has too many references to list them all on one page: only those to
    /// check (unresolved, mismatched) are listed.
    abridged: bool,
}

/// Up to this many references, the citations page lists them all.
pub const LIST_ALL_UP_TO: usize = 5_000;

#[derive(Serialize)]
struct StatusCount {
    status: &'static str,
    label: String,
    count: usize,
}

#[derive(Serialize)]
struct DocCitations {
    name: String,
    title: String,
    href: String,
    concordance: Option<String>,
    rows: Vec<CitationRow>,
}

#[derive(Serialize)]
struct CitationRow {
    from_href: String,
    from_label: String,
    text: String,
    kind: String,
    target_href: Option<String>,
    target_label: String,
    external: bool,
    status: &'static str,
    status_label: String,
    detail: Option<String>,
}

/// Documents cited by at least one paragraph, in the language of `lang`'s texts.
fn cited_documents(refs: &References, lang: &str) -> Vec<String> {
    let mut ids: Vec<String> = refs
        .backlinks()
        .keys()
        .filter(|(l, _, _)| l == lang)
        .map(|(_, doc, _)| doc.clone())
        .collect();
    ids.dedup();
    ids
}

/// `<lang>/citations.html`.
pub fn citations_page(
    r: &Renderer,
    input: &SiteInput,
    refs: &References,
    lang: &str,
    nav: &[NavItem],
) -> Result<OutputFile> {
    let cited = cited_documents(refs, lang);
    let mut documents = Vec::new();
    let mut counts: BTreeMap<CitationStatus, usize> = BTreeMap::new();
    // What each document's page shows, worked out once for the count and for the rows.
    let texts = input
        .entries
        .iter()
        .map(|entry| Ok((entry, shown(input.documents, entry, lang)?)))
        .collect::<Result<Vec<_>>>()?;
    let all: usize = texts.iter().map(|(_, s)| s.citations().len()).sum();
    let abridged = all > LIST_ALL_UP_TO;
    for (entry, shown) in &texts {
        let doc = shown.main;
        let rows: Vec<CitationRow> = shown
            .citations()
            .into_iter()
            .inspect(|(c, _)| *counts.entry(c.status).or_default() += 1)
            .filter(|(c, _)| {
                !abridged
                    || matches!(
                        c.status,
                        CitationStatus::Unresolved | CitationStatus::Mismatch
                    )
            })
            .map(|(c, _)| {
                let first = c.target_ids.first().map(String::as_str);
                let url = super::references::official_url(c, lang);
                let (target_href, target_label) = match (&c.target_doc, &url) {
                    (Some(t), _) => (
                        Some(format!(
                            "{t}.html{}",
                            first.map(|i| format!("#{i}")).unwrap_or_default()
                        )),
                        match first {
                            Some(id) => refs.block_label(r, lang, t, id),
                            None => refs.doc_name(t, lang),
                        },
                    ),
                    (None, Some(url)) => (
                        Some(url.clone()),
                        c.target_symbol.clone().unwrap_or_default(),
                    ),
                    (None, None) => (None, c.target_symbol.clone().unwrap_or_default()),
                };
                let detail = match (c.status, &c.suggested) {
                    (CitationStatus::Mismatch, Some(n)) => {
                        Some(r.strings.fill(lang, "suggested", &[("n", n)]))
                    }
                    _ => c
                        .note
                        .clone()
                        .filter(|_| c.status == CitationStatus::Unresolved),
                };
                CitationRow {
                    from_href: format!("{}.html#{}", doc.id, c.from),
                    from_label: refs.block_label(r, lang, &doc.id, &c.from),
                    text: c.text.clone(),
                    kind: r.strings.get(lang, &format!("kind_{}", c.kind.as_str())),
                    external: c.target_doc.is_none() && c.url.is_some(),
                    target_href,
                    target_label,
                    status: c.status.as_str(),
                    status_label: r
                        .strings
                        .get(lang, &format!("status_{}", c.status.as_str())),
                    detail,
                }
            })
            .collect();
        if rows.is_empty() && !cited.contains(&entry.id) {
            continue;
        }
        documents.push(DocCitations {
            name: entry.name_in(lang),
            title: entry.title_in(lang).to_string(),
            href: format!("{}.html", entry.id),
            concordance: cited
                .contains(&entry.id)
                .then(|| format!("concordance-{}.html", entry.id)),
            rows,
        });
    }
    let total = counts.values().sum();
    let counts = counts
        .into_iter()
        .map(|(s, count)| StatusCount {
            status: s.as_str(),
            label: r.strings.get(lang, &format!("status_{}", s.as_str())),
            count,
        })
        .collect();
    let title = format!(
        "{} — {}",
        r.strings.get(lang, "citations"),
        input.config.title_in(lang)
    );
    let base = base(
        r,
        input,
        lang,
        "citations.html",
        title,
        r.strings.get(lang, "citations_intro"),
        nav,
    );
    Ok(OutputFile {
        path: format!("{lang}/citations.html"),
        bytes: r.page(
            "citations.html",
            &CitationsContext {
                base,
                documents,
                total,
                counts,
                abridged,
            },
        )?,
    })
}

#[derive(Serialize)]
struct ConcordanceContext {
    #[serde(flatten)]
    base: Base,
    name: String,
    title: String,
    href: String,
    columns: Vec<Column>,
    rows: Vec<ConcordanceRow>,
}

#[derive(Serialize)]
struct Column {
    name: String,
    href: String,
}

#[derive(Serialize)]
struct ConcordanceRow {
    href: String,
    label: String,
    cells: Vec<Vec<CellLink>>,
}

#[derive(Serialize)]
struct CellLink {
    href: String,
    label: String,
    kind: String,
}

/// `<lang>/concordance-<id>.html` for every cited document.
pub fn concordance_pages(
    r: &Renderer,
    input: &SiteInput,
    refs: &References,
    lang: &str,
    nav: &[NavItem],
) -> Result<Vec<OutputFile>> {
    let mut out = Vec::new();
    let cited: std::collections::HashMap<&str, Vec<String>> = input
        .config
        .languages
        .iter()
        .map(|l| (l.as_str(), cited_documents(refs, l)))
        .collect();
    for id in cited_documents(refs, lang) {
        // A cited document outside this site (a bundle of some documents) has no page here.
        let Some(entry) = input.entries.iter().find(|e| e.id == id) else {
            continue;
        };
        let shown = shown(input.documents, entry, lang)?;
        let mut citing: Vec<String> = refs
            .backlinks()
            .iter()
            .filter(|((l, d, _), _)| l == lang && d == &id)
            .flat_map(|(_, list)| list.iter().map(|b| b.from_doc.clone()))
            .collect();
        citing.sort();
        citing.dedup();
        let columns = citing
            .iter()
            .map(|c| Column {
                name: refs.doc_name(c, lang),
                href: format!("{c}.html"),
            })
            .collect();
        let mut rows = Vec::new();
        for (block, _) in &shown.blocks {
            let Some(list) =
                refs.backlinks()
                    .get(&(lang.to_string(), id.clone(), block.id().to_string()))
            else {
                continue;
            };
            let cells = citing
                .iter()
                .map(|c| {
                    list.iter()
                        .filter(|b| &b.from_doc == c)
                        .map(|b| CellLink {
                            href: format!("{}.html#{}", b.from_doc, b.from_id),
                            label: refs
                                .block_label(r, lang, &b.from_doc, &b.from_id)
                                .rsplit_once(", ")
                                .map_or(b.from_id.clone(), |(_, l)| l.to_string()),
                            kind: r.strings.get(lang, &format!("kind_{}", b.kind.as_str())),
                        })
                        .collect()
                })
                .collect();
            rows.push(ConcordanceRow {
                href: format!("{id}.html#{}", block.id()),
                label: refs
                    .block_label(r, lang, &id, block.id())
                    .rsplit_once(", ")
                    .map_or(block.id().to_string(), |(_, l)| l.to_string()),
                cells,
            });
        }
        let rel = format!("concordance-{id}.html");
        let title = r
            .strings
            .fill(lang, "concordance_of", &[("doc", &entry.name_in(lang))]);
        let mut base = base(
            r,
            input,
            lang,
            &rel,
            format!("{title} — {}", input.config.title_in(lang)),
            r.strings.get(lang, "concordance_intro"),
            nav,
        );
        // A document cited in one language only has its concordance in that language: no
        // switch or alternate to a page that is not written.
        let exists = |l: &str| cited.get(l).is_some_and(|ids| ids.contains(&id));
        base.page.alternates.retain(|a| exists(&a.lang));
        if base.page.switch.as_ref().is_some_and(|s| !exists(&s.lang)) {
            base.page.switch = None;
        }
        let ctx = ConcordanceContext {
            base,
            name: entry.name_in(lang),
            title: entry.title_in(lang).to_string(),
            href: format!("{id}.html"),
            columns,
            rows,
        };
        out.push(OutputFile {
            path: format!("{lang}/{rel}"),
            bytes: r.page("concordance.html", &ctx)?,
        });
    }
    Ok(out)
}
