//! Tells a source's layout from the traces each layout leaves.

use super::Layout;

/// Scores the text against each layout; `None` when no layout leaves enough traces.
pub fn detect(text: &str) -> Option<Layout> {
    let scores = scores(text);
    let (best, score) = scores
        .iter()
        .copied()
        .max_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))?;
    (score >= 3.0).then_some(best)
}

/// The score of each layout (higher is likelier), for `wsis inspect --explain` and tests.
pub fn scores(text: &str) -> [(Layout, f64); 3] {
    let mut word = 0.0;
    let mut un = 0.0;
    let mut pdf = 0.0;
    let lines: Vec<&str> = text.lines().collect();
    let nonblank: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let n = nonblank.len().max(1) as f64;
    // Word export: bracketed field traces and tab-separated numbers.
    word += 3.0 * count(text, "[footnoteRef:") as f64;
    word += 2.0 * count(text, "[bookmark:") as f64;
    word += 2.0 * count(text, "[image:") as f64;
    let tabbed = nonblank.iter().filter(|l| is_tab_numbered(l)).count() as f64;
    word += 10.0 * tabbed / n + tabbed.min(20.0) * 0.5;
    // UN text with Markdown traces: link traces, superscript marks, bold, numbered paragraphs
    // that begin with `N. ` on lines of their own separated by blank lines.
    un += 2.0 * count(text, "](#)") as f64;
    un += 0.5
        * text
            .chars()
            .filter(|c| matches!(c, '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹'))
            .count() as f64;
    un += 0.5 * count(text, "**") as f64;
    let long_numbered = nonblank
        .iter()
        .filter(|l| l.chars().count() > 200 && starts_with_number_dot(l))
        .count() as f64;
    un += 10.0 * long_numbered / n + long_numbered.min(20.0) * 0.3;
    // A short text too: numbered paragraphs that are whole on their line (`2. Prie … .`).
    let whole_numbered = nonblank
        .iter()
        .filter(|l| starts_with_number_dot(l) && ends_clause(l))
        .count() as f64;
    un += 6.0 * whole_numbered / n + whole_numbered.min(10.0) * 0.3;
    // PDF text: short hard-wrapped lines, page furniture (job numbers), trailing spaces, form
    // feeds between pages, and sentences that go on from one line to the next.
    let short = nonblank
        .iter()
        .filter(|l| (40..=120).contains(&l.chars().count()))
        .count() as f64;
    let trailing = nonblank.iter().filter(|l| l.ends_with(' ')).count() as f64;
    pdf += 6.0 * (short / n) + 4.0 * (trailing / n);
    pdf += 2.0 * nonblank.iter().filter(|l| is_job_number_line(l)).count() as f64;
    let wrapped = wrapped_lines(&nonblank) as f64;
    let hard_wrapped = wrapped >= 5.0 && wrapped / n >= 0.15;
    if short / n < 0.5 && !hard_wrapped {
        pdf = pdf.min(2.0);
    }
    if hard_wrapped {
        pdf += 10.0 * wrapped / n;
    }
    pdf += 2.0 * (count(text, "\u{c}") as f64).min(10.0);
    [
        (Layout::WordExport, word),
        (Layout::UnMarkdown, un),
        (Layout::PdfText, pdf),
    ]
}

/// Lines that stop in the middle of a sentence, the next line going on in lower case: text
/// wrapped at the width of a printed page.
fn wrapped_lines(nonblank: &[&str]) -> usize {
    nonblank
        .windows(2)
        .filter(|w| {
            let end = w[0].trim_end();
            let next = w[1].trim_start();
            end.chars().count() >= 30
                && end.ends_with(|c: char| c.is_alphabetic())
                && next.starts_with(|c: char| c.is_lowercase())
        })
        .count()
}

