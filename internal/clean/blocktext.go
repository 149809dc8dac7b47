package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockAtoms are elements that end a paragraph before and after them.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Nav: true, atom.Blockquote: true,
	atom.Pre: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Table: true, atom.Tr: true, atom.Figure: true, atom.Figcaption: true,
	atom.Form: true, atom.Fieldset: true, atom.Address: true, atom.Hr: true, atom.Caption: true,
	atom.Details: true, atom.Summary: true, atom.Body: true, atom.Html: true, atom.Center: true,
}

// skipAtoms are elements whose text is never article text.
var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Iframe: true, atom.Svg: true, atom.Math: true, atom.Select: true,
	atom.Button: true, atom.Textarea: true, atom.Object: true, atom.Embed: true,
}

// blockTags are the non-HTML names trafilatura's tree may carry for blocks.
var blockTags = map[string]bool{"head": true, "list": true, "item": true, "quote": true, "row": true}

// BlockText renders the text of n with a blank line between block elements
// and a single newline for <br>, collapsing other whitespace (inside <pre>
// lines are kept).
func BlockText(n *html.Node) string {
	var w blockWriter
	w.walk(n, false)
	return w.finish()
}

// trimmedBlockText is BlockText for trees whose text nodes were trimmed (as
// trafilatura's are): a space is put back where a word ends at one element's
// edge and the next begins at another's, since "for<a>Larry</a>" there was
// "for <a>Larry</a>" in the page.
func trimmedBlockText(n *html.Node) string {
	w := blockWriter{spaceAtEdges: true}
	w.walk(n, false)
	return w.finish()
}

type blockWriter struct {
	paras        []string
	cur          strings.Builder
	space        bool
	edge         bool // an element started or ended since the last word
	spaceAtEdges bool
}

func (w *blockWriter) walk(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, pre)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	}
	// Trees built by hand (trafilatura's, readability's) may leave DataAtom unset.
	a := n.DataAtom
	if n.Type == html.ElementNode && a == 0 {
		a = atom.Lookup([]byte(n.Data))
	}
	if skipAtoms[a] {
		return
	}
	block := n.Type == html.ElementNode && (blockAtoms[a] || (a == 0 && blockTags[n.Data]))
	if n.Type == html.ElementNode {
		switch {
		case a == atom.Br || n.Data == "lb":
			w.lineBreak()
			return
		case a == atom.Td || a == atom.Th || n.Data == "cell":
			w.space = true
		case a == atom.Pre:
			pre = true
		}
	}
	if block {
		w.endPara()
	}
	w.edge = true
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, pre)
	}
	w.edge = true
	if block {
		w.endPara()
	}
}

func (w *blockWriter) text(s string, pre bool) {
	if pre {
		for i, line := range strings.Split(s, "\n") {
			if i > 0 {
				w.lineBreak()
			}
			w.word(strings.TrimRightFunc(line, unicode.IsSpace))
		}
		return
	}
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if unicode.IsSpace(r) {
			w.space = true
			s = s[size:]
			continue
		}
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			end = len(s)
		}
		w.word(s[:end])
		s = s[end:]
	}
}

func (w *blockWriter) word(s string) {
	if s == "" {
		return
	}
	if w.cur.Len() > 0 && !strings.HasSuffix(w.cur.String(), "\n") {
		if w.space || (w.spaceAtEdges && w.edge && wordEdge(w.cur.String(), s)) {
			w.cur.WriteByte(' ')
		}
	}
	w.space, w.edge = false, false
	w.cur.WriteString(s)
}

func (w *blockWriter) lineBreak() {
	if w.cur.Len() > 0 && !strings.HasSuffix(w.cur.String(), "\n") {
		w.cur.WriteByte('\n')
	}
	w.space = false
}

func (w *blockWriter) endPara() {
	p := strings.TrimSpace(w.cur.String())
	if p != "" {
		w.paras = append(w.paras, p)
	}
	w.cur.Reset()
	w.space = false
}

func (w *blockWriter) finish() string {
	w.endPara()
	return strings.Join(w.paras, "\n\n")
}

// wordEdge reports whether prev ends and next starts with a letter or digit.
func wordEdge(prev, next string) bool {
	r1, _ := utf8.DecodeLastRuneInString(prev)
	r2, _ := utf8.DecodeRuneInString(next)
	return isWordRune(r1) && isWordRune(r2)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
