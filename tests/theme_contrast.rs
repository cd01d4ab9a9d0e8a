//! The default theme's colour pairs meet WCAG 2 AA contrast (4.5:1 for text, 3:1 for the focus
//! ring against the header and page), computed from the colours declared in style.css.

use std::collections::HashMap;

fn colours() -> HashMap<String, (f64, f64, f64)> {
    let css = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/static/style.css"
    ))
    .unwrap();
    let mut out = HashMap::new();
    for line in css.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("--") else {
            continue;
        };
        let Some((name, value)) = rest.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_end_matches(';').trim();
        if let Some(hex) = value.strip_prefix('#').filter(|h| h.len() == 6) {
            let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
            out.insert(name.to_string(), (c(0), c(2), c(4)));
        }
    }
    out
}

fn luminance((r, g, b): (f64, f64, f64)) -> f64 {
    let lin = |c: f64| {
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

fn contrast(a: (f64, f64, f64), b: (f64, f64, f64)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn text_and_controls_meet_aa_contrast() {
    let c = colours();
    let get = |n: &str| {
        *c.get(n)
            .unwrap_or_else(|| panic!("--{n} is not declared in style.css"))
    };
    for (fg, bg, min) in [
        ("text", "paper", 4.5),
        ("muted", "paper", 4.5),
        ("link", "paper", 4.5),
        ("link-visited", "paper", 4.5),
        ("text", "tint", 4.5),
        ("link", "tint", 4.5),
        ("band-text", "band", 4.5),
        ("focus", "band", 3.0),
        ("text", "focus", 4.5),
    ] {
        let ratio = contrast(get(fg), get(bg));
        assert!(
            ratio >= min,
            "--{fg} on --{bg}: {ratio:.2}:1, below {min}:1"
        );
    }
}

#[test]
fn the_contrast_formula_is_right() {
    assert!((contrast((0.0, 0.0, 0.0), (1.0, 1.0, 1.0)) - 21.0).abs() < 1e-9);
    assert!(contrast((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)) - 1.0 < 1e-9);
}
