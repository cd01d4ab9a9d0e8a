//! A document's page in one language: cover block, table of contents, every paragraph with its
//! permanent link and citation, and the notes with links back to their marks.
//!
//! A document whose text does not exist in the page's language shows the text it has, marked with
//! that text's language, under a notice in the page's language. A partial translation is
//! completed by the reference text, block by block, each block marked with its language.

use serde::Serialize;

use super::inline::{runs_html_with_spans, NoteMarks};
use super::pages::{base, Base, InlineAssets, NavItem};
use super::references::{BacklinkView, RefView, References};
use super::{seo, OutputFile, Renderer, SiteInput};
use crate::align::shown;
use crate::diagnostic::Result;
use crate::model::{Block, Document, Footnote, Paragraph, Role};
use crate::registry::DocumentEntry;

#[derive(Serialize)]
struct DocumentContext {
    #[serde(flatten)]
    base: Base,
    doc: DocView,
    json_ld: String,
}

#[derive(Serialize)]
struct DocView {
    id: String,
    symbols: Vec<String>,
    title: String,
    body: String,
    date: String,
    date_iso: String,
    /// Language of the text shown.
    text_lang: String,
    text_lang_name: String,
    /// True when the text is not in the page's language.
    fallback: bool,
    /// True when the text lacks blocks or notes that are shown from the reference text.
    completed: bool,
    /// Language of the cover fields.
    cover_lang: String,
    languages: Vec<LanguageLink>,
    cover: Vec<CoverView>,
    toc: Vec<TocEntry>,
    blocks: Vec<BlockView>,
    footnotes: Vec<NoteView>,
    /// The model of the text shown (`../fr/<id>/data.json`) and its Akoma Ntoso expression.
    data_href: String,
    akn_href: String,
    /// The side-by-side page, for a document with two texts.
    parallel_href: Option<String>,
    /// How far each translation goes (`English text: 127 of 127 blocks aligned`).
    coverage: Vec<String>,
    /// For a translation shown on its page: the official text's address, when there is one.
    unofficial: Option<UnofficialNote>,
}

#[derive(Serialize)]
struct UnofficialNote {
    href: Option<String>,
    /// True when `href` leaves the site.
    external: bool,
    symbol: String,
}

#[derive(Serialize)]
struct LanguageLink {
    lang: String,
    name: String,
    href: String,
    current: bool,
}

/// A cover label with its values: fields printed under the same label (two issuing bodies)
/// share one label.
#[derive(Serialize)]
struct CoverView {
    label: String,
    values: Vec<String>,
}

#[derive(Serialize)]
struct TocEntry {
    id: String,
    level: u8,
    number: Option<String>,
    text: String,
    lang: Option<String>,
}

#[derive(Serialize)]
struct BlockView {
    heading: bool,
    id: String,
    /// HTML heading rank (2–6): the page's `h1` is the document title; see [`Outline`].
    rank: u8,
    role: &'static str,
    /// Number as displayed (`67.`, `a)`, `I.`).
    number: Option<String>,
    html: String,
    /// Citation text (`A/RES/80/173, par. 67`), for paragraphs that can be cited.
    cite: Option<String>,
    /// Absolute address of the paragraph.
    url: String,
    permalink_label: String,
    /// Nesting depth of items, for indentation.
    depth: usize,
    /// References of the whole paragraph (an annex entry's source, similar text).
    refs: Vec<RefView>,
    /// The paragraphs that cite this one.
    cited_in: Vec<BacklinkView>,
    /// The language of a block shown from the reference text, when it differs from the page's text.
    lang: Option<String>,
}

#[derive(Serialize)]
struct NoteView {
    id: String,
    number: String,
    html: String,
    backrefs: Vec<String>,
    lang: Option<String>,
}

