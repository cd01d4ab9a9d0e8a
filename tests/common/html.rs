//! A small scanner for the HTML wsis writes (minified: attribute values may be unquoted). Enough
//! to list tags with their attributes and the text of elements such as `<title>`; not a
//! general HTML parser.
#![allow(dead_code)]

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
