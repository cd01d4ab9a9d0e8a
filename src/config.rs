//! The site configuration: `wsis.yaml` at the site root.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Error, Result};

/// The configuration file's name, at the site root.
pub const CONFIG_FILE: &str = "wsis.yaml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: BTreeMap<String, String>,
    base_url: String,
    #[serde(default = "default_languages")]
    languages: Vec<String>,
    #[serde(default)]
    output: Option<String>,
    #[serde(default)]
    description: BTreeMap<String, String>,
    #[serde(default)]
    search: Option<RawSearch>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    #[serde(default)]
    api: Option<String>,
}

fn default_languages() -> Vec<String> {
    vec!["fr".into(), "en".into()]
}

/// A checked site configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Site title per language.
    pub title: BTreeMap<String, String>,
    /// Public address of the site, without a trailing slash (`https://wsis.example.org`). Used
    /// for canonical links, the sitemap and Open Graph; pages link to each other relatively.
    pub base_url: String,
    /// Interface languages, the first being the default.
    pub languages: Vec<String>,
    /// Output folder, relative to the site root.
    pub output: PathBuf,
    /// One-line description per language, for search engines and link previews.
    pub description: BTreeMap<String, String>,
    /// `search.api`: the address of a search service speaking Quickwit's search API
    /// (`https://search.example.org/api/v1/wsis-paragraphs/search`, or a path on the site's own
    /// server such as `/api/search`). When set, the search page sends its queries there and
    /// falls back to the static index when it does not answer; when unset, the pages use the
    /// static index only and load nothing from elsewhere. See `docs/scale-out.md`.
    pub search_api: Option<String>,
}

/// The interface languages the default theme has strings for.
pub const THEME_LANGUAGES: [&str; 2] = ["fr", "en"];

impl Config {
    /// Reads `root/wsis.yaml`.
    pub fn load(root: &Path) -> Result<Config> {
        let file = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&file).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::Other(format!(
                    "no {CONFIG_FILE} in {}: is this a wsis site? Start one with `wsis init DIR`",
                    root.display()
                ))
            } else {
                Error::io(&file, e)
            }
        })?;
        Self::parse(&text, &file)
    }

    /// Parses and checks a configuration; `file` names it in messages.
    pub fn parse(text: &str, file: &Path) -> Result<Config> {
        let raw: RawConfig = serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            Diagnostic::error(file, line, format!("invalid site configuration: {e}"))
                .at_column(column)
        })?;
        let line_of = |needle: &str| {
            text.lines()
                .position(|l| l.contains(needle))
                .map_or(0, |i| i + 1)
        };
        let mut errors = Vec::new();
        let base_url = raw.base_url.trim_end_matches('/').to_string();
        if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
            errors.push(Diagnostic::error(
                file,
                line_of("base_url:"),
                "base_url must be an absolute http(s) address, e.g. https://wsis.example.org",
            ));
        }
        if raw.languages.is_empty() {
            errors.push(Diagnostic::error(
                file,
                line_of("languages"),
                "name at least one language",
            ));
        }
        for lang in &raw.languages {
            if !THEME_LANGUAGES.contains(&lang.as_str()) {
                errors.push(Diagnostic::error(
                    file,
                    line_of("languages"),
                    format!(
                        "the theme has no interface strings for `{lang}`; the languages are {}",
                        THEME_LANGUAGES.join(", ")
                    ),
                ));
            }
            if !raw.title.contains_key(lang) {
                errors.push(Diagnostic::error(
                    file,
                    line_of("title"),
                    format!("no site title for `{lang}`"),
                ));
            }
        }
        let output = PathBuf::from(raw.output.as_deref().unwrap_or("public"));
        if output.as_os_str().is_empty()
            || output == Path::new(".")
            || output.is_absolute() && output.parent().is_none()
        {
            errors.push(Diagnostic::error(
                file,
                line_of("output"),
                "output must name a folder of its own, e.g. public",
            ));
        }
        let search_api = raw.search.and_then(|s| s.api).map(|a| a.trim().to_string());
        if let Some(api) = &search_api {
            if let Err(why) = check_search_api(api) {
                errors.push(Diagnostic::error(
                    file,
                    line_in_section(text, "search", "api"),
                    format!("search.api {why}"),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(Error::Input(errors));
        }
        Ok(Config {
            title: raw.title,
            base_url,
            languages: raw.languages,
            output,
            description: raw.description,
            search_api,
        })
    }

    pub fn title_in(&self, lang: &str) -> &str {
        self.title.get(lang).map_or("", String::as_str)
    }

    pub fn default_language(&self) -> &str {
        &self.languages[0]
    }

    /// The text written by `wsis init`.
    pub fn starter() -> &'static str {
        "# wsis site configuration.\n\
         title:\n  fr: Textes du SMSI\n  en: WSIS texts\n\
         description:\n  fr: Textes du Sommet mondial sur la société de l'information\n  en: Texts of the World Summit on the Information Society\n\
         # Public address of the site: used for canonical links, the sitemap and link previews.\n\
         base_url: https://wsis.example.org\n\
         # Interface languages; the first is the default.\n\
         languages: [fr, en]\n\
         output: public\n\
         # The search page uses the site's own static index. To send its queries to a search\n\
         # service instead (see docs/scale-out.md), give its address:\n\
         # search:\n\
         #   api: https://search.example.org/api/v1/wsis-paragraphs/search\n"
    }
}

