//! The pages around the documents: the language chooser at the root, each language's home
//! page, the editorial pages written in Markdown (`content/pages/<name>.<lang>.md`), and the 404.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;

use super::{other_language, OutputFile, Renderer, SiteInput};
use crate::diagnostic::{Diagnostic, Error, Result};

/// The folder of editorial pages, under the site root.
pub const PAGES_DIR: &str = "content/pages";

/// What every page's template receives.
#[derive(Debug, Clone, Serialize)]
pub struct Base {
    pub lang: String,
    /// Relative path from the page to the site root (`../`), so that the site works from any
    /// folder and from `file://`.
    pub root: String,
    pub site_title: String,
    pub t: BTreeMap<String, String>,
    pub nav: Vec<NavItem>,
    pub page: PageMeta,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// The `<title>`.
    pub title: String,
    pub description: String,
    /// Absolute address of this page.
    pub canonical: String,
    /// This page in every language (absolute addresses), for `<link rel="alternate">`.
    pub alternates: Vec<Alternate>,
    /// The same page in the other language, relative.
    pub switch: Option<Switch>,
    /// `fr_FR`, `en_GB`.
    pub og_locale: String,
    pub og_type: String,
    /// For a page made to be read as one file (an offline single document): its styles and
    /// scripts, written into the page.
    pub inline: Option<InlineAssets>,
}

