package frames

import (
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/claims"
	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
)

// testNames are the named entities of the made-up test sentences.
var testNames = map[string]string{
	"Ahmed Karimi": model.Person, "Karimi": model.Person, "General Karimi": model.Person,
	"Farid Alami": model.Person, "Omar Bakri": model.Person, "Hassan Nouri": model.Person,
	"Boko Haram": model.Org, "Wagner Group": model.Org, "Al-Nusra": model.Org, "Russia": model.Place,
	"Sudan": model.Place, "Popular Front": model.Org, "Kurdish Regional Government": model.Org, "KRG": model.Org,
}

func prepare(doc, text string) claims.Input {
	toks := lang.Tokenize(text)
	in := claims.Input{DocID: doc, Text: text, Tokens: toks, Sentences: lang.SplitSentences(text, toks)}
	names := make([]string, 0, len(testNames))
	for n := range testNames {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	taken := make([]bool, len(text)+1)
	for _, n := range names {
		for off := 0; ; {
			i := strings.Index(text[off:], n)
			if i < 0 {
				break
			}
			s, e := off+i, off+i+len(n)
			off = e
			if taken[s] || taken[e-1] {
				continue
			}
			for k := s; k < e; k++ {
				taken[k] = true
			}
			in.Mentions = append(in.Mentions, model.Mention{Start: s, End: e, Text: n, Type: testNames[n]})
		}
	}
	sort.Slice(in.Mentions, func(i, j int) bool { return in.Mentions[i].Start < in.Mentions[j].Start })
	return in
}

func frameOf(fs []model.Frame, name string) *model.Frame {
	for i := range fs {
		if strings.Contains(strings.ToLower(fs[i].Name), strings.ToLower(name)) {
			return &fs[i]
		}
	}
	return nil
}

func TestStanceSign(t *testing.T) {
	cases := []struct {
		name, text, actor string
		sign              int // +1, -1; 0 = no frame or neutral
		evidence          string
	}{
		{"modifier in scare quotes", "The ‘fearless’ Ahmed Karimi led the troops across the river.", "Karimi", 1, "fearless"},
		{"predication", "Ahmed Karimi was a national hero.", "Karimi", 1, "national hero"},
		{"negated predication", "Ahmed Karimi was not a hero.", "Karimi", -1, "hero"},
		{"apposition", "Boko Haram, the world’s most notorious terror group, attacked the town.", "Boko Haram", -1, "terror group"},
		{"possessive pronoun", "The Wagner Group arrived at dawn. Witnesses saw the Wagner Group and its thugs loot the market.", "Wagner Group", -1, "thugs"},
		{"compound", "Al-Nusra militants shelled the road.", "Al-Nusra", -1, "militants"},
		{"agent of a verb", "Russia assassinated Ahmed Karimi in a drone strike.", "Russia", -1, "assassinated"},
		{"patient of martyrdom", "Ahmed Karimi was martyred in a drone strike.", "Karimi", 1, "martyred"},
		{"hedge turns praise", "The supposedly “moderate” Farid Alami signed the order.", "Alami", -1, "moderate"},
		{"exposed as", "Boko Haram has been exposed as a paper tiger.", "Boko Haram", -1, "paper tiger"},
		{"not invincible", "Boko Haram is not invincible.", "Boko Haram", -1, "invincible"},
		{"pronoun subject", "Ahmed Karimi arrived in Sudan. He inspired the troops to victory.", "Karimi", 1, "inspired"},
		{"head of an organisation", "Ahmed Karimi, head of the Popular Front – the dirty-tricks unit of the regime – was seen in Sudan.", "Karimi", -1, "dirty-tricks"},
		{"beneficiary of an outcome", "The battle was a historical achievement for the men of the Popular Front.", "Popular Front", 1, "achievement"},
		{"event words alone are neutral", "Ahmed Karimi fought in the war and was wounded in the battle.", "Karimi", 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := prepare("d", tc.text)
			fs := Analyze(Input{Input: in}, Options{})
			checkEvidenceOffsets(t, tc.text, fs)
			f := frameOf(fs, tc.actor)
			if tc.sign == 0 {
				if f != nil && f.Label != Neutral {
					t.Fatalf("frame %+v, want none or neutral", *f)
				}
				return
			}
			if f == nil {
				t.Fatalf("no frame for %s in %+v", tc.actor, fs)
			}
			if got := sign(f.Stance); got != tc.sign {
				t.Fatalf("stance %.3f (%s), want sign %d; evidence %+v", f.Stance, f.Label, tc.sign, f.Evidence)
			}
			ok := false
			for _, e := range f.Evidence {
				if strings.Contains(e.Text, tc.evidence) {
					ok = true
				}
			}
			if !ok {
				t.Fatalf("evidence %+v lacks %q", f.Evidence, tc.evidence)
			}
		})
	}
}