/// Checks `search.api`: an `https://` address with a host, or a path on the site's own server
/// (`/api/search`), with no query or fragment (the search page adds its own parameters).
/// Returns what is wrong, as the end of a sentence starting with `search.api`.
fn check_search_api(api: &str) -> std::result::Result<(), String> {
    const EXAMPLES: &str =
        "e.g. https://search.example.org/api/v1/wsis-paragraphs/search or /api/search";
    if api.is_empty() {
        return Err(format!(
            "is empty: give an address, {EXAMPLES}, or remove the setting"
        ));
    }
    if api
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    {
        return Err(format!(
            "`{api}` contains spaces or characters an address cannot have"
        ));
    }
    if api.contains('?') || api.contains('#') {
        return Err(format!(
            "`{api}` must not carry a query or fragment: the search page adds its own parameters"
        ));
    }
    if let Some(rest) = api.strip_prefix("https://") {
        let host = rest.split('/').next().unwrap_or_default();
        if host.is_empty() || host.starts_with(':') {
            return Err(format!("`{api}` names no host, {EXAMPLES}"));
        }
        return Ok(());
    }
    if api.starts_with("//") {
        return Err(format!(
            "`{api}` is an address on another host without its scheme: write it with https://"
        ));
    }
    if api.starts_with('/') {
        return Ok(());
    }
    if api.starts_with("http://") {
        return Err(format!(
            "`{api}` is not encrypted: the search service must be reached over https:// (or through the site's own server, as a path like /api/search)"
        ));
    }
    Err(format!(
        "`{api}` must be an https:// address or a path starting with / on the site's own server, {EXAMPLES}"
    ))
}