/// What a single-file page carries inside itself.
#[derive(Debug, Clone, Serialize)]
pub struct InlineAssets {
    pub css: String,
    /// Script texts, in order, already safe to put between `<script>` tags.
    pub scripts: Vec<String>,
    /// The online site its links to other pages lead to.
    pub online: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub lang: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Switch {
    pub href: String,
    pub lang: String,
    /// The other language's name, in that language.
    pub label: String,
    /// Accessible description in the page's language.
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Relative to the language folder (`index.html`, `about.html`).
    pub href: String,
    pub label: String,
    pub name: String,
}

/// Open Graph locale of a language.
pub fn og_locale(lang: &str) -> String {
    match lang {
        "fr" => "fr_FR".into(),
        "en" => "en_GB".into(),
        other => other.to_string(),
    }
}

/// The common part of a page's context. `rel` is the page's path inside the language folder
/// (`index.html`, `a-res-80-173.html`).
pub fn base(
    r: &Renderer,
    input: &SiteInput,
    lang: &str,
    rel: &str,
    title: String,
    description: String,
    nav: &[NavItem],
) -> Base {
    let config = input.config;
    let alternates = config
        .languages
        .iter()
        .map(|l| Alternate {
            lang: l.clone(),
            href: format!("{}/{l}/{rel}", config.base_url),
        })
        .collect();
    let switch = other_language(config, lang).map(|other| Switch {
        href: format!("../{other}/{rel}"),
        lang: other.to_string(),
        label: r.strings.get(other, "lang_name"),
        description: r.strings.get(lang, "switch_language"),
    });
    Base {
        lang: lang.to_string(),
        root: "../".into(),
        site_title: config.title_in(lang).to_string(),
        t: r.strings.table(lang),
        nav: nav.to_vec(),
        page: PageMeta {
            title,
            description,
            canonical: format!("{}/{lang}/{rel}", config.base_url),
            alternates,
            switch,
            og_locale: og_locale(lang),
            og_type: "website".into(),
            inline: None,
        },
    }
}

/// The navigation of a language: the documents list, then the editorial pages.
pub fn nav(r: &Renderer, pages: &[EditorialPage], lang: &str) -> Vec<NavItem> {
    let mut items = vec![NavItem {
        href: "index.html".into(),
        label: r.strings.get(lang, "documents"),
        name: "index".into(),
    }];
    items.push(NavItem {
        href: "citations.html".into(),
        label: r.strings.get(lang, "citations"),
        name: "citations".into(),
    });
    items.push(NavItem {
        href: "coverage.html".into(),
        label: r.strings.get(lang, "coverage"),
        name: "coverage".into(),
    });
    for p in pages {
        let label = if r.strings.has(&p.name) {
            r.strings.get(lang, &p.name)
        } else {
            p.version(lang).title.clone()
        };
        items.push(NavItem {
            href: format!("{}.html", p.name),
            label,
            name: p.name.clone(),
        });
    }
    items
}

#[derive(Serialize)]
struct RootContext {
    #[serde(flatten)]
    base: Base,
    languages: Vec<RootLanguage>,
}

#[derive(Serialize)]
struct RootLanguage {
    lang: String,
    href: String,
    name: String,
    title: String,
    intro: String,
    choose: String,
}

/// `index.html` at the root: a link to each language, no script needed.
pub fn root_page(r: &Renderer, input: &SiteInput) -> Result<OutputFile> {
    let config = input.config;
    let first = config.default_language();
    let titles: Vec<&str> = config
        .languages
        .iter()
        .map(|l| config.title_in(l))
        .collect();
    let mut base = base(
        r,
        input,
        first,
        "index.html",
        titles.join(" · "),
        config.description.get(first).cloned().unwrap_or_default(),
        &[],
    );
    base.root = String::new();
    base.page.canonical = format!("{}/", config.base_url);
    base.page.switch = None;
    let languages = config
        .languages
        .iter()
        .map(|l| RootLanguage {
            lang: l.clone(),
            href: format!("{l}/index.html"),
            name: r.strings.get(l, "lang_name"),
            title: config.title_in(l).to_string(),
            intro: r.strings.get(l, "home_intro"),
            choose: r.strings.get(l, "choose_language"),
        })
        .collect();
    Ok(OutputFile {
        path: "index.html".into(),
        bytes: r.page("root.html", &RootContext { base, languages })?,
    })
}

#[derive(Serialize)]
struct HomeContext {
    #[serde(flatten)]
    base: Base,
    documents: Vec<HomeDocument>,
}

#[derive(Serialize)]
struct HomeDocument {
    href: String,
    symbols: Vec<String>,
    title: String,
    body: String,
    date: String,
    date_iso: String,
    /// Languages the text exists in, by name in the page's language context.
    languages: Vec<HomeLanguage>,
}

#[derive(Serialize)]
struct HomeLanguage {
    lang: String,
    name: String,
    href: String,
}

/// `<lang>/index.html`: every document with its symbol, body, date and languages.
pub fn home_page(
    r: &Renderer,
    input: &SiteInput,
    lang: &str,
    nav: &[NavItem],
) -> Result<OutputFile> {
    let config = input.config;
    let mut entries: Vec<_> = input.entries.iter().collect();
    // Newest first; documents of the same date by symbol.
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.symbol().cmp(b.symbol())));
    let documents = entries
        .iter()
        .map(|e| HomeDocument {
            href: format!("{}.html", e.id),
            symbols: e.symbols.clone(),
            title: e.title_in(lang).to_string(),
            body: e
                .body
                .get(lang)
                .or_else(|| e.body.values().next())
                .cloned()
                .unwrap_or_default(),
            date: r.strings.date(lang, &e.date),
            date_iso: e.date.clone(),
            languages: e
                .sources
                .keys()
                .map(|l| HomeLanguage {
                    lang: l.clone(),
                    name: r.strings.get(l, "lang_name"),
                    href: format!("../{l}/{}.html", e.id),
                })
                .collect(),
        })
        .collect();
    let base = base(
        r,
        input,
        lang,
        "index.html",
        config.title_in(lang).to_string(),
        config.description.get(lang).cloned().unwrap_or_default(),
        nav,
    );
    Ok(OutputFile {
        path: format!("{lang}/index.html"),
        bytes: r.page("home.html", &HomeContext { base, documents })?,
    })
}

