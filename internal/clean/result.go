package clean

import "github.com/parallaxhq/parallax/internal/model"

// Paragraph is one paragraph of the clean text and its language.
type Paragraph struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Lang  string `json:"lang"`
}

// Result is a cleaned document: its main text and what was read about it.
type Result struct {
	// Text is the clean text, paragraphs separated by "\n\n".
	Text string
	// Title is, for plain text, the first non-empty line exactly as written;
	// for HTML, the page's own title (og:title, JSON-LD headline, <title>).
	Title string
	// Outlet is the site's name (og:site_name, JSON-LD publisher) or the URL host.
	Outlet string
	Author string
	// Published is YYYY-MM-DD when the page or the text states it, else "".
	Published string
	// PublishedBasis is model.BasisMetadata or model.BasisText when Published is set.
	PublishedBasis string
	// URL is the canonical URL a page states, else the URL it was fetched from.
	URL string
	// Language is the ISO 639-1 code of the document's language ("" if unknown).
	Language string
	// DeclaredLanguage is what the page's lang attribute or metadata says.
	DeclaredLanguage string
	// OtherLanguage lists paragraphs and lines in another language than
	// Language; removed ones have Start = End = -1.
	OtherLanguage []model.LangSpan
	// Removed lists the lines (and repeated sentences) taken out, in order, with why.
	Removed []model.RemovedLine
	// Paragraphs are the paragraphs of Text with their languages.
	Paragraphs []Paragraph
	// Words is the number of whitespace-separated words of Text.
	Words int
	// Extractor names the HTML extractor whose text was kept ("" for plain text).
	Extractor string
}
