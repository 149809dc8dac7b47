package clean

import "github.com/parallaxhq/parallax/internal/model"

// Extractor names accepted by Options.Extractor.
const (
	// ExtractorAuto is go-trafilatura with its fallbacks, rendered in
	// paragraphs and cleaned of furniture by the line rules (the default).
	ExtractorAuto = "auto"
	// ExtractorTrafilatura is go-trafilatura with its fallbacks, uncleaned.
	ExtractorTrafilatura = "trafilatura"
	// ExtractorReadability is codeberg.org/readeck/go-readability/v2 alone, uncleaned.
	ExtractorReadability = "readability"
	// ExtractorDistiller is github.com/markusmobius/go-domdistiller alone, uncleaned.
	ExtractorDistiller = "distiller"
)

// Options tune cleaning. The zero value is not useful; start from DefaultOptions.
type Options struct {
	// MaxInputBytes bounds the input read; longer input is cut at a line
	// boundary before this many bytes. Default 16 MiB.
	MaxInputBytes int
	// MaxFurnitureWords is the longest line (in words) that can be judged
	// page furniture by its vocabulary. Default 12.
	MaxFurnitureWords int
	// MaxRelatedTitleWords is the longest line (in words) taken as a title in
	// a list of related articles. Default 25.
	MaxRelatedTitleWords int
	// MinRepeatWords is the shortest line or sentence (in words) removed when
	// it repeats an earlier one inside the article body. Default 6.
	MinRepeatWords int
	// MinLanguageWords is the shortest paragraph (in words) whose language is
	// identified by trigrams; shorter ones are judged by script only. Default 12.
	MinLanguageWords int
	// LanguageConfidence is the confidence (0..1) a paragraph's language must
	// reach to be flagged as another language than the document's. Default 0.5.
	LanguageConfidence float64
	// LanguageSampleBytes is how much of the text the document language is
	// identified from. Default 2048.
	LanguageSampleBytes int
	// Extractor picks the HTML main-text extractor (ExtractorAuto by default).
	Extractor string
}

// DefaultOptions returns the options parallax runs with.
func DefaultOptions() Options {
	return Options{
		MaxInputBytes:        16 << 20,
		MaxFurnitureWords:    12,
		MaxRelatedTitleWords: 25,
		MinRepeatWords:       6,
		MinLanguageWords:     12,
		LanguageConfidence:   0.5,
		LanguageSampleBytes:  2048,
		Extractor:            ExtractorAuto,
	}
}

// withDefaults fills unset fields from DefaultOptions.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.MaxInputBytes <= 0 {
		o.MaxInputBytes = d.MaxInputBytes
	}
	if o.MaxFurnitureWords <= 0 {
		o.MaxFurnitureWords = d.MaxFurnitureWords
	}
	if o.MaxRelatedTitleWords <= 0 {
		o.MaxRelatedTitleWords = d.MaxRelatedTitleWords
	}
	if o.MinRepeatWords <= 0 {
		o.MinRepeatWords = d.MinRepeatWords
	}
	if o.MinLanguageWords <= 0 {
		o.MinLanguageWords = d.MinLanguageWords
	}
	if o.LanguageConfidence <= 0 {
		o.LanguageConfidence = d.LanguageConfidence
	}
	if o.LanguageSampleBytes <= 0 {
		o.LanguageSampleBytes = d.LanguageSampleBytes
	}
	if o.Extractor == "" {
		o.Extractor = d.Extractor
	}
	return o
}

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
