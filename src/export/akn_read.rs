//! Reads an Akoma Ntoso file written by [`super::akn`] back into its blocks and notes, so that a
//! test can compare them with the model: the export must lose, add and alter nothing.
//!
//! The XML is read by a small parser that takes what the export writes (elements, attributes,
//! text, character and entity references, comments, CDATA, processing instructions) and
//! rejects malformed markup; it does not read DTDs.

use super::akn::lang2;

/// A block read back: an element with an `eId` outside `<meta>` (other than a note).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadBlock {
    pub eid: String,
    /// The element (`paragraph`, `point`, `chapter`, `hcontainer` …).
    pub element: String,
    /// The `class` attribute (the model's role of a paragraph).
    pub class: Option<String>,
    /// The text of its `num`, as printed (`67.`).
    pub num: Option<String>,
    /// Its text: of its `heading`, `p`, or the `p`s of its `content` or `intro`, notes left out.
    pub text: String,
    /// The language in force on the element (`xml:lang`, inherited; else the expression's).
    pub lang: String,
}

/// A note read back: an `authorialNote`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadNote {
    pub eid: String,
    pub marker: String,
    pub text: String,
    pub lang: String,
}

/// What [`read`] finds in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadBack {
    /// The document element (`statement`, `doc`) and its `name`.
    pub element: String,
    pub name: String,
    /// The expression's first `FRBRlanguage` (`fra`).
    pub language: String,
    /// Every `FRBRthis` of the main document's identification, in order.
    pub frbr_this: Vec<String>,
    /// Blocks and notes in document order (the main text, then the attachments).
    pub blocks: Vec<ReadBlock>,
    pub notes: Vec<ReadNote>,
}

/// An XML element.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }
}

/// Reads blocks and notes from an export.
pub fn read(xml: &str) -> Result<ReadBack, String> {
    let root = parse(xml)?;
    if root.name != "akomaNtoso" {
        return Err(format!(
            "the root element is <{}>, not <akomaNtoso>",
            root.name
        ));
    }
    let doc = root
        .elements()
        .next()
        .ok_or("<akomaNtoso> holds no document")?;
    let ident = doc
        .child("meta")
        .and_then(|m| m.child("identification"))
        .ok_or("the document has no meta/identification")?;
    let language = ident
        .child("FRBRExpression")
        .and_then(|e| e.child("FRBRlanguage"))
        .and_then(|l| l.attr("language"))
        .ok_or("the expression has no FRBRlanguage")?
        .to_string();
    let frbr_this = ident
        .elements()
        .filter_map(|level| level.child("FRBRthis"))
        .filter_map(|t| t.attr("value"))
        .map(str::to_string)
        .collect();
    let mut back = ReadBack {
        element: doc.name.clone(),
        name: doc.attr("name").unwrap_or_default().to_string(),
        language: language.clone(),
        frbr_this,
        blocks: Vec::new(),
        notes: Vec::new(),
    };
    walk(doc, lang2(&language), &mut back);
    Ok(back)
}

fn walk(e: &Element, inherited: &str, back: &mut ReadBack) {
    if e.name == "meta" {
        return;
    }
    let lang = e.attr("xml:lang").unwrap_or(inherited);
    if e.name == "authorialNote" {
        back.notes.push(ReadNote {
            eid: e.attr("eId").unwrap_or_default().to_string(),
            marker: e.attr("marker").unwrap_or_default().to_string(),
            text: e
                .elements()
                .filter(|c| c.name == "p")
                .map(inline_text)
                .collect(),
            lang: lang.to_string(),
        });
    } else if let Some(eid) = e.attr("eId") {
        let mut text = String::new();
        for c in e.elements() {
            match c.name.as_str() {
                "heading" | "p" => text.push_str(&inline_text(c)),
                "content" | "intro" => {
                    for p in c.elements().filter(|p| p.name == "p") {
                        text.push_str(&inline_text(p));
                    }
                }
                _ => {}
            }
        }
        back.blocks.push(ReadBlock {
            eid: eid.to_string(),
            element: e.name.clone(),
            class: e.attr("class").map(str::to_string),
            num: e.child("num").map(inline_text),
            text,
            lang: lang.to_string(),
        });
    }
    for c in e.elements() {
        walk(c, lang, back);
    }
}