/// Renders `<lang>/<id>.html`.
pub fn render(
    r: &Renderer,
    input: &SiteInput,
    refs: &References,
    entry: &DocumentEntry,
    lang: &str,
    nav: &[NavItem],
    inline: Option<&InlineAssets>,
) -> Result<OutputFile> {
    let shown = shown(input.documents, entry, lang)?;
    let doc = shown.main;
    let rel = format!("{}.html", entry.id);
    let title = entry.title_in(lang).to_string();
    let symbol = entry.symbols.join(" – ");
    let page_title = if symbol.is_empty() {
        title.clone()
    } else {
        format!("{symbol} — {title}")
    };
    let description = first_paragraph(doc);
    let mut base = base(r, input, lang, &rel, page_title, description, nav);
    base.page.og_type = "article".into();
    base.page.inline = inline.cloned();
    let url = base.page.canonical.clone();
    let notes: Vec<Footnote> = shown.notes.iter().map(|(f, _)| (*f).clone()).collect();
    let mut marks = NoteMarks::new(&notes);
    // The language of a block or note shown from another text than the main one.
    let other_lang = |d: &Document| (d.lang != doc.lang).then(|| d.lang.clone());
    let note_label = |n: &str| r.strings.fill(lang, "note_ref", &[("n", n)]);
    let cite_name = entry.name_in(lang);
    let mut blocks = Vec::with_capacity(doc.blocks.len());
    let mut outline = Outline::default();
    let mut previews = 0;
    for &(b, from) in &shown.blocks {
        let spans = refs.spans(r, lang, from, b.id(), &mut previews);
        let html = runs_html_with_spans(b.runs(), &mut marks, &note_label, &spans);
        let view = match b {
            Block::Heading(h) => BlockView {
                heading: true,
                id: h.id.clone(),
                rank: outline.rank(h.level),
                role: "heading",
                number: h.number.as_deref().map(heading_number),
                html,
                cite: None,
                url: format!("{url}#{}", h.id),
                permalink_label: r.strings.fill(lang, "permalink", &[("n", &h.id)]),
                depth: 0,
                refs: Vec::new(),
                cited_in: refs.cited_in(r, lang, doc, &h.id),
                lang: other_lang(from),
            },
            Block::Paragraph(p) => BlockView {
                heading: false,
                id: p.id.clone(),
                rank: 0,
                role: p.role.as_str(),
                number: paragraph_number(p),
                html,
                cite: paragraph_citation(r, lang, from, p).map(|c| format!("{cite_name}, {c}")),
                url: format!("{url}#{}", p.id),
                permalink_label: r.strings.fill(
                    lang,
                    "permalink",
                    &[("n", p.number.as_deref().unwrap_or(&p.id))],
                ),
                depth: depth(from, p),
                refs: refs.block_refs(r, lang, from, &p.id),
                cited_in: refs.cited_in(r, lang, doc, &p.id),
                lang: other_lang(from),
            },
        };
        blocks.push(view);
    }
    let footnotes = shown
        .notes
        .iter()
        .map(|&(f, from)| NoteView {
            id: f.id.clone(),
            number: f.number.clone(),
            html: runs_html_with_spans(
                &f.runs,
                &mut NoteMarks::default(),
                &note_label,
                &refs.spans(r, lang, from, &f.id, &mut previews),
            ),
            backrefs: marks.marks_of(&f.number).to_vec(),
            lang: other_lang(from),
        })
        .collect();
    let toc = shown
        .blocks
        .iter()
        .filter_map(|&(b, from)| match b {
            Block::Heading(h) => Some(TocEntry {
                id: h.id.clone(),
                level: h.level,
                number: h.number.as_deref().map(heading_number),
                text: h.text.clone(),
                lang: other_lang(from),
            }),
            Block::Paragraph(_) => None,
        })
        .collect();
    // A translation keyed by paragraph has no cover of its own: the reference text's is shown.
    let cover_from = match shown.blocks.iter().find(|(_, d)| d.lang != doc.lang) {
        Some((_, reference)) if doc.cover.is_empty() => *reference,
        _ => doc,
    };
    let mut cover: Vec<CoverView> = Vec::new();
    for f in &cover_from.cover {
        let key = format!("cover_{}", f.key);
        let label = if r.strings.has(&key) {
            r.strings.get(lang, &key)
        } else {
            f.label.clone().unwrap_or_else(|| f.key.clone())
        };
        match cover.iter_mut().find(|c| c.label == label) {
            Some(c) => c.values.push(f.value.clone()),
            None => cover.push(CoverView {
                label,
                values: vec![f.value.clone()],
            }),
        }
    }
    let languages = entry
        .sources
        .keys()
        .map(|l| LanguageLink {
            lang: l.clone(),
            name: r.strings.get(l, "lang_name"),
            href: format!("../{l}/{rel}"),
            current: l == lang,
        })
        .collect();
    let json_ld = seo::legislation_json_ld(entry, doc, lang, &url, input.config);
    let view = DocView {
        id: entry.id.clone(),
        symbols: entry.symbols.clone(),
        title,
        body: entry
            .body
            .get(lang)
            .or_else(|| entry.body.values().next())
            .cloned()
            .unwrap_or_default(),
        date: r.strings.date(lang, &entry.date),
        date_iso: entry.date.clone(),
        text_lang: doc.lang.clone(),
        text_lang_name: r.strings.get(&doc.lang, "lang_name"),
        fallback: doc.lang != lang,
        completed: shown.completed(),
        cover_lang: cover_from.lang.clone(),
        languages,
        cover,
        toc,
        blocks,
        footnotes,
        data_href: format!(
            "../{}",
            crate::export::data_files::json_path(&doc.lang, &entry.id)
        ),
        akn_href: format!(
            "../{}",
            crate::export::data_files::akn_path(&doc.lang, &entry.id)
        ),
        parallel_href: (entry.sources.len() > 1).then(|| format!("{}-parallel.html", entry.id)),
        coverage: input
            .coverage
            .iter()
            .filter(|c| c.doc == entry.id)
            .map(|c| super::parallel::coverage_line(r, lang, c))
            .collect(),
        unofficial: (doc.lang != crate::align::reference_language(entry)).then(|| {
            // A UN document's official text is on undocs.org; any other's is the original on
            // this site.
            let undocs = entry
                .symbols
                .first()
                .filter(|s| s.starts_with("A/") || s.starts_with("E/") || s.starts_with("S/"))
                .map(|s| crate::link::targets::undocs_url(s, &doc.lang));
            let original = format!("../{}/{rel}", crate::align::reference_language(entry));
            UnofficialNote {
                external: undocs.is_some(),
                href: Some(undocs.unwrap_or(original)),
                symbol: entry.name_in(lang),
            }
        }),
    };
    Ok(OutputFile {
        path: format!("{lang}/{rel}"),
        bytes: r.page(
            "document.html",
            &DocumentContext {
                base,
                doc: view,
                json_ld,
            },
        )?,
    })
}

