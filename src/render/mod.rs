//! Rendering: the theme's templates filled with the document model, minified.
//!
//! [`Renderer`] holds the compiled templates (compiled once per build) and the interface
//! strings; [`site_pages`] lists every page of the site with its rendered bytes.

pub mod citations_page;
pub mod document_page;
pub mod inline;
pub mod pages;
pub mod parallel;
pub mod references;
pub mod seo;
pub mod strings;

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::diagnostic::{Error, Result};
use crate::model::Document;
use crate::registry::DocumentEntry;
use crate::theme::{Origin, Theme};
use strings::Strings;

/// The templates every theme must have.
pub const REQUIRED_TEMPLATES: [&str; 12] = [
    "base.html",
    "root.html",
    "home.html",
    "document.html",
    "page.html",
    "citations.html",
    "concordance.html",
    "search.html",
    "parallel.html",
    "coverage.html",
    "readme.html",
    "404.html",
];

/// Compiled templates and interface strings.
pub struct Renderer {
    tera: Tera,
    origins: HashMap<String, Origin>,
    pub strings: Strings,
    minify: minify_html::Cfg,
}

impl Renderer {
    /// Compiles the theme's templates and reads its strings for `langs`. A template error names
    /// the template file and the line.
    pub fn new(theme: &Theme, langs: &[String]) -> Result<Renderer> {
        let mut tera = Tera::new();
        let mut origins = HashMap::new();
        let templates = theme.templates()?;
        for (name, _, origin) in &templates {
            origins.insert(name.clone(), origin.clone());
        }
        tera.add_raw_templates(templates.iter().map(|(n, t, _)| (n.as_str(), t.as_str())))
            .map_err(|e| template_error(&e, &origins))?;
        for name in REQUIRED_TEMPLATES {
            if !tera.contains_template(name) {
                return Err(Error::Other(format!(
                    "the theme has no template {name}: add themes/default/templates/{name}"
                )));
            }
        }
        let (text, origin) = theme.text("strings.yaml")?;
        let file = match origin {
            Origin::Site(p) => p.clone(),
            Origin::Embedded => "(built-in theme) strings.yaml".into(),
        };
        let strings = Strings::parse(&text, &file, langs)?;
        let mut minify = minify_html::Cfg::new();
        minify.minify_css = true;
        minify.minify_js = true;
        minify.keep_closing_tags = true;
        minify.keep_html_and_head_opening_tags = true;
        Ok(Renderer {
            tera,
            origins,
            strings,
            minify,
        })
    }

    /// Renders a template with a serialisable context and minifies the HTML.
    pub fn page<T: Serialize>(&self, template: &str, context: &T) -> Result<Vec<u8>> {
        let ctx = Context::from_serialize(context)
            .map_err(|e| Error::Other(format!("cannot prepare the data for {template}: {e}")))?;
        let html = self
            .tera
            .render(template, &ctx)
            .map_err(|e| template_error(&e, &self.origins))?;
        Ok(minify_html::minify(html.as_bytes(), &self.minify))
    }
}

/// A tera error with the template file it comes from. Tera's report already gives the template
/// name, line and column (`--> document.html:12:4`).
fn template_error(e: &tera::Error, origins: &HashMap<String, Origin>) -> Error {
    let mut report = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        report.push_str(&format!("\n{s}"));
        source = s.source();
    }
    let files: Vec<String> = origins
        .iter()
        .filter(|(name, _)| report.contains(name.as_str()))
        .map(|(name, o)| o.describe(&format!("templates/{name}")))
        .collect();
    let place = if files.is_empty() {
        String::new()
    } else {
        format!(" in {}", files.join(", "))
    };
    Error::Other(format!("template error{place}:\n{report}"))
}

/// Everything a site is rendered from.
pub struct SiteInput<'a> {
    pub root: &'a Path,
    pub config: &'a Config,
    pub entries: &'a [DocumentEntry],
    pub documents: &'a [Document],
    /// How far each translation goes ([`crate::align::coverage`]).
    pub coverage: &'a [crate::align::Coverage],
}

/// One output file: path relative to the output folder (`fr/a-res-80-173.html`) and bytes.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What rendering produces: the output files and the search records (citations written as the
/// pages write them).
pub struct Rendered {
    pub files: Vec<OutputFile>,
    pub records: Vec<crate::search::records::Record>,
    /// The site's glossary, read once for the static search and the index.
    pub glossary: crate::search::glossary::Glossary,
}

