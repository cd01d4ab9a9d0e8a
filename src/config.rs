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
        if !errors.is_empty() {
            return Err(Error::Input(errors));
        }
        Ok(Config {
            title: raw.title,
            base_url,
            languages: raw.languages,
            output,
            description: raw.description,
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
         output: public\n"
    }
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
}
