//! The interface strings of the theme (`strings.yaml`): one entry per key, one value per language.

use std::collections::BTreeMap;
use std::path::Path;

use serde_yaml::Value;

use crate::diagnostic::{Diagnostic, Error, Result};

/// Strings by key, then language. A value is a string or a list of strings (month names).
#[derive(Debug, Clone)]
pub struct Strings {
    entries: BTreeMap<String, BTreeMap<String, Value>>,
}

impl Strings {
    /// Parses `strings.yaml` and checks that every key has a value in every language of `langs`.
    /// `file` names the file in messages.
    pub fn parse(text: &str, file: &Path, langs: &[String]) -> Result<Strings> {
        let entries: BTreeMap<String, BTreeMap<String, Value>> = serde_yaml::from_str(text)
            .map_err(|e| {
                let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
                Diagnostic::error(file, line, format!("invalid interface strings: {e}"))
                    .at_column(column)
            })?;
        let mut errors = Vec::new();
        for (key, values) in &entries {
            for lang in langs {
                let ok = match values.get(lang) {
                    Some(Value::String(_)) => true,
                    Some(Value::Sequence(items)) => items.iter().all(Value::is_string),
                    _ => false,
                };
                if !ok {
                    let line = text
                        .lines()
                        .position(|l| l.starts_with(&format!("{key}:")))
                        .map_or(0, |i| i + 1);
                    errors.push(Diagnostic::error(
                        file,
                        line,
                        format!("string `{key}` has no text for `{lang}`"),
                    ));
                }
            }
        }
        if !errors.is_empty() {
            return Err(Error::Input(errors));
        }
        Ok(Strings { entries })
    }

    /// The string `key` in `lang`; an empty string for an unknown key (templates fail loudly
    /// instead, see [`Strings::table`]).
    pub fn get(&self, lang: &str, key: &str) -> String {
        match self.entries.get(key).and_then(|v| v.get(lang)) {
            Some(Value::String(s)) => s.clone(),
            _ => String::new(),
        }
    }

    /// The string `key` in `lang` with `{name}` placeholders replaced.
    pub fn fill(&self, lang: &str, key: &str, values: &[(&str, &str)]) -> String {
        let mut s = self.get(lang, key);
        for (name, value) in values {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// A list string (`months`) in `lang`.
    pub fn list(&self, lang: &str, key: &str) -> Vec<String> {
        match self.entries.get(key).and_then(|v| v.get(lang)) {
            Some(Value::Sequence(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Does the theme have this key?
    pub fn has(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Every string in `lang`, for templates (`{{ t.documents }}`).
    pub fn table(&self, lang: &str) -> BTreeMap<String, String> {
        self.entries
            .iter()
            .filter_map(|(k, v)| match v.get(lang) {
                Some(Value::String(s)) => Some((k.clone(), s.clone())),
                _ => None,
            })
            .collect()
    }

    /// An ISO date (`2025-12-17`, `2026-04`, `2026`) written out in `lang`:
    /// `17 décembre 2025` / `17 December 2025`.
    pub fn date(&self, lang: &str, iso: &str) -> String {
        let months = self.list(lang, "months");
        let parts: Vec<&str> = iso.split('-').collect();
        let month = |m: &str| {
            m.parse::<usize>()
                .ok()
                .and_then(|m| months.get(m.wrapping_sub(1)))
                .cloned()
        };
        match parts.as_slice() {
            [y, m, d] => match (month(m), d.parse::<u32>()) {
                (Some(m), Ok(d)) => {
                    let day = if lang == "fr" && d == 1 {
                        "1er".to_string()
                    } else {
                        d.to_string()
                    };
                    format!("{day} {m} {y}")
                }
                _ => iso.to_string(),
            },
            [y, m] => month(m).map_or_else(|| iso.to_string(), |m| format!("{m} {y}")),
            _ => iso.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings {
        let text = "a: {fr: \"Bonjour {n}\", en: \"Hello {n}\"}\nmonths:\n  fr: [janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, novembre, décembre]\n  en: [January, February, March, April, May, June, July, August, September, October, November, December]\n";
        Strings::parse(text, Path::new("strings.yaml"), &["fr".into(), "en".into()]).unwrap()
    }

    #[test]
    fn dates_are_written_per_language() {
        let s = strings();
        assert_eq!(s.date("fr", "2025-12-17"), "17 décembre 2025");
        assert_eq!(s.date("en", "2025-12-17"), "17 December 2025");
        assert_eq!(s.date("fr", "2026-07-01"), "1er juillet 2026");
        assert_eq!(s.date("en", "2026-04"), "April 2026");
        assert_eq!(s.date("fr", "2026"), "2026");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(strings().fill("en", "a", &[("n", "67")]), "Hello 67");
    }

    #[test]
    fn a_missing_language_is_an_error_naming_key_and_line() {
        let text = "a: {fr: x, en: y}\nb: {fr: seulement}\n";
        let Err(Error::Input(ds)) =
            Strings::parse(text, Path::new("s.yaml"), &["fr".into(), "en".into()])
        else {
            panic!()
        };
        assert_eq!(ds[0].line, 2);
        assert!(ds[0].message.contains("`b`") && ds[0].message.contains("`en`"));
    }

    #[test]
    fn the_embedded_strings_cover_both_languages() {
        let theme = crate::theme::Theme::load(Path::new("/nonexistent")).unwrap();
        let (text, _) = theme.text("strings.yaml").unwrap();
        let s = Strings::parse(
            &text,
            Path::new("strings.yaml"),
            &["fr".into(), "en".into()],
        )
        .unwrap();
        assert_eq!(s.list("fr", "months").len(), 12);
        assert_eq!(s.list("en", "months").len(), 12);
    }
}