/// The line of `key` inside the top-level mapping `section` (`search:` then `api:`, block or
/// flow style); 0 when it cannot be found.
fn line_in_section(text: &str, section: &str, key: &str) -> usize {
    let head = format!("{section}:");
    let Some(start) = text.lines().position(|l| l.starts_with(&head)) else {
        return 0;
    };
    text.lines()
        .enumerate()
        .skip(start)
        .take_while(|(i, l)| {
            *i == start
                || l.is_empty()
                || l.starts_with(' ')
                || l.starts_with('\t')
                || l.starts_with('#')
        })
        .find(|(_, l)| l.contains(&format!("{key}:")))
        .map_or(start + 1, |(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_configuration_is_valid() {
        let c = Config::parse(Config::starter(), Path::new("wsis.yaml")).unwrap();
        assert_eq!(c.languages, ["fr", "en"]);
        assert_eq!(c.output, PathBuf::from("public"));
        assert_eq!(c.title_in("en"), "WSIS texts");
    }

    #[test]
    fn errors_name_the_line() {
        let bad = Config::starter().replace("https://wsis.example.org", "wsis.example.org");
        let Err(Error::Input(ds)) = Config::parse(&bad, Path::new("wsis.yaml")) else {
            panic!()
        };
        assert_eq!(ds[0].line, 9, "{ds:?}");
        let bad = Config::starter().replace("[fr, en]", "[fr, de]");
        let Err(Error::Input(ds)) = Config::parse(&bad, Path::new("wsis.yaml")) else {
            panic!()
        };
        assert!(ds.iter().any(|d| d.message.contains("`de`")), "{ds:?}");
        let Err(Error::Input(ds)) = Config::parse("title: {fr: x\n", Path::new("wsis.yaml")) else {
            panic!()
        };
        assert!(
            ds[0].to_string().starts_with("error: wsis.yaml:"),
            "{}",
            ds[0]
        );
    }

    #[test]
    fn search_api_is_optional_and_unset_by_default() {
        let c = Config::parse(Config::starter(), Path::new("wsis.yaml")).unwrap();
        assert_eq!(c.search_api, None);
    }

    #[test]
    fn search_api_takes_an_https_address_or_a_path_on_the_site() {
        for (yaml, want) in [
            (
                "search:\n  api: https://search.example.org/api/v1/wsis-paragraphs/search\n",
                "https://search.example.org/api/v1/wsis-paragraphs/search",
            ),
            ("search: { api: /api/search }\n", "/api/search"),
            ("search:\n  api: \" /api/search \"\n", "/api/search"),
        ] {
            let text = format!("{}{yaml}", Config::starter());
            let c = Config::parse(&text, Path::new("wsis.yaml")).unwrap();
            assert_eq!(c.search_api.as_deref(), Some(want), "{yaml}");
        }
        let text = format!("{}search: {{}}\n", Config::starter());
        let c = Config::parse(&text, Path::new("wsis.yaml")).unwrap();
        assert_eq!(c.search_api, None);
    }

    #[test]
    fn an_unencrypted_search_api_is_an_error_naming_wsis_yaml_and_its_line() {
        let text = format!(
            "{}search:\n  # Quickwit behind the proxy\n  api: http://search.example.org/api/v1/wsis-paragraphs/search\n",
            Config::starter()
        );
        let api_line = text
            .lines()
            .position(|l| l.contains("api: http://"))
            .unwrap()
            + 1;
        let Err(Error::Input(ds)) = Config::parse(&text, Path::new("wsis.yaml")) else {
            panic!("http:// accepted")
        };
        assert_eq!(ds.len(), 1, "{ds:?}");
        assert_eq!(ds[0].line, api_line, "{ds:?}");
        let shown = ds[0].to_string();
        assert!(
            shown.starts_with(&format!("error: wsis.yaml:{api_line}")),
            "{shown}"
        );
        assert!(
            shown.contains("search.api") && shown.contains("https://"),
            "{shown}"
        );
    }

    #[test]
    fn other_bad_search_apis_are_errors() {
        for bad in [
            "search.example.org/api",
            "//search.example.org/api",
            "https:///api",
            "https://search.example.org/api?x=1",
            "/api/search#top",
            "javascript:alert(1)",
            "\"\"",
        ] {
            let text = format!("{}search:\n  api: {bad}\n", Config::starter());
            let Err(Error::Input(ds)) = Config::parse(&text, Path::new("wsis.yaml")) else {
                panic!("{bad} accepted")
            };
            assert!(ds[0].message.starts_with("search.api"), "{bad}: {ds:?}");
            assert_eq!(ds[0].line, text.lines().count(), "{bad}: {ds:?}");
        }
        let text = format!("{}search:\n  engine: quickwit\n", Config::starter());
        assert!(Config::parse(&text, Path::new("wsis.yaml")).is_err());
    }
}
