//! Text utilities shared by every reader: decoding a source file, normalising text, slugs.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::Diagnostic;

/// Spaces that carry typographic meaning and are kept as they are: no-break space, narrow no-break
/// space, thin space, figure space.
pub const TYPOGRAPHIC_SPACES: [char; 4] = ['\u{00A0}', '\u{202F}', '\u{2009}', '\u{2007}'];

/// True for any character a reader should treat as a space when it looks for structure
/// (numbers, tabs, markers): ASCII white space and the typographic spaces.
pub fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || TYPOGRAPHIC_SPACES.contains(&c) || c == '\u{3000}'
}

/// Decodes a source file: rejects empty, binary and non-UTF-8 input with the line of the fault,
/// removes a byte-order mark and turns CRLF and lone CR line ends into LF.
pub fn decode_source(bytes: &[u8], path: &Path) -> Result<String, Diagnostic> {
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
        return Err(Diagnostic::error(
            path,
            line,
            "binary data (a NUL byte): wsis reads plain-text exports; save the document as UTF-8 text",
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = 1 + good.iter().filter(|&&b| b == b'\n').count();
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let column = 1 + String::from_utf8_lossy(&good[line_start..]).chars().count();
            return Err(Diagnostic::error(
                path,
                line,
                format!(
                    "not valid UTF-8 (byte 0x{:02X}); convert the file to UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8`",
                    bytes[e.valid_up_to()]
                ),
            )
            .at_column(column));
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}') {
        return Err(Diagnostic::error(
            path,
            0,
            "the file is empty: there is no text to read",
        ));
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}'))
        .count();
    if controls * 100 > text.chars().count() {
        let line = text
            .lines()
            .position(|l| {
                l.chars()
                    .any(|c| c.is_control() && c != '\t' && c != '\r' && c != '\u{0C}')
            })
            .map_or(0, |i| i + 1);
        return Err(Diagnostic::error(
            path,
            line,
            "this looks like binary data, not text: wsis reads plain-text exports",
        ));
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{FEFF}' => {}
            _ => out.push(c),
        }
    }
    Ok(out)
}

/// Normalises a piece of text: NFC, every run of white space collapsed to one character (a
/// typographic space in the run is kept in place of the run), no space at either end.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending: Option<char> = None;
    // Most text is NFC already: composing it again is the costliest step of reading a source.
    let composed: Box<dyn Iterator<Item = char>> = if unicode_normalization::is_nfc_quick(s.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        Box::new(s.chars())
    } else {
        Box::new(s.nfc())
    };
    for c in composed {
        if c.is_whitespace() || c == '\u{FEFF}' {
            let typographic = TYPOGRAPHIC_SPACES.contains(&c);
            pending = match pending {
                Some(p) if TYPOGRAPHIC_SPACES.contains(&p) => Some(p),
                _ if typographic => Some(c),
                _ => Some(' '),
            };
        } else {
            if let Some(p) = pending.take() {
                if !out.is_empty() {
                    out.push(p);
                }
            }
            out.push(c);
        }
    }
    out
}

/// Like [`normalize`] but keeps one leading and one trailing space when the input has them, so
/// that runs can be normalised one by one and concatenated.
pub fn normalize_run(s: &str) -> String {
    let lead = s.starts_with(|c: char| c.is_whitespace());
    let trail = s.ends_with(|c: char| c.is_whitespace());
    let core = normalize(s);
    if core.is_empty() {
        return if lead || trail {
            " ".into()
        } else {
            String::new()
        };
    }
    let mut out = String::with_capacity(core.len() + 2);
    if lead {
        out.push(leading_space(s));
    }
    out.push_str(&core);
    if trail {
        let tail_start = s.trim_end().len();
        out.push(leading_space(&s[tail_start..]));
    }
    out
}

fn leading_space(s: &str) -> char {
    s.chars()
        .take_while(|c| c.is_whitespace())
        .find(|c| TYPOGRAPHIC_SPACES.contains(c))
        .unwrap_or(' ')
}