/// The text of an inline element, notes and note references left out.
fn inline_text(e: &Element) -> String {
    let mut out = String::new();
    for n in &e.children {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Element(c) if c.name == "authorialNote" || c.name == "noteRef" => {}
            Node::Element(c) => out.push_str(&inline_text(c)),
        }
    }
    out
}

/// Parses an XML document into its root element.
pub fn parse(xml: &str) -> Result<Element, String> {
    let mut p = Parser {
        s: xml.strip_prefix('\u{FEFF}').unwrap_or(xml),
        pos: 0,
    };
    p.misc()?;
    let root = p.element()?;
    p.misc()?;
    if p.pos < p.s.len() {
        return Err(p.error("content after the root element"));
    }
    Ok(root)
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn error(&self, what: &str) -> String {
        let line = self.s[..self.pos].matches('\n').count() + 1;
        format!("line {line}: {what}")
    }

    /// Skips `what`'s end (`-->`, `?>`, `]]>`, `>`) and returns the text before it.
    fn until(&mut self, end: &str, what: &str) -> Result<&'a str, String> {
        match self.rest().find(end) {
            Some(i) => {
                let text = &self.rest()[..i];
                self.pos += i + end.len();
                Ok(text)
            }
            None => Err(self.error(&format!("unclosed {what}"))),
        }
    }

    /// White space, comments, processing instructions and a doctype, outside the root.
    fn misc(&mut self) -> Result<(), String> {
        loop {
            let trimmed = self.rest().trim_start();
            self.pos = self.s.len() - trimmed.len();
            if trimmed.starts_with("<?") {
                self.until("?>", "processing instruction")?;
            } else if trimmed.starts_with("<!--") {
                self.until("-->", "comment")?;
            } else if trimmed.starts_with("<!DOCTYPE") {
                self.until(">", "doctype")?;
            } else {
                return Ok(());
            }
        }
    }

    fn name(&mut self) -> Result<String, String> {
        let n = self
            .rest()
            .find(|c: char| c.is_whitespace() || matches!(c, '>' | '/' | '=' | '<'))
            .unwrap_or(self.rest().len());
        if n == 0 {
            return Err(self.error("a name was expected"));
        }
        let name = self.rest()[..n].to_string();
        self.pos += n;
        Ok(name)
    }

    fn skip_space(&mut self) {
        let trimmed = self.rest().trim_start();
        self.pos = self.s.len() - trimmed.len();
    }

    fn element(&mut self) -> Result<Element, String> {
        if !self.rest().starts_with('<') {
            return Err(self.error("an element was expected"));
        }
        self.pos += 1;
        let name = self.name()?;
        let mut attrs = Vec::new();
        loop {
            self.skip_space();
            let r = self.rest();
            if let Some(after) = r.strip_prefix("/>") {
                self.pos = self.s.len() - after.len();
                return Ok(Element {
                    name,
                    attrs,
                    children: Vec::new(),
                });
            }
            if let Some(after) = r.strip_prefix('>') {
                self.pos = self.s.len() - after.len();
                break;
            }
            let attr = self.name()?;
            self.skip_space();
            if !self.rest().starts_with('=') {
                return Err(self.error(&format!("`=` expected after attribute {attr}")));
            }
            self.pos += 1;
            self.skip_space();
            let quote = self
                .rest()
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'')
                .ok_or_else(|| self.error("a quoted attribute value was expected"))?;
            self.pos += 1;
            let raw = self.until(if quote == '"' { "\"" } else { "'" }, "attribute value")?;
            if raw.contains('<') {
                return Err(self.error("`<` in an attribute value"));
            }
            if attrs.iter().any(|(n, _)| *n == attr) {
                return Err(self.error(&format!("attribute {attr} twice")));
            }
            let value = unescape(raw).map_err(|e| self.error(&e))?;
            attrs.push((attr, value));
        }
        let mut children = Vec::new();
        let mut text = String::new();
        loop {
            let r = self.rest();
            if r.is_empty() {
                return Err(self.error(&format!("<{name}> is not closed")));
            }
            if let Some(after) = r.strip_prefix("</") {
                self.pos = self.s.len() - after.len();
                let end = self.name()?;
                self.skip_space();
                if end != name || !self.rest().starts_with('>') {
                    return Err(self.error(&format!("</{end}> closes <{name}>")));
                }
                self.pos += 1;
                if !text.is_empty() {
                    children.push(Node::Text(text));
                }
                return Ok(Element {
                    name,
                    attrs,
                    children,
                });
            }
            if r.starts_with("<!--") {
                self.until("-->", "comment")?;
            } else if r.starts_with("<![CDATA[") {
                self.pos += "<![CDATA[".len();
                text.push_str(self.until("]]>", "CDATA section")?);
            } else if r.starts_with("<?") {
                self.until("?>", "processing instruction")?;
            } else if r.starts_with('<') {
                if !text.is_empty() {
                    children.push(Node::Text(std::mem::take(&mut text)));
                }
                children.push(Node::Element(self.element()?));
            } else {
                let n = r.find('<').unwrap_or(r.len());
                let raw = &r[..n];
                text.push_str(&unescape(raw).map_err(|e| self.error(&e))?);
                self.pos += n;
            }
        }
    }
}

