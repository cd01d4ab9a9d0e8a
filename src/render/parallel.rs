//! Reading side by side: for a document with texts in two languages, one row per block (headings,
//! paragraphs, notes), aligned by id, the two texts next to each other (one under the other on a
//! narrow screen); and the page that lists how far each translation goes.

use serde::Serialize;

use super::inline::{runs_html, NoteMarks};
use super::pages::{base, Base, NavItem};
use super::{OutputFile, Renderer, SiteInput};
use crate::align::{reference_language, Coverage};
use crate::diagnostic::Result;
use crate::model::{Block, Document};
use crate::registry::DocumentEntry;

#[derive(Serialize)]
struct ParallelContext {
    #[serde(flatten)]
    base: Base,
    title: String,
    single_href: String,
    left: Column,
    right: Column,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct Column {
    lang: String,
    name: String,
}

#[derive(Serialize)]
struct Row {
    id: String,
    heading: bool,
    number: Option<String>,
    left: Option<String>,
    right: Option<String>,
}

/// The text of a block or note as HTML, without anchors (the row carries the id).
fn cell(doc: &Document, id: &str) -> Option<(Option<String>, bool, String)> {
    let label = |n: &str| n.to_string();
    if let Some(b) = doc.block(id) {
        let html = runs_html(b.runs(), &mut NoteMarks::default(), &label);
        return Some((
            b.number().map(str::to_string),
            matches!(b, Block::Heading(_)),
            html,
        ));
    }
    doc.footnotes.iter().find(|f| f.id == id).map(|f| {
        (
            Some(f.number.clone()),
            false,
            runs_html(&f.runs, &mut NoteMarks::default(), &label),
        )
    })
}

/// `<lang>/<id>-parallel.html` for a document with two texts: the original on the left.
pub fn parallel_page(
    r: &Renderer,
    input: &SiteInput,
    entry: &DocumentEntry,
    lang: &str,
    nav: &[NavItem],
) -> Result<Option<OutputFile>> {
    let reference = reference_language(entry);
    let texts: Vec<&Document> = input
        .documents
        .iter()
        .filter(|d| d.id == entry.id)
        .collect();
    let Some(left) = texts.iter().find(|d| d.lang == reference) else {
        return Ok(None);
    };
    let Some(right) = texts.iter().find(|d| d.lang != reference) else {
        return Ok(None);
    };
    let mut ids: Vec<String> = left
        .blocks
        .iter()
        .map(|b| b.id().to_string())
        .chain(left.footnotes.iter().map(|f| f.id.clone()))
        .collect();
    for id in right
        .blocks
        .iter()
        .map(|b| b.id().to_string())
        .chain(right.footnotes.iter().map(|f| f.id.clone()))
    {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let rows = ids
        .into_iter()
        .map(|id| {
            let l = cell(left, &id);
            let rr = cell(right, &id);
            let (number, heading) = l
                .as_ref()
                .or(rr.as_ref())
                .map(|(n, h, _)| (n.clone(), *h))
                .unwrap_or((None, false));
            Row {
                id,
                heading,
                number,
                left: l.map(|c| c.2),
                right: rr.map(|c| c.2),
            }
        })
        .collect();
    let rel = format!("{}-parallel.html", entry.id);
    let title = format!(
        "{} — {}",
        entry.name_in(lang),
        r.strings.get(lang, "parallel_view")
    );
    let ctx = ParallelContext {
        base: base(r, input, lang, &rel, title, String::new(), nav),
        title: entry.title_in(lang).to_string(),
        single_href: format!("{}.html", entry.id),
        left: Column {
            lang: left.lang.clone(),
            name: r.strings.get(&left.lang, "lang_name"),
        },
        right: Column {
            lang: right.lang.clone(),
            name: r.strings.get(&right.lang, "lang_name"),
        },
        rows,
    };
    Ok(Some(OutputFile {
        path: format!("{lang}/{rel}"),
        bytes: r.page("parallel.html", &ctx)?,
    }))
}

#[derive(Serialize)]
struct CoverageContext {
    #[serde(flatten)]
    base: Base,
    rows: Vec<CoverageRow>,
}

#[derive(Serialize)]
struct CoverageRow {
    name: String,
    href: String,
    languages: String,
    line: String,
}

/// The line a document page shows for a translation: `English text: 127 of 127 blocks aligned`.
pub fn coverage_line(r: &Renderer, lang: &str, c: &Coverage) -> String {
    r.strings.fill(
        lang,
        "coverage_line",
        &[
            (
                "language",
                &r.strings.get(lang, &format!("lang_in_{}", c.lang)),
            ),
            ("aligned", &c.aligned.to_string()),
            ("total", &c.total.to_string()),
        ],
    )
}

/// `<lang>/coverage.html`: every document, its languages, and how far each translation goes.
pub fn coverage_page(
    r: &Renderer,
    input: &SiteInput,
    coverage: &[Coverage],
    lang: &str,
    nav: &[NavItem],
) -> Result<OutputFile> {
    let rows = input
        .entries
        .iter()
        .map(|e| {
            let mine: Vec<&Coverage> = coverage.iter().filter(|c| c.doc == e.id).collect();
            let line = if mine.is_empty() {
                r.strings.get(lang, "coverage_none")
            } else {
                mine.iter()
                    .map(|c| coverage_line(r, lang, c))
                    .collect::<Vec<_>>()
                    .join(" ; ")
            };
            CoverageRow {
                name: e.name_in(lang),
                href: format!("{}.html", e.id),
                languages: e
                    .sources
                    .keys()
                    .map(|l| r.strings.get(l, "lang_name"))
                    .collect::<Vec<_>>()
                    .join(", "),
                line,
            }
        })
        .collect();
    let title = format!(
        "{} — {}",
        r.strings.get(lang, "coverage"),
        input.config.title_in(lang)
    );
    let ctx = CoverageContext {
        base: base(r, input, lang, "coverage.html", title, String::new(), nav),
        rows,
    };
    Ok(OutputFile {
        path: format!("{lang}/coverage.html"),
        bytes: r.page("coverage.html", &ctx)?,
    })
}
