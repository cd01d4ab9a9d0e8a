//! A document in one language as one HTML file that works alone (an e-mail attachment): the
//! theme's styles and scripts and the document's own search index are written into the page, and
//! its links to other pages lead to the online site, marked as such.

use super::links::send_online;
use crate::diagnostic::{Error, Result};
use crate::render::document_page;
use crate::render::pages::{self, InlineAssets};
use crate::render::references::References;
use crate::render::{OutputFile, Renderer, SiteInput};
use crate::search::{glossary::Glossary, records, static_index};
use crate::theme::Theme;

/// Where the single files go in a bundle: `documents/<id>.<lang>.html`.
pub fn path(id: &str, lang: &str) -> String {
    format!("documents/{id}.{lang}.html")
}

/// Text that is safe between `<script>` and `</script>` (or `<style>`): no end tag and no
/// comment opener can occur in it. In script, `<\/` reads as `</` inside strings.
fn raw_text_safe(s: &str) -> String {
    s.replace("</", "<\\/").replace("<!--", "<\\!--")
}

fn asset(theme: &Theme, name: &str) -> Result<String> {
    let (_, file) = theme
        .assets()
        .find(|(rel, _)| *rel == name)
        .ok_or_else(|| Error::Other(format!("the theme has no static/{name}")))?;
    String::from_utf8(file.bytes.clone())
        .map_err(|_| Error::Other(format!("static/{name} of the theme is not UTF-8")))
}

/// One single-file page per document of `input` and language of its configuration, rendered by
/// `r` (the theme's templates) with the theme's assets written in.
pub fn pages(r: &Renderer, input: &SiteInput, theme: &Theme) -> Result<Vec<OutputFile>> {
    let langs = &input.config.languages;
    let refs = References::new(input.documents, input.entries, langs);
    let editorial = pages::load_editorial(input.root, langs)?;
    let glossary = Glossary::load(input.root)?;
    let css = raw_text_safe(&asset(theme, "style.css")?);
    let site_js = raw_text_safe(&asset(theme, "site.js")?);
    let search_js = raw_text_safe(&asset(theme, "search.js")?);
    let online = input.config.base_url.clone();
    let mut out = Vec::new();
    for lang in langs {
        let nav = pages::nav(r, &editorial, lang);
        for entry in input.entries {
            let records = records::records(
                std::slice::from_ref(entry),
                input.documents,
                std::slice::from_ref(lang),
                &|l, d, p| document_page::paragraph_citation(r, l, d, p),
            );
            let mut scripts = vec![site_js.clone(), search_js.clone()];
            for file in static_index::files(&records, &glossary) {
                scripts.push(raw_text_safe(&String::from_utf8_lossy(&file.bytes)));
            }
            let inline = InlineAssets {
                css: css.clone(),
                scripts,
                online: online.clone(),
            };
            let page = document_page::render(r, input, &refs, entry, lang, &nav, Some(&inline))?;
            let html = String::from_utf8_lossy(&page.bytes);
            // Every link to another page leaves the file.
            let (html, _) = send_online(&page.path, &html, &online, &|_| false);
            out.push(OutputFile {
                path: path(&entry.id, lang),
                bytes: html.into_bytes(),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::raw_text_safe;

    #[test]
    fn script_text_cannot_close_its_element() {
        let s = raw_text_safe("var a = \"</script><!-- x\";");
        assert!(!s.contains("</") && !s.contains("<!--"), "{s}");
    }
}
