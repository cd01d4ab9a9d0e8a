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

/// Where rendered files go, as soon as each is ready: written to the output (a build) or
/// collected (`wsis check`, a bundle). Rendering never holds the whole site in memory itself.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<()>;
}

/// A sink that keeps every file, in the order they come.
#[derive(Default)]
pub struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl Sink for Collect {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}

impl Collect {
    pub fn into_files(self) -> Vec<OutputFile> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// Passes files on to a sink, refusing a second file at the same path.
struct Unique<'a> {
    sink: &'a dyn Sink,
    seen: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl Sink for Unique<'_> {
    fn put(&self, file: OutputFile) -> Result<()> {
        let fresh = self
            .seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(file.path.clone());
        if !fresh {
            return Err(Error::Other(format!(
                "two pages would be written to {}: rename the document or the page (content/pages) so that their names differ",
                file.path
            )));
        }
        self.sink.put(file)
    }
}

/// What rendering leaves besides the files: the search records (citations written as the pages
/// write them) and the glossary.
pub struct Rendered {
    pub records: Vec<crate::search::records::Record>,
    /// The site's glossary, read once for the static search and the index.
    pub glossary: crate::search::glossary::Glossary,
    /// How many files went to the sink.
    pub files: usize,
}

/// Renders every page, the sitemap, robots.txt, the theme's assets and the static search index
/// into `sink`, and returns the search records.
pub fn site(input: &SiteInput, theme: &Theme, sink: &dyn Sink) -> Result<Rendered> {
    let renderer = Renderer::new(theme, &input.config.languages)?;
    let records = crate::search::records::records(
        input.entries,
        input.documents,
        &input.config.languages,
        &|lang, doc, p| document_page::paragraph_citation(&renderer, lang, doc, p),
    );
    let glossary = crate::search::glossary::Glossary::load(input.root)?;
    let sink = Unique {
        sink,
        seen: Default::default(),
    };
    // The pages and the static search index do not depend on each other.
    let (pages, search) = rayon::join(
        || site_pages(&renderer, input, theme, &sink),
        || crate::search::static_index::write(&records, &glossary, &sink),
    );
    pages?;
    search?;
    let files = sink.seen.lock().unwrap_or_else(|e| e.into_inner()).len();
    Ok(Rendered {
        records,
        glossary,
        files,
    })
}

/// [`site`], keeping every file: for `wsis check` and bundles.
pub fn site_files(input: &SiteInput, theme: &Theme) -> Result<(Vec<OutputFile>, Rendered)> {
    let collect = Collect::default();
    let rendered = site(input, theme, &collect)?;
    Ok((collect.into_files(), rendered))
}

/// Renders every page, the sitemap, robots.txt and the theme's assets.
fn site_pages(
    renderer: &Renderer,
    input: &SiteInput,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<()> {
    let editorial = pages::load_editorial(input.root, &input.config.languages)?;
    let refs = references::References::new(input.documents, input.entries, &input.config.languages);
    let mut urls = Vec::new();
    sink.put(pages::root_page(renderer, input)?)?;
    for lang in &input.config.languages {
        let nav = pages::nav(renderer, &editorial, lang);
        let home = pages::home_page(renderer, input, lang, &nav)?;
        sink.put(home)?;
        urls.push(format!("{lang}/index.html"));
        // Document pages are the bulk of the work: rendered in parallel, each written as soon as
        // it is ready.
        input.entries.par_iter().try_for_each(|entry| {
            sink.put(document_page::render(
                renderer, input, &refs, entry, lang, &nav, None,
            )?)
        })?;
        urls.extend(
            input
                .entries
                .iter()
                .map(|e| format!("{lang}/{}.html", e.id)),
        );
        for page in &editorial {
            sink.put(pages::editorial_page(renderer, input, page, lang, &nav)?)?;
            urls.push(format!("{lang}/{}.html", page.name));
        }
        sink.put(pages::search_page(renderer, input, lang, &nav)?)?;
        let parallel = input
            .entries
            .par_iter()
            .map(|entry| {
                let page = parallel::parallel_page(renderer, input, entry, lang, &nav)?;
                Ok(match page {
                    Some(page) => {
                        let path = page.path.clone();
                        sink.put(page)?;
                        Some(path)
                    }
                    None => None,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        urls.extend(parallel.into_iter().flatten());
        sink.put(parallel::coverage_page(
            renderer,
            input,
            input.coverage,
            lang,
            &nav,
        )?)?;
        urls.push(format!("{lang}/coverage.html"));
        sink.put(citations_page::citations_page(
            renderer, input, &refs, lang, &nav,
        )?)?;
        urls.push(format!("{lang}/citations.html"));
        for page in citations_page::concordance_pages(renderer, input, &refs, lang, &nav)? {
            urls.push(page.path.clone());
            sink.put(page)?;
        }
    }
    sink.put(pages::not_found_page(renderer, input)?)?;
    sink.put(seo::sitemap(input.config, &urls))?;
    sink.put(seo::robots(input.config))?;
    for (rel, file) in theme.assets() {
        sink.put(OutputFile {
            path: format!("static/{rel}"),
            bytes: file.bytes.clone(),
        })?;
    }
    Ok(())
}

/// The other interface language of a page, for the language switch (the next one in the list).
pub fn other_language<'a>(config: &'a Config, lang: &str) -> Option<&'a str> {
    let langs = &config.languages;
    let i = langs.iter().position(|l| l == lang)?;
    (langs.len() > 1).then(|| langs[(i + 1) % langs.len()].as_str())
}
