//! Property tests: no reader panics, whatever the input. Inputs are random text, random bytes,
//! and random sequences of the fragments the readers look for (numbers, tabs, markers, notes,
//! page furniture), which reach far deeper into the readers than random text does.

use std::path::Path;

use proptest::prelude::*;
use wsis::ingest::{self, Layout};

const FRAGMENTS: &[&str] = &[
    "\t",
    "\n",
    "\n\n",
    " ",
    "\u{a0}",
    "\u{202f}",
    "\r\n",
    "\u{feff}",
    "1",
    "9",
    "67",
    "127",
    "2.1",
    "1213",
    "46",
    ". ",
    "a)",
    "fg)",
    "i)",
    "ii)",
    "iv)",
    "–",
    "- ",
    "[footnoteRef:1]",
    "[footnoteRef:",
    "[1: ",
    "[2: \t",
    "]",
    "[",
    "(",
    ")",
    "[bookmark: _Hlk1]",
    "[image: ]",
    "¹",
    "²",
    "¹⁰",
    "**",
    "*",
    "^e",
    "[70/125](#)",
    "](#)",
    "\\(",
    "GE.26-01527",
    "2 GE.26-01527 ",
    "A/81/62 ",
    "https://x.org/a-",
    "https://x.org/a-b",
    "é",
    "œ",
    "Rappelant",
    "Recalling",
    "considérant",
    "décide",
    "charge le Secrétaire général",
    "invite",
    "ANNEXE",
    "Annexe: 1",
    "Objet",
    "Références",
    "Distr. générale",
    "I.",
    " I. ",
    "A. ",
    "Introduction",
    "  ",
    ".",
    ",",
    ":",
    ";",
    "Nous, Ministres",
    "L'Assemblée générale",
    "__________",
    "* E/2026/1. ",
    "Note : ",
    "\u{0}",
    "\u{7}",
    "x",
    "texte ordinaire",
    "Le Conseil de l'UIT,",
];

fn layouts() -> [Option<Layout>; 4] {
    [
        None,
        Some(Layout::WordExport),
        Some(Layout::UnMarkdown),
        Some(Layout::PdfText),
    ]
}

fn read_all_ways(text: &str) {
    for layout in layouts() {
        let _ = ingest::read_text(text, Path::new("fuzz.txt"), layout);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn structured_fragments_never_panic(parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..400)) {
        read_all_ways(&parts.concat());
    }

    #[test]
    fn random_text_never_panics(text in any::<String>()) {
        read_all_ways(&text);
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        for layout in layouts() {
            let _ = ingest::read_bytes(&bytes, Path::new("fuzz.bin"), layout);
        }
    }
}

/// Cutting each real source at random places and reading the pieces exercises every reader on
/// text shaped like its layout.
#[test]
fn truncated_seeds_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/fr");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let chars: Vec<char> = text.chars().collect();
        for _ in 0..25 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let a = (state % chars.len() as u64) as usize;
            let b = a + ((state >> 20) % 4000) as usize;
            let piece: String = chars[a..b.min(chars.len())].iter().collect();
            read_all_ways(&piece);
        }
    }
}
