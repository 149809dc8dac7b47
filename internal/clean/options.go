package clean

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