func sign(x float64) int {
	switch {
	case x > 0.1:
		return 1
	case x < -0.1:
		return -1
	}
	return 0
}

// A quoted insult is the speaker's: it weighs less than the same words in
// the outlet's own voice.
func TestQuotedInsultDiscounted(t *testing.T) {
	quoted := "“Hassan Nouri is a terrorist and a thug,” said rival leader Omar Bakri."
	own := "Hassan Nouri is a terrorist and a thug, said nobody."
	w := func(text string) float64 {
		fs := Analyze(Input{Input: prepare("d", text)}, Options{})
		f := frameOf(fs, "Nouri")
		if f == nil {
			return 0
		}
		s := 0.0
		for _, e := range f.Evidence {
			s += e.Weight
		}
		return s
	}
	q, o := w(quoted), w(own)
	if !(o < 0 && math.Abs(q) < math.Abs(o)/2) {
		t.Fatalf("quoted weight %.2f, own-voice weight %.2f: the quote is not discounted", q, o)
	}
}

func TestDefaultEntityKeys(t *testing.T) {
	ms := []model.Mention{
		{Text: "Qassem Suleimani", Type: model.Person}, {Text: "Suleimani", Type: model.Org},
		{Text: "General Soleimani", Type: model.Org}, {Text: "Kurdish Regional Government", Type: model.Org},
		{Text: "KRG", Type: model.Org}, {Text: "Iran", Type: model.Place},
	}
	keys, _ := DefaultEntityKeys(ms)
	if keys[0] != keys[1] || keys[0] != keys[2] {
		t.Errorf("person spellings not grouped: %q", keys)
	}
	if keys[3] != keys[4] {
		t.Errorf("acronym not grouped: %q", keys)
	}
	if keys[5] == keys[0] || keys[5] == keys[3] {
		t.Errorf("unrelated names grouped: %q", keys)
	}
}

func TestEntityKeyOption(t *testing.T) {
	text := "Ahmed Karimi was a national hero. General Karimi was fearless."
	in := prepare("d", text)
	fs := Analyze(Input{Input: in}, Options{EntityKey: func(i int) string { return "Q42" }})
	if len(fs) != 1 || fs[0].Entity != "Q42" || fs[0].Stance <= 0 {
		t.Fatalf("got %+v", fs)
	}
}

func checkEvidenceOffsets(t testing.TB, text string, fs []model.Frame) {
	t.Helper()
	for _, f := range fs {
		if f.Stance < -1 || f.Stance > 1 {
			t.Fatalf("stance %v out of range", f.Stance)
		}
		for _, e := range f.Evidence {
			if e.Start < 0 || e.End > len(text) || e.Start > e.End || text[e.Start:e.End] != e.Text {
				t.Fatalf("evidence offsets [%d,%d) do not give %q", e.Start, e.End, e.Text)
			}
		}
	}
}

func TestLexiconBuilds(t *testing.T) {
	l, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if len(l.single) < 5000 {
		t.Fatalf("lexicon has %d words", len(l.single))
	}
	if tm := l.single["henchmen"]; tm.role != roleActor || tm.weight >= 0 {
		t.Fatalf("news term lost: %+v", tm)
	}
	if tm := l.single["war"]; tm.weight != 0 {
		t.Fatalf("neutral override lost: %+v", tm)
	}
}
