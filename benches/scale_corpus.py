#!/usr/bin/env python3
"""Write a wsis site of N documents made from the repository's own sources, for benchmarks.

    python3 benches/scale_corpus.py --n 100 --out target/scale/100 [--root .]

The repository's registry (`content/documents/*.yaml`, sorted by name) gives the templates.
Document k (0-based) is a copy of template k % T (T templates) with:

* the id `<template id>-<k>`;
* new symbols: the number after the last `/` becomes 1000 + k (`A/RES/80/173` -> `A/RES/80/1001`,
  `A/81/62` -> `A/81/1000`, `E/2026/48` -> `E/2026/1000`, `C26/93` -> `C26/1002`), so that no
  symbol is claimed twice;
* copies of its sources (`seeds/<lang>/<id>.txt`, `content/translations/<lang>/<id>.yaml`) in
  which every printed form of a template's symbol (`A/RES/80/173`, `80/173`, `A/81/62`, ...)
  names a copy present in the generated corpus: the copy of that template in the same group of T
  documents (k - k % T + its index), or the first copy of it when the group is incomplete. A
  document's own symbol thus becomes its new one, and the reports that cite the resolution cite
  the resolution copy of their group;
* ` (k)` appended to its titles and short names, so that every name is unique;
* its wording varied by group: every lower-case word of eight letters or more (outside the words
  the readers and the citation grammar look for, `[…]` markers and YAML keys) ends with two
  letters naming its group of T documents (`numérique` -> `numériqqb`), the same in every file of
  the group. A word keeps its length, so hard-wrapped lines keep theirs. Texts of one group still
  quote and reuse each other word for word, as a report quotes its resolution; texts of different
  groups share short and common words only. `--same-wording` keeps the copies word for word
  (every paragraph then has N/T - 1 identical twins).

`wsis.yaml`, `content/glossary.yaml` and `content/pages/*` are copied as they are. Only the Python
standard library is used; the registry files are read with a small parser for the YAML subset
they are written in (block mappings, flow lists of plain scalars, quoted and block scalars).
"""

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

# A file in the output folder saying it was written by this script (so it may be replaced).
MARKER = ".scale-corpus"
DOCUMENTS_DIR = Path("content/documents")


class CorpusError(Exception):
    """A problem with the repository's content or the output folder, reported without a trace."""


# --- A reader for the YAML subset of registry files -------------------------------------------


def _scalar(text, where):
    """The value of a plain, single- or double-quoted scalar, or a flow list of such scalars."""
    text = text.strip()
    if text.startswith('"'):
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            raise CorpusError(f"{where}: double-quoted scalar this reader does not handle: {e}")
    if text.startswith("'"):
        if not text.endswith("'") or len(text) < 2:
            raise CorpusError(f"{where}: unterminated single-quoted scalar")
        return text[1:-1].replace("''", "'")
    if text.startswith("["):
        if not text.endswith("]"):
            raise CorpusError(f"{where}: flow list must end on its line")
        inner = text[1:-1].strip()
        return [_scalar(p, where) for p in inner.split(",")] if inner else []
    if text.startswith("{"):
        if text == "{}":
            return {}
        raise CorpusError(f"{where}: flow mappings are not supported by this reader")
    return text


def _strip_comment(line):
    """The line without a trailing ` # comment` (outside quotes)."""
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def read_registry_yaml(path):
    """Parse a registry file into nested dicts of strings and lists of strings."""
    lines = path.read_text(encoding="utf-8").split("\n")
    root = {}
    stack = [(-1, root)]  # (indent of the keys, mapping)
    i = 0
    while i < len(lines):
        raw = lines[i]
        where = f"{path}:{i + 1}"
        i += 1
        line = _strip_comment(raw)
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        m = re.match(r"^([A-Za-z0-9_-]+):(?:\s+(.*))?$", line.strip())
        if not m:
            raise CorpusError(f"{where}: expected `key: value`, found {raw.strip()!r}")
        key, value = m.group(1), (m.group(2) or "").strip()
        while indent <= stack[-1][0]:
            stack.pop()
        mapping = stack[-1][1]
        if value in (">", "|", ">-", "|-", ">+", "|+"):
            # Block scalar: the following lines indented deeper than the key.
            body = []
            while i < len(lines) and (
                not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip(" ")) > indent
            ):
                body.append(lines[i].strip())
                i += 1
            sep = " " if value[0] == ">" else "\n"
            mapping[key] = sep.join(b for b in body if b)
        elif value == "":
            child = {}
            mapping[key] = child
            stack.append((indent, child))
        else:
            mapping[key] = _scalar(value, where)
    return root


