//! Printed labels of paragraphs and items (`67`, `a`, `iv`, `2.1`): their kind, the label
//! expected after one, and their rank. The builder checks numbering with them, and the structure
//! report finds gaps with them.

/// The kind of numbering a label belongs to, used to compute the label expected next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelKind {
    Arabic,
    Letter,
    Roman,
    Dotted,
}

/// Lower-case roman numerals, `i` to `xxx`.
const ROMANS: [&str; 30] = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv", "xxvi", "xxvii",
    "xxviii", "xxix", "xxx",
];

/// The value of a roman numeral, `i` to `xxx` in either case.
pub(crate) fn roman_value(s: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    ROMANS.iter().position(|r| *r == lower).map(|p| p + 1)
}

/// The kind of `label`; `prev`, the label before it, tells `i`, `v`, `x` as letters from romans.
pub(crate) fn label_kind(label: &str, prev: Option<&str>) -> LabelKind {
    if label.contains('.') {
        return LabelKind::Dotted;
    }
    if label.chars().all(|c| c.is_ascii_digit()) {
        return LabelKind::Arabic;
    }
    if roman_value(label).is_some() {
        // `i`, `v`, `x` are letters too: they are roman when the previous label was roman, or
        // when there is no previous label and the label is not `a`-like.
        return match prev {
            Some(p)
                if roman_value(p).is_some()
                    && !(p.len() == 1 && next_letter(p).as_deref() == Some(label)) =>
            {
                LabelKind::Roman
            }
            Some(_) => LabelKind::Letter,
            None if label.eq_ignore_ascii_case("i") => LabelKind::Roman,
            None => LabelKind::Letter,
        };
    }
    LabelKind::Letter
}

/// The label a run of `kind` begins with (`1`, `a`, `i`); none for dotted labels.
pub(crate) fn first_label(kind: LabelKind) -> Option<String> {
    match kind {
        LabelKind::Arabic => Some("1".into()),
        LabelKind::Letter => Some("a".into()),
        LabelKind::Roman => Some("i".into()),
        LabelKind::Dotted => None,
    }
}

/// The letter after `l` (`b` after `a`); none after `z` or for more than one letter.
pub(crate) fn next_letter(l: &str) -> Option<String> {
    let mut cs = l.chars();
    let c = cs.next()?;
    if cs.next().is_some() || !c.is_ascii_alphabetic() || c == 'z' || c == 'Z' {
        return None;
    }
    Some(char::from(c as u8 + 1).to_string())
}

/// The label expected after `prev` in a run of `kind` (`68` after `67`, `2.2` after `2.1`).
pub(crate) fn next_label(prev: &str, kind: LabelKind) -> Option<String> {
    match kind {
        LabelKind::Arabic => prev.parse::<u64>().ok().map(|n| (n + 1).to_string()),
        LabelKind::Letter => next_letter(prev),
        LabelKind::Roman => roman_value(prev)
            .and_then(|v| ROMANS.get(v))
            .map(|s| s.to_string()),
        LabelKind::Dotted => {
            let (head, last) = prev.rsplit_once('.')?;
            let n: u64 = last.parse().ok()?;
            Some(format!("{head}.{}", n + 1))
        }
    }
}

/// The position of `label` in its run, to tell a label that goes back from one that skips.
pub(crate) fn label_rank(label: &str, kind: LabelKind) -> u64 {
    match kind {
        LabelKind::Arabic => label.parse().unwrap_or(u64::MAX),
        LabelKind::Letter => label
            .chars()
            .next()
            .map_or(0, |c| c.to_ascii_lowercase() as u64),
        LabelKind::Roman => roman_value(label).unwrap_or(0) as u64,
        LabelKind::Dotted => label
            .rsplit('.')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0),
    }
}

/// Two labels run together, as tracked changes flattened into a text leave them (`fg` where `f`
/// was replaced by `g`, `46` where `4` became `6`): the old label when `printed` is one of the
/// same kind followed by `expected`, the label expected after `prev`.
pub(crate) fn run_together<'a>(
    printed: &'a str,
    expected: &str,
    prev: Option<&str>,
) -> Option<&'a str> {
    let old = printed.strip_suffix(expected)?;
    (!old.is_empty() && label_kind(old, prev) == label_kind(printed, prev)).then_some(old)
}