/// Resolves character and predefined entity references.
fn unescape(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        let end = rest.find(';').ok_or_else(|| {
            format!(
                "unterminated reference `&{}`",
                rest.chars().take(12).collect::<String>()
            )
        })?;
        let name = &rest[..end];
        rest = &rest[end + 1..];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = name.strip_prefix('#') {
                    dec.parse().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32)
                    .ok_or_else(|| format!("unknown reference `&{name};`"))?
            }
        };
        out.push(c);
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parser_reads_what_xml_allows_and_rejects_what_it_does_not() {
        let e = parse(
            "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- c -->\n<a x='1' y=\"&lt;&#233;&#x41;\">t&amp;u<b/><![CDATA[<raw>]]><!-- in --><c>v</c>w</a>\n",
        )
        .unwrap();
        assert_eq!(e.name, "a");
        assert_eq!(e.attr("x"), Some("1"));
        assert_eq!(e.attr("y"), Some("<éA"));
        assert_eq!(
            e.children,
            vec![
                Node::Text("t&u".into()),
                Node::Element(Element {
                    name: "b".into(),
                    attrs: vec![],
                    children: vec![]
                }),
                Node::Text("<raw>".into()),
                Node::Element(Element {
                    name: "c".into(),
                    attrs: vec![],
                    children: vec![Node::Text("v".into())]
                }),
                Node::Text("w".into()),
            ]
        );
        for bad in [
            "<a>",
            "<a></b>",
            "<a x=1/>",
            "<a>&bogus;</a>",
            "<a>x &amp</a>",
            "<a/><b/>",
            "<a x='1' x='2'/>",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn blocks_take_their_text_from_heading_content_or_intro_and_leave_notes_out() {
        let xml = r##"<akomaNtoso><doc name="report"><meta><identification source="#w"><FRBRWork><FRBRthis value="/w"/></FRBRWork><FRBRExpression><FRBRthis value="/w/eng@"/><FRBRlanguage language="eng"/></FRBRExpression></identification><references source="#w"><TLCRole eId="author" href="/r" showAs="a"/></references></meta>
<mainBody><chapter eId="s-i"><num>I.</num><heading>Intro<authorialNote marker="1" eId="fn_1"><p>A <i>note</i></p></authorialNote></heading>
<paragraph eId="para_1" xml:lang="fr"><num>1.</num><intro><p>Texte <ref href="/x">lié</ref></p></intro>
<point eId="para_1__a"><num>a)</num><content><p>point<noteRef marker="1" href="#fn_1"/></p></content></point></paragraph></chapter></mainBody></doc></akomaNtoso>"##;
        let back = read(xml).unwrap();
        assert_eq!(
            (
                back.element.as_str(),
                back.name.as_str(),
                back.language.as_str()
            ),
            ("doc", "report", "eng")
        );
        assert_eq!(back.frbr_this, ["/w", "/w/eng@"]);
        let blocks: Vec<(&str, Option<&str>, &str, &str)> = back
            .blocks
            .iter()
            .map(|b| {
                (
                    b.eid.as_str(),
                    b.num.as_deref(),
                    b.text.as_str(),
                    b.lang.as_str(),
                )
            })
            .collect();
        assert_eq!(
            blocks,
            [
                ("s-i", Some("I."), "Intro", "en"),
                ("para_1", Some("1."), "Texte lié", "fr"),
                ("para_1__a", Some("a)"), "point", "fr"),
            ]
        );
        assert_eq!(back.notes.len(), 1);
        assert_eq!(
            (
                back.notes[0].eid.as_str(),
                back.notes[0].marker.as_str(),
                back.notes[0].text.as_str()
            ),
            ("fn_1", "1", "A note")
        );
    }
}