/// Renders every page, the sitemap, robots.txt and the theme's assets, and the search records.
pub fn site(input: &SiteInput, theme: &Theme) -> Result<Rendered> {
    let renderer = Renderer::new(theme, &input.config.languages)?;
    let records = crate::search::records::records(
        input.entries,
        input.documents,
        &input.config.languages,
        &|lang, doc, p| document_page::paragraph_citation(&renderer, lang, doc, p),
    );
    let glossary = crate::search::glossary::Glossary::load(input.root)?;
    // The pages and the static search index do not depend on each other.
    let (files, search_files) = rayon::join(
        || site_pages(&renderer, input, theme),
        || crate::search::static_index::files(&records, &glossary),
    );
    let mut files = files?;
    files.extend(search_files);
    check_unique_paths(&files)?;
    Ok(Rendered {
        files,
        records,
        glossary,
    })
}

/// Renders every page, the sitemap, robots.txt and the theme's assets.
fn site_pages(renderer: &Renderer, input: &SiteInput, theme: &Theme) -> Result<Vec<OutputFile>> {
    let editorial = pages::load_editorial(input.root, &input.config.languages)?;
    let refs = references::References::new(input.documents, input.entries, &input.config.languages);
    let mut out = Vec::new();
    let mut urls = Vec::new();
    out.push(pages::root_page(renderer, input)?);
    for lang in &input.config.languages {
        let nav = pages::nav(renderer, &editorial, lang);
        let home = pages::home_page(renderer, input, lang, &nav)?;
        out.push(home);
        urls.push(format!("{lang}/index.html"));
        // Document pages are the bulk of the work: rendered in parallel, kept in order.
        let pages = input
            .entries
            .par_iter()
            .map(|entry| document_page::render(renderer, input, &refs, entry, lang, &nav, None))
            .collect::<Result<Vec<_>>>()?;
        for (entry, page) in input.entries.iter().zip(pages) {
            out.push(page);
            urls.push(format!("{lang}/{}.html", entry.id));
        }
        for page in &editorial {
            out.push(pages::editorial_page(renderer, input, page, lang, &nav)?);
            urls.push(format!("{lang}/{}.html", page.name));
        }
        out.push(pages::search_page(renderer, input, lang, &nav)?);
        let pages = input
            .entries
            .par_iter()
            .map(|entry| parallel::parallel_page(renderer, input, entry, lang, &nav))
            .collect::<Result<Vec<_>>>()?;
        for page in pages.into_iter().flatten() {
            urls.push(page.path.clone());
            out.push(page);
        }
        out.push(parallel::coverage_page(
            renderer,
            input,
            input.coverage,
            lang,
            &nav,
        )?);
        urls.push(format!("{lang}/coverage.html"));
        out.push(citations_page::citations_page(
            renderer, input, &refs, lang, &nav,
        )?);
        urls.push(format!("{lang}/citations.html"));
        for page in citations_page::concordance_pages(renderer, input, &refs, lang, &nav)? {
            urls.push(page.path.clone());
            out.push(page);
        }
    }
    out.push(pages::not_found_page(renderer, input)?);
    out.push(seo::sitemap(input.config, &urls));
    out.push(seo::robots(input.config));
    for (rel, file) in theme.assets() {
        out.push(OutputFile {
            path: format!("static/{rel}"),
            bytes: file.bytes.clone(),
        });
    }
    check_unique_paths(&out)?;
    Ok(out)
}

fn check_unique_paths(files: &[OutputFile]) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for f in files {
        if !seen.insert(f.path.as_str()) {
            return Err(Error::Other(format!(
                "two pages would be written to {}: rename the document or the page (content/pages) so that their names differ",
                f.path
            )));
        }
    }
    Ok(())
}

/// The other interface language of a page, for the language switch (the next one in the list).
pub fn other_language<'a>(config: &'a Config, lang: &str) -> Option<&'a str> {
    let langs = &config.languages;
    let i = langs.iter().position(|l| l == lang)?;
    (langs.len() > 1).then(|| langs[(i + 1) % langs.len()].as_str())
}