def _emit_value(value, indent):
    """YAML text for a value: strings as JSON strings (valid YAML), lists as flow lists."""
    pad = " " * indent
    if isinstance(value, str):
        return " " + json.dumps(value, ensure_ascii=False) + "\n"
    if isinstance(value, list):
        return " [" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]\n"
    if isinstance(value, dict):
        if not value:
            return " {}\n"
        out = "\n"
        for k, v in value.items():
            out += f"{pad}  {k}:" + _emit_value(v, indent + 2)
        return out
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def write_registry_yaml(path, entry, comment):
    """Write a registry entry (a dict) as YAML, with a comment line on top."""
    text = f"# {comment}\n"
    for key, value in entry.items():
        text += f"{key}:" + _emit_value(value, 0)
    path.write_text(text, encoding="utf-8")


# --- Symbols -------------------------------------------------------------------------------------


def new_symbol(symbol, k):
    """The symbol of copy k: the number after the last `/` replaced by 1000 + k."""
    head, sep, tail = symbol.rpartition("/")
    if not sep or not tail.isdigit():
        raise CorpusError(f"symbol {symbol!r} does not end in /<number>; cannot derive a new one")
    return f"{head}/{1000 + k}"


RESOLUTION_PREFIX = "A/RES/"


def symbol_pattern(symbol):
    """A regex matching every printed form of a symbol, not inside a longer symbol or number.

    A General Assembly resolution is cited as `A/RES/80/173` or just `80/173`: group 1 holds the
    `A/RES/` when it is printed. Other symbols are matched whole. No digit check before the
    number: a flattened tracked change prints `70/12580/173`, the old number run into the new
    one, and the reference there is to the new one.
    """
    if symbol.startswith(RESOLUTION_PREFIX):
        body = "(" + re.escape(RESOLUTION_PREFIX) + ")?" + re.escape(symbol[len(RESOLUTION_PREFIX):])
    else:
        body = "()" + re.escape(symbol)
    return re.compile(r"(?<![A-Za-z/])" + body + r"(?![0-9])")


def replace_symbol(text, old, new):
    """The text with every printed form of symbol `old` turned into the same form of `new`."""
    if old.startswith(RESOLUTION_PREFIX):
        short = new[len(RESOLUTION_PREFIX):] if new.startswith(RESOLUTION_PREFIX) else new
        return symbol_pattern(old).sub(lambda m: (m.group(1) or "") + short, text)
    return symbol_pattern(old).sub(lambda m: new, text)


# --- The corpus ----------------------------------------------------------------------------------


class Template:
    """One registry entry of the repository, with what a copy of it needs."""

    def __init__(self, root, path, index):
        self.root = root
        self.path = path
        self.index = index
        self.id = path.stem
        self.entry = read_registry_yaml(path)
        for key in ("sources", "title", "body", "date"):
            if key not in self.entry:
                raise CorpusError(f"{path}: no `{key}:`")
        self.symbols = self.entry.get("symbols", [])
        if isinstance(self.symbols, str):
            self.symbols = [self.symbols]

    def source_files(self):
        """(lang, relative path as written, layout or None) for each source."""
        out = []
        for lang, src in self.entry["sources"].items():
            if isinstance(src, dict):
                if "file" not in src:
                    raise CorpusError(f"{self.path}: source `{lang}` has no `file:`")
                out.append((lang, src["file"], src.get("layout")))
            else:
                out.append((lang, src, None))
        return out


def load_templates(root):
    """The repository's registry entries, sorted by file name."""
    files = sorted((root / DOCUMENTS_DIR).glob("*.yaml"))
    if not files:
        raise CorpusError(f"{root / DOCUMENTS_DIR}: no registry files (*.yaml); is --root a wsis site?")
    return [Template(root, p, i) for i, p in enumerate(files)]


def copy_index(template_index, k, n, t):
    """The document number of the copy of template `template_index` that copy k refers to.

    The copy in k's group of t documents when it exists, else the first copy; None when N is too
    small for any copy of that template to exist.
    """
    in_group = k - k % t + template_index
    if in_group < n:
        return in_group
    if template_index < n:
        return template_index
    return None


# Words the readers, the cover and date vocabulary and the citation grammar rely on: never varied.
KEEP = {
    # references
    "paragraphe", "paragraphes", "paragraph", "paragraphs", "résolution", "résolutions",
    "resolution", "resolutions", "préambule", "preambular", "document", "documents",
    "conformément",
    # ITU clauses
    "considérant", "considering", "rappelant", "reconnaissant", "recognizing", "recalling",
    "instructs", "décident",
    # cover pages, closing lines, dates
    "générale", "économique", "sécurité", "plénière", "plenary", "septembre", "novembre",
    "décembre", "stratégique", "financières", "financière", "implications", "distribution",
    "original", "français", "anglais", "espagnol",
    # markers
    "footnote", "footnotes", "bookmark",
}

LONG_WORD = re.compile(r"(?<![\w\[:/.@-])([a-zà-öø-ÿœæ]{8,})(?![\w\]:/.@-])")


