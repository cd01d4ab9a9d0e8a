//! Reader: TODO (being written).

use super::builder::DocBuilder;

pub fn read(_text: &str, _b: &mut DocBuilder) {}
