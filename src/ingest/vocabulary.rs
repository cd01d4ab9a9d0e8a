//! Words the layouts share: month names and printed dates, and the words that open a
//! preambular paragraph, in French and English.

use crate::text::is_space;

/// Month names, French then English, lower case; index % 12 is the month (0 = January).
pub const MONTHS: [&str; 24] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A date as printed: day, month (1–12), year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrintedDate {
    pub day: u32,
    pub month: u32,
    pub year: u32,
}

impl PrintedDate {
    /// ISO form, `2025-12-17`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Reads a whole text as a date: `19 décembre 2025`, `1er juillet 2025`, `19 December 2025`,
/// `April 14, 2026`. Case, no-break spaces and commas do not matter; anything else around the
/// date makes it not a date.
pub fn printed_date(text: &str) -> Option<PrintedDate> {
    let words: Vec<String> = text
        .split(|c: char| is_space(c) || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let day = |w: &str| {
        let d = w.strip_suffix("er").unwrap_or(w);
        (d.len() <= 2 && d.chars().all(|c| c.is_ascii_digit()))
            .then(|| d.parse::<u32>().ok())
            .flatten()
            .filter(|d| (1..=31).contains(d))
    };
    let month = |w: &str| {
        MONTHS
            .iter()
            .position(|m| *m == w)
            .map(|i| (i % 12) as u32 + 1)
    };
    let year = |w: &str| {
        (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
    };
    let (d, m, y) = match words.as_slice() {
        [a, b, c] => match (day(a), month(b), month(a), day(b)) {
            (Some(d), Some(m), _, _) => (d, m, year(c)?),
            (_, _, Some(m), Some(d)) => (d, m, year(c)?),
            _ => return None,
        },
        _ => return None,
    };
    Some(PrintedDate {
        day: d,
        month: m,
        year: y,
    })
}

/// Words that open a preambular paragraph of a resolution, folded to lower case, beyond the
/// participles that the shape rule of [`opens_preambular`] finds (`Rappelant`, `Recalling`).
const PREAMBULAR_WORDS: [&str; 24] = [
    "conscient",
    "conscients",
    "consciente",
    "convaincu",
    "convaincus",
    "convaincue",
    "préoccupé",
    "préoccupés",
    "profondément",
    "vivement",
    "résolu",
    "résolus",
    "déterminé",
    "déterminés",
    "ayant",
    "mindful",
    "aware",
    "convinced",
    "concerned",
    "deeply",
    "gravely",
    "determined",
    "having",
    "bearing",
];

/// Whether `line` opens a preambular paragraph: a capitalised participle (`Rappelant`,
/// `Se félicitant`, `S'appuyant`, `Recalling`, `Noting with concern`) or one of the adjectives
/// resolutions use so (`Conscients`, `Mindful`, `Deeply concerned`).
pub fn opens_preambular(line: &str) -> bool {
    let t = line.trim_start_matches(|c: char| is_space(c) || c.is_whitespace() || c == '*');
    if !t.starts_with(char::is_uppercase) {
        return false;
    }
    let lower = t
        .split(|c: char| is_space(c) || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let rest = ["se ", "s'", "s’", "nous "]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower);
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    let participle = word.chars().count() >= 5
        && (word.ends_with("ant") || word.ends_with("ing"))
        && !matches!(
            word.as_str(),
            "pendant" | "cependant" | "maintenant" | "during" | "nothing"
        );
    let next = rest[word.len()..].chars().next();
    (participle || PREAMBULAR_WORDS.contains(&word.as_str()))
        && next.is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preambular_openings() {
        for t in [
            "Rappelant sa résolution 70/125,",
            "Se félicitant de la tenue du Sommet",
            "Se  félicitant  de  la  tenue",
            "S’appuyant sur le rapport",
            "Réaffirmant la résolution 70/1",
            "Recalling its resolution 70/125",
            "Noting with concern",
            "Deeply concerned that",
            "Conscients de l'importance",
        ] {
            assert!(opens_preambular(t), "{t}");
        }
        for t in [
            "rappelant sa résolution",
            "Cependant, les pays",
            "Pendant cette période",
            "Nous réaffirmons",
            "Le présent rapport",
            "Les pays en développement",
        ] {
            assert!(!opens_preambular(t), "{t}");
        }
    }

    #[test]
    fn french_and_english_dates() {
        let d = |s| printed_date(s).map(|d| d.iso());
        assert_eq!(d("19 décembre 2025").as_deref(), Some("2025-12-19"));
        assert_eq!(d("1er juillet 2025").as_deref(), Some("2025-07-01"));
        assert_eq!(d("14 April 2026").as_deref(), Some("2026-04-14"));
        assert_eq!(d("April 14, 2026").as_deref(), Some("2026-04-14"));
        assert_eq!(d("9\u{a0}février 2026 ").as_deref(), Some("2026-02-09"));
        assert_eq!(d("Décembre 2025"), None);
        assert_eq!(d("32 mai 2025"), None);
        assert_eq!(d("le 17 décembre 2025"), None);
    }
}