/// An editorial page in every language it is written in.
#[derive(Debug, Clone)]
pub struct EditorialPage {
    /// File name without language and extension: `about`.
    pub name: String,
    pub versions: BTreeMap<String, PageVersion>,
}

#[derive(Debug, Clone)]
pub struct PageVersion {
    pub lang: String,
    pub title: String,
    /// HTML of the body, its `h1` included.
    pub html: String,
    pub file: PathBuf,
}

impl EditorialPage {
    /// The version in `lang`, or the first one there is (shown marked with its language).
    pub fn version(&self, lang: &str) -> &PageVersion {
        self.versions
            .get(lang)
            .or_else(|| self.versions.values().next())
            .expect("a page has at least one version")
    }
}

/// Reads `content/pages/<name>.<lang>.md` for the site's languages.
pub fn load_editorial(root: &Path, langs: &[String]) -> Result<Vec<EditorialPage>> {
    let dir = root.join(PAGES_DIR);
    let mut pages: BTreeMap<String, EditorialPage> = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut errors = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).max_depth(1).sort_by_file_name() {
        let entry =
            entry.map_err(|e| Error::Other(format!("cannot read {}: {e}", dir.display())))?;
        let path = entry.path();
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = file_name.strip_suffix(".md") else {
            continue;
        };
        let Some((name, lang)) = stem.rsplit_once('.') else {
            errors.push(Diagnostic::error(
                path,
                0,
                "name editorial pages <name>.<lang>.md, e.g. about.fr.md",
            ));
            continue;
        };
        if !langs.iter().any(|l| l == lang) {
            continue;
        }
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            || name == "index"
        {
            errors.push(Diagnostic::error(
                path,
                0,
                "a page name is lower-case letters, digits and `-`, and not `index`",
            ));
            continue;
        }
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        match markdown_page(&text, path) {
            Ok((title, html)) => {
                pages
                    .entry(name.to_string())
                    .or_insert_with(|| EditorialPage {
                        name: name.to_string(),
                        versions: BTreeMap::new(),
                    })
                    .versions
                    .insert(
                        lang.to_string(),
                        PageVersion {
                            lang: lang.to_string(),
                            title,
                            html,
                            file: path.to_path_buf(),
                        },
                    );
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    Ok(pages.into_values().collect())
}

/// Renders Markdown to HTML. The page's title is its one level-1 heading. Raw HTML in the
/// Markdown is shown as text, not passed through.
pub fn markdown_page(text: &str, file: &Path) -> Result<(String, String), Diagnostic> {
    let line_at = |offset: usize| 1 + text[..offset.min(text.len())].matches('\n').count();
    let mut title = None;
    let mut in_h1 = false;
    let mut h1_text = String::new();
    let mut events = Vec::new();
    for (event, range) in
        Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES).into_offset_iter()
    {
        match &event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => {
                if title.is_some() {
                    return Err(Diagnostic::error(
                        file,
                        line_at(range.start),
                        "a page has one `# Title`; make this heading `##`",
                    ));
                }
                in_h1 = true;
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
                in_h1 = false;
                title = Some(std::mem::take(&mut h1_text));
            }
            Event::Text(t) | Event::Code(t) if in_h1 => h1_text.push_str(t),
            _ => {}
        }
        let event = match event {
            Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
            other => other,
        };
        events.push(event);
    }
    let Some(title) = title else {
        return Err(Diagnostic::error(
            file,
            1,
            "a page needs a title: start it with a `# Title` line",
        ));
    };
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok((title, html))
}

#[derive(Serialize)]
struct EditorialContext {
    #[serde(flatten)]
    base: Base,
    content: String,
    content_lang: String,
    fallback: bool,
}

