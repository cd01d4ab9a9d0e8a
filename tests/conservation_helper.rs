//! The conservation check itself must be able to fail: a model that drops or repeats a word is
//! caught.

mod common;

use std::path::Path;

use wsis::ingest::builder::{DocBuilder, Para};
use wsis::model::{Inline, Role};

fn doc(texts: &[&str]) -> wsis::model::Document {
    let mut b = DocBuilder::new(Path::new("t.txt"), "test");
    for t in texts {
        b.paragraph(Para::new(
            Role::Text,
            None,
            vec![Inline::Text {
                text: t.to_string(),
            }],
            1,
        ));
    }
    b.finish().0
}

#[test]
fn a_faithful_model_passes() {
    common::assert_conserved(
        "PAGE 1\nUn deux trois.\nQuatre.\n",
        &[r"(?m)^PAGE \d+$"],
        &doc(&["Un deux trois.", "Quatre."]),
    );
}

#[test]
fn a_lost_word_is_caught() {
    let (missing, extra) = common::conservation_diff("Un deux trois.", &[], &doc(&["Un trois."]));
    assert_eq!(missing.get("deux"), Some(&1));
    assert!(extra.is_empty());
}

#[test]
fn a_duplicated_word_is_caught() {
    let (missing, extra) = common::conservation_diff("Un deux.", &[], &doc(&["Un deux.", "deux"]));
    assert!(missing.is_empty());
    assert_eq!(extra.get("deux"), Some(&1));
}

#[test]
fn furniture_left_in_the_model_is_caught() {
    let (_, extra) = common::conservation_diff(
        "PAGE 2\nTexte.",
        &[r"(?m)^PAGE \d+$"],
        &doc(&["PAGE 2 Texte."]),
    );
    assert_eq!(extra.get("PAGE"), Some(&1));
}