/// Gives headings HTML ranks that never skip a level: a heading is one rank below the nearest
/// preceding heading of a higher model level (`h1` is the page's title, so ranks start at 2).
#[derive(Default)]
struct Outline {
    open: Vec<u8>,
}

impl Outline {
    fn rank(&mut self, level: u8) -> u8 {
        while self.open.last().is_some_and(|&l| l >= level) {
            self.open.pop();
        }
        self.open.push(level);
        (1 + self.open.len()).min(6) as u8
    }
}

/// The first paragraph's text, cut to about 200 characters, for link previews.
fn first_paragraph(doc: &Document) -> String {
    let text = doc
        .paragraphs()
        .find(|p| p.text.chars().count() > 40)
        .map_or("", |p| p.text.as_str());
    if text.chars().count() <= 200 {
        return text.to_string();
    }
    let cut: String = text.chars().take(200).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut} …")
}

/// `I` → `I.`, `A` → `A.`, `1` → `1.`, `a` → `a)`.
pub(crate) fn heading_number(n: &str) -> String {
    if n.chars().all(|c| c.is_ascii_lowercase()) {
        format!("{n})")
    } else if n.ends_with('.') || n.contains('/') {
        n.to_string()
    } else {
        format!("{n}.")
    }
}

/// How a paragraph's number is printed: `67.` for a numbered paragraph, `2.1` for a dotted one,
/// `5` for an item of an ITU clause, `a)` for a lettered or roman item.
pub(crate) fn paragraph_number(p: &Paragraph) -> Option<String> {
    let n = p.number.as_deref()?;
    let numeric = n.chars().all(|c| c.is_ascii_digit());
    Some(if n.contains('.') || (numeric && p.clause.is_some()) {
        n.to_string()
    } else if numeric {
        format!("{n}.")
    } else {
        format!("{n})")
    })
}