/// `<lang>/<name>.html`.
pub fn editorial_page(
    r: &Renderer,
    input: &SiteInput,
    page: &EditorialPage,
    lang: &str,
    nav: &[NavItem],
) -> Result<OutputFile> {
    let version = page.version(lang);
    let rel = format!("{}.html", page.name);
    let title = format!("{} — {}", version.title, input.config.title_in(lang));
    let base = base(r, input, lang, &rel, title, String::new(), nav);
    let ctx = EditorialContext {
        base,
        content: version.html.clone(),
        content_lang: version.lang.clone(),
        fallback: version.lang != lang,
    };
    Ok(OutputFile {
        path: format!("{lang}/{rel}"),
        bytes: r.page("page.html", &ctx)?,
    })
}

#[derive(Serialize)]
struct NotFoundContext {
    #[serde(flatten)]
    base: Base,
    messages: Vec<RootLanguage>,
}

/// `404.html` at the root, in every language; its links start at the site root (`/fr/…`)
#[derive(Serialize)]
struct SearchContext {
    #[serde(flatten)]
    base: Base,
    /// Folder of the language's static index, relative to the page.
    index: String,
    /// The documents, for the filter: (id, name in the page language).
    documents: Vec<(String, String)>,
    /// `search.api` of `wsis.yaml`: the search service the page sends its queries to.
    search_api: Option<String>,
}

/// `<lang>/search.html`: the static search, run in the browser from the script files of
/// `static/search/<lang>/`, or, when `search.api` is set, the search service it names (with the
/// static search when the service does not answer).
pub fn search_page(
    r: &Renderer,
    input: &SiteInput,
    lang: &str,
    nav: &[NavItem],
) -> Result<OutputFile> {
    let base = base(
        r,
        input,
        lang,
        "search.html",
        format!(
            "{} – {}",
            r.strings.get(lang, "search_title"),
            input.config.title_in(lang)
        ),
        String::new(),
        nav,
    );
    let documents = input
        .entries
        .iter()
        .map(|e| (e.id.clone(), e.name_in(lang)))
        .collect();
    let index = format!("{}{}/{lang}/", base.root, crate::search::static_index::DIR);
    Ok(OutputFile {
        path: format!("{lang}/search.html"),
        bytes: r.page(
            "search.html",
            &SearchContext {
                base,
                index,
                documents,
                search_api: input.config.search_api.clone(),
            },
        )?,
    })
}

/// because a server shows it at any address.
pub fn not_found_page(r: &Renderer, input: &SiteInput) -> Result<OutputFile> {
    let config = input.config;
    let first = config.default_language();
    let mut base = base(
        r,
        input,
        first,
        "404.html",
        r.strings.get(first, "not_found_title"),
        String::new(),
        &[],
    );
    base.root = "/".into();
    base.page.switch = None;
    base.page.alternates.clear();
    base.page.canonical = format!("{}/404.html", config.base_url);
    let messages = config
        .languages
        .iter()
        .map(|l| RootLanguage {
            lang: l.clone(),
            href: format!("/{l}/index.html"),
            name: r.strings.get(l, "documents"),
            title: r.strings.get(l, "not_found_title"),
            intro: r.strings.get(l, "not_found_text"),
            choose: config.title_in(l).to_string(),
        })
        .collect();
    Ok(OutputFile {
        path: "404.html".into(),
        bytes: r.page("404.html", &NotFoundContext { base, messages })?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_pages_take_their_title_from_the_h1_and_neutralise_raw_html() {
        let (title, html) = markdown_page(
            "# À propos\n\nTexte <script>alert(1)</script> *fin*.\n",
            Path::new("a.fr.md"),
        )
        .unwrap();
        assert_eq!(title, "À propos");
        assert!(html.contains("<h1>À propos</h1>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("<em>fin</em>"));
    }

    #[test]
    fn a_page_without_title_or_with_two_is_an_error_with_its_line() {
        let e = markdown_page("Texte.\n", Path::new("a.fr.md")).unwrap_err();
        assert!(e.message.contains("# Title"));
        let e = markdown_page("# Un\n\ntexte\n\n# Deux\n", Path::new("a.fr.md")).unwrap_err();
        assert_eq!(e.line, 5);
    }
}
