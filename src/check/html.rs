//! A small scanner for the HTML wsis writes (minified: attribute values may be unquoted). Enough
//! to list tags with their attributes and the text of elements such as `<title>`, for checking
//! links and anchors; not a general HTML parser.

#[derive(Debug, Clone)]
pub struct Tag {
    /// Lower-case name; `/p` for an end tag.
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Byte offset just after the tag's `>`.
    pub end: usize,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every tag of a document, in order. The contents of `<script>`, `<style>`, `<title>` and
/// `<textarea>` are text, as browsers read them, and are skipped.
pub fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = html[i..].find('<') {
        let start = i + p;
        if html[start..].starts_with("<!--") {
            i = html[start..].find("-->").map_or(b.len(), |e| start + e + 3);
            continue;
        }
        let mut j = start + 1;
        let name_start = j;
        while j < b.len()
            && (b[j].is_ascii_alphanumeric() || b[j] == b'/' || b[j] == b'!' || b[j] == b'-')
        {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            if b[j] == b'/' {
                j += 1;
                continue;
            }
            let an = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'=' && b[j] != b'>' {
                j += 1;
            }
            let attr_name = html[an..j].to_ascii_lowercase();
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let vs = j + 1;
                    j = vs
                        + html[vs..]
                            .bytes()
                            .position(|c| c == q)
                            .unwrap_or(html.len() - vs);
                    value = html[vs..j].to_string();
                    j += 1;
                } else {
                    let vs = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = html[vs..j].to_string();
                }
            }
            attrs.push((attr_name, decode(&value)));
        }
        let end = (j + 1).min(b.len());
        // Elements whose contents are text, not markup (raw text and RCDATA).
        let raw_text = matches!(name.as_str(), "script" | "style" | "title" | "textarea");
        out.push(Tag {
            name: name.clone(),
            attrs,
            end,
        });
        i = end;
        if raw_text {
            let close = format!("</{name}");
            i = html[i..].find(&close).map_or(b.len(), |e| i + e);
        }
    }
    out
}

/// Decodes the few entities wsis writes in attributes.
pub fn decode(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The text between a start tag and the next tag (e.g. a `<title>`'s text).
pub fn text_after(html: &str, tag: &Tag) -> String {
    let rest = &html[tag.end..];
    decode(&rest[..rest.find('<').unwrap_or(rest.len())])
}

/// The raw contents of the first `<script type=application/ld+json>`.
pub fn json_ld(html: &str) -> Option<String> {
    let t = tags(html)
        .into_iter()
        .find(|t| t.name == "script" && t.attr("type") == Some("application/ld+json"))?;
    let rest = &html[t.end..];
    Some(rest[..rest.find("</script")?].to_string())
}

/// Resolves a link found on page `from` (a path inside the site, `fr/x.html`) to the path it leads
/// to and its fragment. `None` for links to other sites.
pub fn resolve(from: &str, href: &str) -> Option<(String, Option<String>)> {
    if href.contains("://") || href.starts_with("mailto:") || href.starts_with("//") {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Some((from.to_string(), fragment));
    }
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        from.split('/').collect()
    };
    if !path.starts_with('/') {
        parts.pop();
    }
    for seg in path.trim_start_matches('/').split('/') {
        match seg {
            ".." => {
                parts.pop()?;
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    let mut target = parts.join("/");
    if target.is_empty() || path.ends_with('/') {
        if !target.is_empty() {
            target.push('/');
        }
        target.push_str("index.html");
    }
    Some((target, fragment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_relative_to_their_page() {
        assert_eq!(
            resolve("fr/a.html", "../en/a.html#p6"),
            Some(("en/a.html".into(), Some("p6".into())))
        );
        assert_eq!(
            resolve("fr/a.html", "#p6"),
            Some(("fr/a.html".into(), Some("p6".into())))
        );
        assert_eq!(
            resolve("404.html", "/fr/index.html"),
            Some(("fr/index.html".into(), None))
        );
        assert_eq!(
            resolve("index.html", "fr/"),
            Some(("fr/index.html".into(), None))
        );
        assert_eq!(
            resolve("fr/a.html", "https://undocs.org/fr/A/RES/70/125"),
            None
        );
        assert_eq!(resolve("a.html", "../../x.html"), None);
    }

    #[test]
    fn unquoted_attributes_and_raw_text_are_read() {
        let t = tags("<title>a <b> c</title><a href=x.html id=\"y z\" class='k'>t</a>");
        assert_eq!(t.len(), 4);
        assert_eq!(t[2].attr("href"), Some("x.html"));
        assert_eq!(t[2].attr("id"), Some("y z"));
        assert_eq!(t[2].attr("class"), Some("k"));
    }
}
