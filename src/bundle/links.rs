//! Links that leave a bundle: every relative link of a page whose target is not in the bundle
//! is pointed at the same address on the online site, and marked `data-online` (the theme shows
//! it with ↗), so that no link of an offline copy leads nowhere.

use crate::check::html::resolve;

/// Rewrites the `href` attributes of `html`, a page at `page` (`fr/x.html`, relative to the site
/// root), whose targets `present` does not hold, to `online` + the target. Returns the page and
/// how many links were rewritten.
pub fn send_online(
    page: &str,
    html: &str,
    online: &str,
    present: &dyn Fn(&str) -> bool,
) -> (String, usize) {
    let mut out = String::with_capacity(html.len() + 256);
    let mut count = 0;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let name: String = rest[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let end = tag_end(rest);
        let tag = &rest[..end];
        if name.is_empty() {
            out.push_str(tag);
        } else {
            let (rewritten, n) = rewrite_tag(page, tag, online, present);
            out.push_str(&rewritten);
            count += n;
        }
        rest = &rest[end..];
        // The text of a script or style element is not markup.
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let stop = find_ci(rest, &close).unwrap_or(rest.len());
            out.push_str(&rest[..stop]);
            rest = &rest[stop..];
        }
    }
    out.push_str(rest);
    (out, count)
}

/// The byte length of the tag at the start of `s` (through its `>`), quotes respected.
fn tag_end(s: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Rewrites the `href` of one tag, if it must leave the bundle.
fn rewrite_tag(
    page: &str,
    tag: &str,
    online: &str,
    present: &dyn Fn(&str) -> bool,
) -> (String, usize) {
    let bytes = tag.as_bytes();
    let mut i = 0;
    while let Some(pos) = tag[i..].find("href=") {
        let at = i + pos;
        i = at + 5;
        if at == 0 || !bytes[at - 1].is_ascii_whitespace() {
            continue;
        }
        let (value, value_end) = match bytes.get(i) {
            Some(q @ (b'"' | b'\'')) => {
                let close = tag[i + 1..]
                    .find(*q as char)
                    .map_or(tag.len(), |e| i + 1 + e);
                (&tag[i + 1..close], (close + 1).min(tag.len()))
            }
            _ => {
                let end = tag[i..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(tag.len(), |e| i + e);
                (&tag[i..end], end)
            }
        };
        let decoded = value.replace("&amp;", "&");
        if decoded.starts_with('#') || decoded.contains(':') {
            return (tag.to_string(), 0);
        }
        let Some((target, fragment)) = resolve(page, &decoded) else {
            return (tag.to_string(), 0);
        };
        if present(&target) {
            return (tag.to_string(), 0);
        }
        let url = match fragment {
            Some(f) => format!("{online}/{target}#{f}"),
            None => format!("{online}/{target}"),
        };
        let url = url.replace('&', "&amp;").replace('"', "&quot;");
        return (
            format!(
                "{}href=\"{url}\" data-online{}{}",
                &tag[..at],
                if tag[value_end..].starts_with(['>', '/']) {
                    ""
                } else {
                    " "
                },
                tag[value_end..].trim_start()
            ),
            1,
        );
    }
    (tag.to_string(), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(html: &str) -> (String, usize) {
        let present = |p: &str| p == "fr/a.html" || p == "static/style.css";
        send_online("fr/a.html", html, "https://example.org", &present)
    }

    #[test]
    fn links_to_files_outside_the_bundle_go_online_and_are_marked() {
        let (out, n) = rewrite(
            "<a href=b.html#p6>b</a> <a class=x href=\"../en/a.html\">en</a> <a href=a.html#p1>a</a>",
        );
        assert_eq!(n, 2, "{out}");
        assert_eq!(
            out,
            "<a href=\"https://example.org/fr/b.html#p6\" data-online>b</a> <a class=x href=\"https://example.org/en/a.html\" data-online>en</a> <a href=a.html#p1>a</a>"
        );
    }

    #[test]
    fn fragments_external_addresses_scripts_and_text_are_left_alone() {
        let html = "<link rel=stylesheet href=../static/style.css><a href=#p1>1</a><a href=https://undocs.org/x>u</a><p>write href=b.html here</p><script>var s = '<a href=b.html>';</script>";
        let (out, n) = rewrite(html);
        assert_eq!((out.as_str(), n), (html, 0));
    }
}
