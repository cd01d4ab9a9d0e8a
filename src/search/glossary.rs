//! The glossary: expressions that mean the same across languages (`SMSI` / `WSIS`), so that a
//! query in either form finds both. `content/glossary.yaml`, editable without code.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Error, Result};
use crate::search::analyzer;

/// The glossary file, under the site root.
pub const GLOSSARY_FILE: &str = "content/glossary.yaml";

/// Groups of equivalent expressions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glossary {
    pub entries: Vec<Vec<String>>,
}

impl Glossary {
    /// Reads `root/content/glossary.yaml`; an absent file is an empty glossary.
    pub fn load(root: &Path) -> Result<Glossary> {
        let file = root.join(GLOSSARY_FILE);
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Glossary::default()),
            Err(e) => return Err(Error::io(&file, e)),
        };
        Self::parse(&text, &file)
    }

    /// Parses a glossary: a YAML list of lists of expressions.
    pub fn parse(text: &str, file: &Path) -> Result<Glossary> {
        let entries: Vec<Vec<String>> = serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            Diagnostic::error(
                file,
                line,
                format!("invalid glossary: {e} (write a list of lists, e.g. `- [SMSI, WSIS]`)"),
            )
            .at_column(column)
        })?;
        if let Some(i) = entries.iter().position(|e| e.len() < 2) {
            return Err(Diagnostic::error(
                file,
                0,
                format!("glossary entry {} has fewer than two expressions", i + 1),
            )
            .into());
        }
        Ok(Glossary { entries })
    }

    /// The entries one of whose expressions `matches` the query, compared as analysed terms
    /// (query terms, expression terms), in French then English analysis, in glossary order.
    fn matching<'a>(
        &'a self,
        query: &str,
        matches: impl Fn(&[String], &[String]) -> bool,
    ) -> Vec<&'a [String]> {
        let terms = |a: &mut tantivy::tokenizer::TextAnalyzer, text: &str| -> Vec<String> {
            analyzer::terms(a, text)
                .into_iter()
                .map(|t| t.term)
                .collect()
        };
        let mut out = Vec::new();
        for lang in ["fr", "en"] {
            let mut a = analyzer::analyzer(lang);
            let q = terms(&mut a, query);
            for entry in &self.entries {
                if entry.iter().any(|expr| matches(&q, &terms(&mut a, expr))) {
                    out.push(entry.as_slice());
                }
            }
        }
        out
    }

    /// The entry of which `query` is one expression, whole (`digital divide`), if any.
    pub fn entry_of(&self, query: &str) -> Option<&[String]> {
        self.matching(query, |q, e| !q.is_empty() && e == q)
            .into_iter()
            .next()
    }

    /// The expressions a query brings in: for each entry one of whose expressions appears in the
    /// query (as a run of analysed terms, in either language's analysis), every other expression.
    pub fn expand(&self, query: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let found = self.matching(query, |q, e| {
            !e.is_empty() && q.windows(e.len()).any(|w| w == e)
        });
        for expr in found.into_iter().flatten() {
            if !out.contains(expr) {
                out.push(expr.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_form_brings_the_others() {
        let g = Glossary::parse(
            "- [SMSI, WSIS]\n- [Pacte numérique mondial, Global Digital Compact]\n",
            Path::new("g.yaml"),
        )
        .unwrap();
        assert_eq!(g.expand("le wsis"), ["SMSI", "WSIS"]);
        assert!(g
            .expand("pacte numerique mondial")
            .contains(&"Global Digital Compact".to_string()));
        assert!(g.expand("internet").is_empty());
    }

    #[test]
    fn a_bad_glossary_names_its_line() {
        let e = Glossary::parse("- [SMSI, WSIS]\n- {x: 1}\n", Path::new("g.yaml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("g.yaml:2"), "{e}");
    }
}
