//! `wsis check`: everything a publisher should look at before publishing. The sources are read
//! and linked, the site is rendered in memory, and every internal link and `#fragment` of it is
//! followed.

pub mod html;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Result};
use crate::model::CitationStatus;
use crate::registry;
use crate::render::{self, SiteInput};
use crate::theme::Theme;

/// What `wsis check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Warnings from reading the sources (numbering, notes).
    pub source_warnings: Vec<Diagnostic>,
    /// References that could not be resolved.
    pub unresolved: Vec<Diagnostic>,
    /// Quotations that do not match the paragraph they cite.
    pub mismatches: Vec<Diagnostic>,
    /// Translations: how many blocks of the original each one has.
    pub coverage: Vec<crate::align::Coverage>,
    /// Blocks a translation lacks or has in excess.
    pub alignment: Vec<Diagnostic>,
    /// Internal links or fragments of the rendered site that lead nowhere: `page: href`.
    pub broken_links: Vec<String>,
    pub pages: usize,
    pub links: usize,
}

impl CheckReport {
    /// Broken links are errors: the site would ship them. The rest describes the sources.
    pub fn has_errors(&self) -> bool {
        !self.broken_links.is_empty()
    }
}

/// Reads, links and renders the site at `root` without writing anything.
pub fn check(root: &Path) -> Result<CheckReport> {
    let config = Config::load(root)?;
    let entries = registry::load(root)?;
    let (mut documents, source_warnings) = crate::site::ingest_all(&entries)?;
    crate::link::link(&entries, &mut documents);
    let coverage = crate::align::coverage(&entries, &documents);
    let alignment = crate::align::report(&coverage, &documents);
    let mut report = CheckReport {
        source_warnings,
        coverage,
        alignment,
        ..CheckReport::default()
    };
    for d in &documents {
        for (c, diag) in d.citations.iter().zip(crate::link::report_all(d)) {
            match (c.status, diag) {
                (CitationStatus::Unresolved, Some(diag)) => report.unresolved.push(diag),
                (CitationStatus::Mismatch, Some(diag)) => report.mismatches.push(diag),
                _ => {}
            }
        }
    }
    let theme = Theme::load(root)?;
    let input = SiteInput {
        root,
        config: &config,
        entries: &entries,
        documents: &documents,
        coverage: &report.coverage,
    };
    let mut files: Vec<(String, Vec<u8>)> = render::site_files(&input, &theme)?
        .0
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect();
    crate::export::data_files::data_files(&entries, &documents, &mut |f| {
        files.push((f.path, f.bytes));
        Ok(())
    })?;
    let links = crawl(&files);
    report.pages = links.pages;
    report.links = links.links;
    report.broken_links = links.broken;
    Ok(report)
}

/// What following every link of a set of files found.
#[derive(Debug, Default)]
pub struct LinkReport {
    pub pages: usize,
    pub links: usize,
    /// `page: href (why)` for every link or fragment that leads nowhere.
    pub broken: Vec<String>,
}

/// Follows every `href` and `src` of the HTML files among `files` (path relative to the site
/// root, bytes) to a file of the set and, for a `#fragment`, to an id of that page. Links to
/// other sites are not followed.
pub fn crawl(files: &[(String, Vec<u8>)]) -> LinkReport {
    let paths: BTreeSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    let pages: BTreeMap<&str, String> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p.as_str(), String::from_utf8_lossy(b).into_owned()))
        .collect();
    let ids: BTreeMap<&str, BTreeSet<String>> = pages
        .iter()
        .map(|(p, h)| {
            (
                *p,
                html::tags(h)
                    .into_iter()
                    .filter_map(|t| t.attr("id").map(str::to_string))
                    .collect(),
            )
        })
        .collect();
    let mut report = LinkReport {
        pages: pages.len(),
        ..LinkReport::default()
    };
    for (page, text) in &pages {
        for tag in html::tags(text) {
            for attr in ["href", "src"] {
                let Some(href) = tag.attr(attr) else { continue };
                let Some((target, fragment)) = html::resolve(page, href) else {
                    continue;
                };
                report.links += 1;
                if !paths.contains(target.as_str()) {
                    report
                        .broken
                        .push(format!("{page}: {href} (no file {target})"));
                } else if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                    if ids
                        .get(target.as_str())
                        .is_some_and(|set| !set.contains(&f))
                    {
                        report
                            .broken
                            .push(format!("{page}: {href} (no #{f} in {target})"));
                    }
                }
            }
        }
    }
    report
}
