//! Reading a query: the citation it carries (`§67`, `80/173 67`, `A/RES/80/173 §67`, `C26/93`)
//! and the words left for full-text search. The static search of the pages reads queries by the
//! same rules (`docs/search.md`).

use super::records::Record;

/// What a query asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    /// Registry id of the document the query names, if any.
    pub doc: Option<String>,
    /// Paragraph number the query names, if any.
    pub number: Option<String>,
    /// The rest of the query, for full-text search.
    pub words: String,
}

/// Keywords that announce a paragraph number.
const PARAGRAPH_WORDS: [&str; 8] = [
    "§§",
    "§",
    "paragraphes",
    "paragraphe",
    "paragraphs",
    "paragraph",
    "para.",
    "par.",
];

/// The names a query may cite a document by, lower-cased, with the document's id: each of its
/// symbols (or its short name) and its id; longest first, so that `a/res/80/173` is tried before
/// `80/173`. The static search ships the same list.
pub fn document_names(records: &[Record]) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = Vec::new();
    for r in records {
        for s in r.symbol.split(" – ") {
            names.push((s.to_lowercase(), r.doc.clone()));
        }
        names.push((r.doc.to_lowercase(), r.doc.clone()));
    }
    names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    names.dedup();
    names
}

/// Reads `query` against the documents of `records` (their symbols and ids).
pub fn parse(query: &str, records: &[Record]) -> Parsed {
    let mut rest = format!(" {} ", query.replace(['\u{a0}', '\u{202f}'], " "));
    let mut parsed = Parsed::default();
    // A document: a symbol or id of the corpus, or a GA resolution number (`80/173`).
    let docs = document_names(records);
    let lower = rest.to_lowercase();
    for (name, doc) in &docs {
        if let Some(i) = find_word(&lower, name) {
            parsed.doc = Some(doc.clone());
            rest.replace_range(i..i + name.len(), " ");
            break;
        }
    }
    if parsed.doc.is_none() {
        if let Some((i, len, symbol)) = resolution_number(&rest) {
            if let Some((_, doc)) = docs.iter().find(|(n, _)| n == &symbol.to_lowercase()) {
                parsed.doc = Some(doc.clone());
                rest.replace_range(i..i + len, " ");
            }
        }
    }
    // A paragraph number after a keyword, or alone.
    let lower = rest.to_lowercase();
    for kw in PARAGRAPH_WORDS {
        if let Some(i) = lower.find(kw) {
            let after = i + kw.len();
            let digits_at = after + lower[after..].len() - lower[after..].trim_start().len();
            let n: String = lower[digits_at..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if !n.is_empty() {
                parsed.number = Some(n.clone());
                rest.replace_range(i..digits_at + n.len(), " ");
                break;
            }
        }
    }
    if parsed.number.is_none() {
        let words: Vec<&str> = rest.split_whitespace().collect();
        let numbers: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        // A bare number is a paragraph when it is the whole query, or stands with a document.
        if numbers.len() == 1 && (words.len() == 1 || parsed.doc.is_some()) {
            parsed.number = Some(numbers[0].to_string());
            rest = words
                .iter()
                .filter(|w| **w != numbers[0])
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    parsed.words = rest
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect::<Vec<_>>()
        .join(" ");
    parsed
}

/// The byte position of `word` in `text` where it stands as a whole (not inside a longer
/// symbol or word).
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(word).map(|i| from + i) {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        let edge =
            |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '/' || c == '.'));
        if edge(before) && edge(after) {
            return Some(i);
        }
        from = i + word.len();
    }
    None
}

/// A General Assembly resolution written by its number (`80/173`): position, length, symbol.
fn resolution_number(text: &str) -> Option<(usize, usize, String)> {
    for (i, _) in text.char_indices() {
        let rest = &text[i..];
        let a: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if a.is_empty()
            || a.len() > 2
            || text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '/')
        {
            continue;
        }
        let Some(tail) = rest[a.len()..].strip_prefix('/') else {
            continue;
        };
        let b: String = tail.chars().take_while(char::is_ascii_digit).collect();
        if b.is_empty() || b.len() > 4 {
            continue;
        }
        let len = a.len() + 1 + b.len();
        return Some((i, len, format!("A/RES/{a}/{b}")));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records() -> Vec<Record> {
        let r = |doc: &str, symbol: &str| Record {
            doc: doc.into(),
            symbol: symbol.into(),
            lang: "fr".into(),
            text_lang: "fr".into(),
            id: "p1".into(),
            number: Some("1".into()),
            section: String::new(),
            citation: String::new(),
            text: String::new(),
            notes: String::new(),
            url: String::new(),
            cited_by: vec![],
        };
        vec![
            r("a-res-80-173", "A/RES/80/173"),
            r("c26-93", "C26/93"),
            r("a-81-62-e-2026-48", "A/81/62 – E/2026/48"),
        ]
    }

    fn p(q: &str) -> (Option<String>, Option<String>, String) {
        let x = parse(q, &records());
        (x.doc, x.number, x.words)
    }

    #[test]
    fn citation_queries() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(p("§67"), (None, s("67"), String::new()));
        assert_eq!(p("67"), (None, s("67"), String::new()));
        assert_eq!(p("par. 67"), (None, s("67"), String::new()));
        assert_eq!(p("80/173 67"), (s("a-res-80-173"), s("67"), String::new()));
        assert_eq!(
            p("A/RES/80/173 §67"),
            (s("a-res-80-173"), s("67"), String::new())
        );
        assert_eq!(
            p("a/res/80/173, par. 113"),
            (s("a-res-80-173"), s("113"), String::new())
        );
        assert_eq!(p("C26/93"), (s("c26-93"), None, String::new()));
        assert_eq!(
            p("E/2026/48 §5"),
            (s("a-81-62-e-2026-48"), s("5"), String::new())
        );
    }

    #[test]
    fn words_stay_words() {
        assert_eq!(
            p("fracture numérique"),
            (None, None, "fracture numérique".to_string())
        );
        // A number among words is a word (a year, an amount), not a paragraph.
        assert_eq!(
            p("objectifs 2030"),
            (None, None, "objectifs 2030".to_string())
        );
        assert_eq!(
            p("§ 67 financement"),
            (None, Some("67".to_string()), "financement".to_string())
        );
    }
}
