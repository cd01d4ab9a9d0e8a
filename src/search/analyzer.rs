//! The text analysis of search, one per language: words split on anything that is not a letter
//! or a digit, lower-cased, the language's stop words (`de`, `la`, `the`) left out, accents
//! folded (`numérique` and `numerique` are one word), then stemmed (`fractures` and `fracture`
//! are one word). The same chain indexes the paragraphs,
//! reads the queries, and produces the word → stem table the static search ships, so that the
//! browser finds exactly what the index finds.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, TokenStream,
};

/// The name a language's analyzer is registered under in the index.
pub fn name(lang: &str) -> &'static str {
    match lang {
        "en" => "wsis_en",
        _ => "wsis_fr",
    }
}

/// The analyzer of `lang` (French for any language without its own).
pub fn analyzer(lang: &str) -> TextAnalyzer {
    let language = match lang {
        "en" => Language::English,
        _ => Language::French,
    };
    let stop =
        StopWordFilter::new(language).expect("the stop words of French and English are built in");
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(stop)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(language))
        .build()
}

/// A word of a text with the term it is indexed as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The word as written (`Fractures`).
    pub surface: String,
    /// The indexed term (`fractur`).
    pub term: String,
    pub start: usize,
    pub end: usize,
}

/// The terms of a text, in order.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Term> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push(Term {
            surface: text[t.offset_from..t.offset_to].to_string(),
            term: t.text.clone(),
            start: t.offset_from,
            end: t.offset_to,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(lang: &str, text: &str) -> Vec<String> {
        terms(&mut analyzer(lang), text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    #[test]
    fn accents_case_and_plurals_do_not_matter() {
        assert_eq!(stems("fr", "numérique"), stems("fr", "NUMERIQUE"));
        assert_eq!(
            stems("fr", "fractures numériques"),
            stems("fr", "fracture numerique")
        );
        assert_eq!(stems("en", "Divides"), stems("en", "divide"));
        assert_ne!(stems("fr", "société"), stems("fr", "sommet"));
    }

    #[test]
    fn stop_words_are_left_out() {
        assert!(stems("fr", "de la société").len() == 1);
        assert!(stems("en", "the divide").len() == 1);
    }

    #[test]
    fn offsets_point_at_the_words() {
        let t = terms(&mut analyzer("fr"), "l’Union internationale");
        assert_eq!(t.last().unwrap().surface, "internationale");
        assert!(t.iter().any(|x| x.surface == "Union"));
    }
}