/// What detection saw in a text, for the message when it cannot tell the layout.
pub fn traces(text: &str) -> String {
    let nonblank: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let tabbed = nonblank.iter().filter(|l| is_tab_numbered(l)).count();
    let scores = scores(text)
        .iter()
        .map(|(l, s)| format!("{l} {s:.1}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "{} lines; {} wrapped in mid-sentence, {} form feeds, {} tab-numbered, {} `[footnoteRef:` marks, {} `](#)` link traces; scores (3 needed): {scores}",
        nonblank.len(),
        wrapped_lines(&nonblank),
        count(text, "\u{c}"),
        tabbed,
        count(text, "[footnoteRef:"),
        count(text, "](#)")
    )
}

fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

/// `67\t…`, `2.1\t…`, `a)\t…`, `iv)\t…`, `–\t…`.
fn is_tab_numbered(line: &str) -> bool {
    let line = line.trim_start_matches(' ');
    let Some((head, _)) = line.split_once('\t') else {
        return false;
    };
    let head = head.trim_end_matches(')');
    !head.is_empty()
        && head.chars().count() <= 6
        && (head.chars().all(|c| c.is_ascii_digit() || c == '.')
            || head.chars().all(|c| c.is_ascii_lowercase())
            || head == "–"
            || head == "-"
            || head.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
}

/// A line that ends a sentence or a clause.
fn ends_clause(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['»', '”', '"', ')'])
        .ends_with(['.', ';', ':', ','])
}

fn starts_with_number_dot(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

/// Job numbers printed in UN page footers: `GE.26-01527`, `25-12345 (F)`.
pub fn is_job_number_line(line: &str) -> bool {
    line.split_whitespace().any(|w| {
        let b = w.as_bytes();
        (b.len() == 11
            && w.starts_with("GE.")
            && b[5] == b'-'
            && w[3..5].chars().all(|c| c.is_ascii_digit())
            && w[6..].chars().all(|c| c.is_ascii_digit()))
            || (b.len() == 8
                && b[2] == b'-'
                && w[..2].chars().all(|c| c.is_ascii_digit())
                && w[3..].chars().all(|c| c.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_prose_has_no_layout() {
        assert_eq!(detect("Bonjour.\nCeci est une lettre.\n"), None);
    }

    #[test]
    fn word_traces_win() {
        let t = "Titre\n1\tPremier point[footnoteRef:1]. [1: \tNote.]\n2\tSecond point.\na)\tun\n";
        assert_eq!(detect(t), Some(Layout::WordExport));
    }

    #[test]
    fn markdown_traces_win() {
        let long = "x".repeat(220);
        let t = format!("Rappelant la résolution [70/125](#),\n\n1. {long}¹.\n\n2. {long}.\n\n¹ Voir A/60/687.\n");
        assert_eq!(detect(&t), Some(Layout::UnMarkdown));
    }

    #[test]
    fn hard_wrapped_lines_with_furniture_read_as_pdf() {
        let mut t = String::new();
        for i in 0..40 {
            t.push_str(&format!(
                "ligne numéro {i} d'un texte coupé à la largeur de la page imprimée \n\n"
            ));
        }
        t.push_str("GE.26-01527 3 \n");
        assert_eq!(detect(&t), Some(Layout::PdfText));
    }

    #[test]
    fn long_lines_wrapped_in_mid_sentence_read_as_pdf() {
        // A page set wide (US Letter, small type): lines over 120 characters, no trailing space.
        let line = "Nous réaffirmons notre attachement aux ambitions du Sommet mondial sur la société de l'information, à savoir édifier";
        let mut t = String::new();
        for _ in 0..10 {
            t.push_str(&format!("{line} une\nsociété de l'information à dimension humaine, ouverte à tous et privilégiant le développement.\n"));
        }
        assert_eq!(detect(&t), Some(Layout::PdfText), "{}", traces(&t));
        // The same sentences one per line, as a word processor saves them, are not.
        let flat = t.replace(" une\nsociété", " une société");
        assert_ne!(detect(&flat), Some(Layout::PdfText), "{}", traces(&flat));
    }

    #[test]
    fn a_short_resolution_one_paragraph_a_line_is_read_as_un_text() {
        let t = "L'Assemblée générale,\n\nRappelant sa résolution 70/125,\n\n1. Décide de poursuivre ses travaux ;\n\n2. Prie le Secrétaire général de lui faire rapport.\n";
        assert_eq!(detect(t), Some(Layout::UnMarkdown), "{}", traces(t));
    }

    #[test]
    fn traces_say_what_was_seen() {
        let t = traces("Bonjour.\nCeci est une lettre.\n");
        assert!(
            t.contains("2 lines") && t.contains("scores (3 needed)"),
            "{t}"
        );
    }

    #[test]
    fn job_numbers() {
        assert!(is_job_number_line("2 GE.26-01527 "));
        assert!(is_job_number_line("25-12345 (F)"));
        assert!(!is_job_number_line("les 16 et 17 décembre 2025"));
    }
}
