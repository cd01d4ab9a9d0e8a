//! `search.api` in `wsis.yaml`: when set, the search pages (and only they) name the search
//! service; when unset, no page does; an address that is not https:// is refused with its line.

mod common;

use std::path::{Path, PathBuf};

use common::html::tags;
use wsis::config::Config;
use wsis::site::{self, BuildOptions};

const API: &str = "https://search.example.org/api/v1/wsis-paragraphs/search";

/// A throw-away site with one document.
struct Site(PathBuf);

impl Site {
    fn new(name: &str, config: &str) -> Site {
        let dir = std::env::temp_dir().join(format!("wsis-api-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let site = Site(dir);
        site.write("wsis.yaml", config);
        site.write(
            "content/documents/x.yaml",
            "symbols: [A/RES/99/1]\nbody: {fr: Assemblée générale, en: General Assembly}\ndate: 2026-01-05\ntitle:\n  fr: Titre\n  en: Title\nsources:\n  fr: seeds/fr/x.txt\nlayout: un-markdown\n",
        );
        site.write(
            "seeds/fr/x.txt",
            "Rappelant la résolution 70/125,\n\n1. Nous réaffirmons notre attachement aux textes du Sommet.\n\n2. Nous décidons de poursuivre nos travaux.\n",
        );
        site
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn build(&self) {
        let opts = BuildOptions::load(&self.0).unwrap_or_else(|e| panic!("{e}"));
        site::build(&opts).unwrap_or_else(|e| panic!("{e}"));
    }

    /// Every text file of the output: (path relative to it, text).
    fn output(&self) -> Vec<(String, String)> {
        let root = self.0.join("public");
        let mut out = Vec::new();
        let mut todo = vec![root.clone()];
        while let Some(dir) = todo.pop() {
            for e in std::fs::read_dir(&dir).unwrap() {
                let path = e.unwrap().path();
                if path.is_dir() {
                    todo.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    let rel = path.strip_prefix(&root).unwrap().to_string_lossy();
                    out.push((rel.replace('\\', "/"), text));
                }
            }
        }
        assert!(
            out.iter().any(|(p, _)| p == "fr/search.html"),
            "no search page"
        );
        out
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Whether an element of a page carries `data-search-api` (search.js, inlined in single-file
/// pages, names the attribute without carrying it).
fn names_a_service(html: &str) -> bool {
    tags(html)
        .iter()
        .any(|t| t.attr("data-search-api").is_some())
}

/// The `data-search-api` of the element `#search` of a page, if it has one.
fn search_api_of(html: &str) -> Option<String> {
    tags(html)
        .into_iter()
        .find(|t| t.attr("id") == Some("search"))
        .and_then(|t| t.attr("data-search-api").map(str::to_string))
}

#[test]
fn by_default_no_page_names_a_search_service() {
    let site = Site::new("default", Config::starter());
    site.build();
    for (path, text) in site.output() {
        if path.ends_with(".html") {
            assert!(
                !names_a_service(&text),
                "{path} names a search service though search.api is not set"
            );
        }
    }
}

#[test]
fn with_search_api_set_the_search_pages_name_it_and_no_other_page_does() {
    let config = format!("{}search:\n  api: {API}\n", Config::starter());
    let site = Site::new("set", &config);
    site.build();
    let mut search_pages = 0;
    for (path, text) in site.output() {
        if path.ends_with("/search.html") {
            search_pages += 1;
            assert_eq!(search_api_of(&text).as_deref(), Some(API), "{path}");
            let page = tags(&text)
                .into_iter()
                .find(|t| t.attr("id") == Some("search"))
                .unwrap();
            // The static index stays named, for when the service does not answer.
            assert!(page.attr("data-index").is_some(), "{path}");
            assert!(
                page.attr("data-fallback").is_some_and(|m| !m.is_empty()),
                "{path}: no message for the fallback"
            );
        } else if path.ends_with(".html") {
            assert!(!names_a_service(&text), "{path}");
        }
    }
    assert_eq!(search_pages, 2, "one search page per language");

    // A path on the site's own server is kept as written.
    let config = format!("{}search: {{ api: /api/search }}\n", Config::starter());
    let site = Site::new("path", &config);
    site.build();
    let (_, fr) = site
        .output()
        .into_iter()
        .find(|(p, _)| p == "fr/search.html")
        .unwrap();
    assert_eq!(search_api_of(&fr).as_deref(), Some("/api/search"));
}

#[test]
fn a_bundle_never_names_the_search_service() {
    let config = format!("{}search:\n  api: {API}\n", Config::starter());
    let site = Site::new("bundle", &config);
    let files = wsis::bundle::files(&wsis::bundle::BundleOptions {
        root: site.0.clone(),
        langs: vec![],
        docs: vec![],
        out: site.0.join("x.zip"),
        when: wsis::bundle::readme::Utc::from_unix(0),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(files.files.iter().any(|f| f.path.ends_with("search.html")));
    for f in files.files.iter().filter(|f| f.path.ends_with(".html")) {
        let text = String::from_utf8_lossy(&f.bytes);
        assert!(!names_a_service(&text), "{} in the bundle", f.path);
    }
}

#[test]
fn an_http_search_api_is_refused_naming_wsis_yaml_and_the_line() {
    let config = format!(
        "{}search:\n  api: http://search.example.org/api/v1/wsis-paragraphs/search\n",
        Config::starter()
    );
    let line = config.lines().count();
    let site = Site::new("http", &config);
    let e = BuildOptions::load(&site.0).expect_err("http:// accepted");
    let shown = e.to_string();
    let file = site.0.join("wsis.yaml");
    assert!(
        shown.contains(&format!("{}:{line}", file.display())),
        "{shown}"
    );
    assert!(shown.contains("search.api"), "{shown}");
    assert!(shown.contains("https://"), "{shown}");
    assert!(!Path::new(&site.0.join("public")).exists());
}