/// How deep an item stands: 0 for a paragraph, 1 for its items, 2 for theirs.
fn depth(doc: &Document, p: &Paragraph) -> usize {
    let mut d = 0;
    let mut parent = p.parent.as_deref();
    while let Some(id) = parent {
        match doc.block(id) {
            Some(Block::Paragraph(q)) => {
                d += 1;
                parent = q.parent.as_deref();
            }
            _ => {
                // A clause heading: its items are the clause's paragraphs, at depth 0.
                break;
            }
        }
        if d > 8 {
            break;
        }
    }
    d
}

/// The citation of a paragraph after the document's symbol (`par. 67`, `par. 5 a)`,
/// `alinéa 3 du préambule`, `décide, point 5`), or `None` for blocks cited through their parent.
pub(crate) fn paragraph_citation(
    r: &Renderer,
    lang: &str,
    doc: &Document,
    p: &Paragraph,
) -> Option<String> {
    let s = &r.strings;
    let ordinal = |prefix: &str| {
        p.id.rsplit('-')
            .next()
            .and_then(|last| last.strip_prefix(prefix))
            .map(str::to_string)
    };
    match (p.role, p.number.as_deref()) {
        (Role::Formula | Role::Closing | Role::ListItem | Role::Heading, _) => None,
        (Role::Preambular, None) if p.parent.is_none() => {
            Some(s.fill(lang, "cite_preambular", &[("n", &ordinal("pp")?)]))
        }
        (Role::Text, None) if p.parent.is_none() && p.annex.is_none() => {
            Some(s.fill(lang, "cite_unnumbered", &[("n", &ordinal("t")?)]))
        }
        (_, Some(n)) => {
            if let Some(clause) = p.clause.as_deref() {
                let heading = doc
                    .blocks
                    .iter()
                    .find(|b| b.id() == clause || b.id().ends_with(&format!("-{clause}")));
                let name = heading.map_or(clause.to_string(), |h| h.text().to_string());
                let chain = item_chain(doc, p);
                return Some(s.fill(lang, "cite_clause", &[("clause", &name), ("n", &chain)]));
            }
            match p
                .parent
                .as_deref()
                .and_then(|id| doc.block(id))
                .and_then(Block::as_paragraph)
            {
                Some(parent) if parent.number.is_some() => {
                    let parent_chain = item_chain(doc, parent);
                    Some(s.fill(lang, "cite_item", &[("p", &parent_chain), ("l", n)]))
                }
                _ if p.annex.is_some() => Some(s.fill(lang, "cite_annex", &[("n", n)])),
                _ => Some(s.fill(lang, "cite_paragraph", &[("n", n)])),
            }
        }
        _ => None,
    }
}

/// A paragraph's number with its ancestors' (`5 a)` for item a of paragraph 5).
fn item_chain(doc: &Document, p: &Paragraph) -> String {
    let mut parts = vec![p.number.clone().unwrap_or_default()];
    let mut parent = p.parent.as_deref();
    while let Some(q) = parent
        .and_then(|id| doc.block(id))
        .and_then(Block::as_paragraph)
    {
        if let Some(n) = &q.number {
            parts.push(n.clone());
        }
        parent = q.parent.as_deref();
        if parts.len() > 8 {
            break;
        }
    }
    parts.reverse();
    parts
        .iter()
        .enumerate()
        .map(|(i, n)| if i == 0 { n.clone() } else { format!("{n})") })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ranks_never_skip_a_level() {
        let mut o = Outline::default();
        let ranks: Vec<u8> = [1, 2, 4, 4, 2, 1, 3, 5, 6]
            .iter()
            .map(|&l| o.rank(l))
            .collect();
        assert_eq!(ranks, [2, 3, 4, 4, 3, 2, 3, 4, 5]);
    }

    #[test]
    fn numbers_are_printed_as_the_layout_prints_them() {
        assert_eq!(heading_number("I"), "I.");
        assert_eq!(heading_number("a"), "a)");
        assert_eq!(heading_number("80/173"), "80/173");
    }
}