def group_suffix(group):
    """Two letters naming a group: 0 -> `qa`, 1 -> `qb`, ... (676 groups, then they repeat)."""
    hi, lo = divmod((group + 16 * 26) % 676, 26)
    return chr(ord("a") + hi) + chr(ord("a") + lo)


def vary(text, group, yaml=False):
    """The text with its long lower-case words ending in `group`'s two letters (see above)."""
    suffix = group_suffix(group)

    def word(m):
        w = m.group(1)
        return w if w in KEEP else w[:-2] + suffix

    if not yaml:
        return LONG_WORD.sub(word, text)
    out = []
    for line in text.split("\n"):
        key, sep, value = line.partition(": ")
        if sep and not line.lstrip().startswith("#"):
            out.append(key + sep + LONG_WORD.sub(word, value))
        else:
            out.append(line)
    return "\n".join(out)


def rewire(text, templates, k, n):
    """The text with every template symbol's printed form replaced by the copy k refers to."""
    t = len(templates)
    for tpl in templates:
        target = copy_index(tpl.index, k, n, t)
        if target is None:
            continue
        for sym in tpl.symbols:
            text = replace_symbol(text, sym, new_symbol(sym, target))
    return text


def prepare_out(out):
    """Make `out` an empty folder, replacing it only if this script wrote it."""
    if out.exists():
        if not out.is_dir():
            raise CorpusError(f"{out} exists and is not a folder")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise CorpusError(
                f"{out} is not empty and was not written by this script; choose another --out"
            )
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("written by benches/scale_corpus.py; replaced on regeneration\n")


def copy_site_files(root, out):
    """wsis.yaml (with `output: public`), the glossary and the editorial pages."""
    config = (root / "wsis.yaml").read_text(encoding="utf-8")
    if re.search(r"^output:", config, flags=re.M):
        config = re.sub(r"^output:.*$", "output: public", config, flags=re.M)
    else:
        config += "output: public\n"
    (out / "wsis.yaml").write_text(config, encoding="utf-8")
    content = out / "content"
    (content / "documents").mkdir(parents=True)
    glossary = root / "content/glossary.yaml"
    if glossary.exists():
        shutil.copy2(glossary, content / "glossary.yaml")
    pages = root / "content/pages"
    if pages.is_dir():
        shutil.copytree(pages, content / "pages")


def write_copy(tpl, templates, k, n, out, same_wording=False):
    """Write document k, a copy of `tpl`: its registry entry and its source files."""
    new_id = f"{tpl.id}-{k}"
    entry = {}
    for key, value in tpl.entry.items():
        if key == "note":
            continue
        if key == "symbols":
            value = [new_symbol(s, k) for s in tpl.symbols]
        elif key in ("title", "short"):
            value = {lang: f"{v} ({k})" for lang, v in value.items()}
        elif key == "sources":
            value = {}
            for lang, rel, layout in tpl.source_files():
                src = tpl.root / rel
                if not src.is_file():
                    raise CorpusError(f"{tpl.path}: source `{rel}` is missing")
                rel_path = Path(rel)
                new_rel = (rel_path.parent / (new_id + "".join(rel_path.suffixes))).as_posix()
                dest = out / new_rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                text = rewire(src.read_text(encoding="utf-8"), templates, k, n)
                if not same_wording:
                    text = vary(text, k // len(templates), yaml=rel_path.suffix == ".yaml")
                dest.write_text(text, encoding="utf-8")
                value[lang] = {"file": new_rel, "layout": layout} if layout else new_rel
        entry[key] = value
    write_registry_yaml(
        out / DOCUMENTS_DIR / f"{new_id}.yaml",
        entry,
        f"Copy {k} of {tpl.id}, written by benches/scale_corpus.py.",
    )
    return entry


def generate(root, out, n, same_wording=False):
    """Write the site of n documents at `out`; returns the list of (id, symbols)."""
    if n < 1:
        raise CorpusError("--n must be at least 1")
    templates = load_templates(root)
    prepare_out(out)
    copy_site_files(root, out)
    written = []
    seen = {}
    for k in range(n):
        tpl = templates[k % len(templates)]
        entry = write_copy(tpl, templates, k, n, out, same_wording)
        new_id = f"{tpl.id}-{k}"
        for sym in entry.get("symbols", []):
            if sym in seen:
                raise CorpusError(f"symbol {sym} given to both {seen[sym]} and {new_id}")
            seen[sym] = new_id
        written.append((new_id, entry.get("symbols", [])))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Write a wsis site of N documents copied from the repository's sources."
    )
    parser.add_argument("--n", type=int, required=True, help="number of documents")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the site to")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="the repository whose content is copied (default: this script's repository)",
    )
    parser.add_argument(
        "--same-wording",
        action="store_true",
        help="copy the texts word for word instead of varying them by group",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    args = parser.parse_args(argv)
    try:
        written = generate(args.root.resolve(), args.out, args.n, args.same_wording)
    except CorpusError as e:
        print(f"scale_corpus: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(f"wrote {len(written)} document(s) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