/// The longest end of `s` whose characters all satisfy `keep` (`trailing_run("vol. 2515", char::is_alphanumeric)` is `2515`).
pub fn trailing_run(s: &str, keep: impl Fn(char) -> bool) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|&(_, c)| keep(c))
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

/// A lower-case ASCII slug: letters and digits folded to ASCII, other characters to `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.nfd() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            // A combining mark is not alphanumeric, so a decomposed letter leaves its base above.
            match c {
                'œ' | 'Œ' => out.push_str("oe"),
                'æ' | 'Æ' => out.push_str("ae"),
                'ß' => out.push_str("ss"),
                _ => {}
            }
        } else if is_combining(c) {
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// The words of a text for counting: maximal runs of letters and digits. Superscript digits
/// count as ordinary digits.
pub fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !(c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().map(superscript_to_digit).collect())
}

/// Maps a superscript digit to its ASCII digit; other characters are returned as they are.
pub fn superscript_to_digit(c: char) -> char {
    match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴' => '4',
        '⁵' => '5',
        '⁶' => '6',
        '⁷' => '7',
        '⁸' => '8',
        '⁹' => '9',
        _ => c,
    }
}

pub fn is_superscript_digit(c: char) -> bool {
    superscript_to_digit(c) != c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_crlf() {
        let t = decode_source("\u{FEFF}a\r\nb\rc\n".as_bytes(), Path::new("x.txt")).unwrap();
        assert_eq!(t, "a\nb\nc\n");
    }

    #[test]
    fn decode_reports_line_and_column_of_bad_utf8() {
        let bytes = b"first\nsecond ok\nthi\xE9rd\n";
        let d = decode_source(bytes, Path::new("x.txt")).unwrap_err();
        assert_eq!((d.line, d.column), (3, 4));
        assert!(d.message.contains("UTF-8"), "{}", d.message);
    }

    #[test]
    fn decode_rejects_empty_and_binary() {
        let e = decode_source(b" \n\n", Path::new("e.txt")).unwrap_err();
        assert!(e.message.contains("empty"));
        let b = decode_source(b"abc\n\x00\x01", Path::new("b.bin")).unwrap_err();
        assert_eq!(b.line, 2);
        assert!(b.message.contains("binary"));
    }

    #[test]
    fn normalize_collapses_but_keeps_typographic_spaces() {
        assert_eq!(normalize("  a \t b  "), "a b");
        assert_eq!(normalize("85\u{a0}%"), "85\u{a0}%");
        assert_eq!(normalize("du\u{a0} SOMMET"), "du\u{a0}SOMMET");
        // NFC: e + combining acute becomes é.
        assert_eq!(normalize("e\u{301}"), "é");
    }

    #[test]
    fn normalize_run_keeps_edge_spaces() {
        assert_eq!(normalize_run(" a  b "), " a b ");
        assert_eq!(normalize_run("a"), "a");
        assert_eq!(normalize_run("   "), " ");
    }

    #[test]
    fn trailing_runs() {
        assert_eq!(trailing_run("vol. 2515", char::is_alphanumeric), "2515");
        assert_eq!(trailing_run("avant-", char::is_alphabetic), "");
        assert_eq!(trailing_run("km", char::is_alphabetic), "km");
        assert_eq!(trailing_run("", char::is_alphabetic), "");
    }

    #[test]
    fn slugs_fold_accents() {
        assert_eq!(slug("Considérant"), "considerant");
        assert_eq!(
            slug("charge le Secrétaire général"),
            "charge-le-secretaire-general"
        );
        assert_eq!(slug("Mise en œuvre"), "mise-en-oeuvre");
    }

    #[test]
    fn words_split_on_punctuation_and_read_superscripts() {
        let w: Vec<_> = words("Séville¹, l'UIT (2003)").collect();
        assert_eq!(w, ["Séville1", "l", "UIT", "2003"]);
    }
}
