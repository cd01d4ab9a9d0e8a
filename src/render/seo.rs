//! What search engines and link previews read: `sitemap.xml` with language alternates,
//! `robots.txt`, and schema.org `Legislation` data for each document page.

use serde_json::json;

use super::inline::escape;
use super::OutputFile;
use crate::config::Config;
use crate::model::Document;
use crate::registry::DocumentEntry;

/// `sitemap.xml`: one `<url>` per page (paths inside a language folder, e.g. `fr/index.html`),
/// each listing the same page in every language and the root as `x-default`.
pub fn sitemap(config: &Config, urls: &[String]) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let written: std::collections::HashSet<&str> = urls.iter().map(String::as_str).collect();
    for url in urls {
        let rel = url.split_once('/').map_or(url.as_str(), |(_, r)| r);
        xml.push_str(&format!(
            "<url><loc>{}</loc>",
            escape(&format!("{}/{url}", config.base_url))
        ));
        // Alternates only to pages that exist (a concordance may exist in one language only).
        for lang in config
            .languages
            .iter()
            .filter(|l| written.contains(format!("{l}/{rel}").as_str()))
        {
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>",
                escape(&format!("{}/{lang}/{rel}", config.base_url))
            ));
        }
        xml.push_str(&format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}/\"/></url>\n",
            escape(&config.base_url)
        ));
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}

/// `robots.txt`: everything may be indexed; the sitemap's address.
pub fn robots(config: &Config) -> OutputFile {
    OutputFile {
        path: "robots.txt".into(),
        bytes: format!(
            "User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n",
            config.base_url
        )
        .into_bytes(),
    }
}

/// schema.org `Legislation` for a document page, as JSON safe to put inside a `<script>`
/// element (`<` is written `\u003c`).
pub fn legislation_json_ld(
    entry: &DocumentEntry,
    doc: &Document,
    lang: &str,
    url: &str,
    config: &Config,
) -> String {
    let body = entry
        .body
        .get(lang)
        .or_else(|| entry.body.values().next())
        .cloned()
        .unwrap_or_default();
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": entry.title_in(lang),
        "url": url,
        "inLanguage": doc.lang,
        "legislationDate": entry.date,
        "legislationPassedBy": { "@type": "Organization", "name": body },
        "isPartOf": { "@type": "WebSite", "name": config.title_in(lang), "url": format!("{}/", config.base_url) },
        "workExample": config.languages.iter().map(|l| json!({
            "@type": "Legislation",
            "inLanguage": l,
            "url": format!("{}/{l}/{}.html", config.base_url, entry.id),
        })).collect::<Vec<_>>(),
    });
    if !entry.symbols.is_empty() {
        value["legislationIdentifier"] = json!(entry.symbols);
    }
    serde_json::to_string(&value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(Config::starter(), std::path::Path::new("wsis.yaml")).unwrap()
    }

    #[test]
    fn the_sitemap_lists_alternates_for_every_page() {
        let f = sitemap(&config(), &["fr/a.html".into(), "en/a.html".into()]);
        let xml = String::from_utf8(f.bytes).unwrap();
        assert_eq!(xml.matches("<url>").count(), 2);
        assert!(xml.contains("<loc>https://wsis.example.org/fr/a.html</loc><xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://wsis.example.org/fr/a.html\"/><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://wsis.example.org/en/a.html\"/>"), "{xml}");
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let entry = crate::registry::DocumentEntry {
            id: "x".into(),
            yaml: "x.yaml".into(),
            symbols: vec!["A/RES/1/1".into()],
            body: [(
                "fr".to_string(),
                "</script><script>alert(1)</script>".to_string(),
            )]
            .into(),
            date: "2025-12-17".into(),
            title: [("fr".to_string(), "Titre".to_string())].into(),
            short: Default::default(),
            accept: Default::default(),
            doc_type: None,
            sources: Default::default(),
        };
        let doc = Document {
            id: "x".into(),
            symbol: "A/RES/1/1".into(),
            symbols: vec![],
            lang: "fr".into(),
            title: String::new(),
            layout: String::new(),
            doc_type: Default::default(),
            source: String::new(),
            cover: vec![],
            blocks: vec![],
            footnotes: vec![],
            citations: vec![],
        };
        let j = legislation_json_ld(&entry, &doc, "fr", "https://x/fr/x.html", &config());
        assert!(!j.contains('<'), "{j}");
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v["legislationIdentifier"][0], "A/RES/1/1");
        assert_eq!(
            v["legislationPassedBy"]["name"],
            "</script><script>alert(1)</script>"
        );
    }
}
