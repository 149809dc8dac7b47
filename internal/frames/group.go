package frames

import (
	"strings"
	"unicode"

	"github.com/parallaxhq/parallax/internal/claims"
	"github.com/parallaxhq/parallax/internal/model"
)

var titleWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`general gen lieutenant lt major maj colonel col captain capt sergeant
		brigadier admiral commander president vice prime minister foreign defense defence interior secretary
		ayatollah grand sheikh sheik imam sayyid seyyed sayed mr mrs ms dr prof professor sir lord king queen
		prince princess emir crown supreme leader chairman senator sen rep governor gov mayor judge pope
		cardinal bishop rabbi field marshal chief deputy former late then the`) {
		titleWords[w] = true
	}
}

// nameWords splits a mention into lower-case words and drops leading
// titles; titled reports whether a title was dropped.
func nameWords(text string) (words []string, titled bool) {
	f := strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) })
	for len(f) > 1 && titleWords[strings.ToLower(strings.TrimSuffix(f[0], "."))] {
		f = f[1:]
		titled = true
	}
	return f, titled
}

// DefaultEntityKeys groups the mentions of one document without help from
// cross-document resolution: person names by the spelling-tolerant
// skeleton of their last word ("Qassem Suleimani", "Suleimani", "General
// Soleimani"), a single word that ends a person's name joins that person
// whatever its tagged type, an acronym joins the name whose initials it
// spells ("KRG", "Kurdish Regional Government"), anything else groups by
// its folded text. It returns one key per mention ("" for mentions it
// ignores) and, per key, the longest name.
func DefaultEntityKeys(ms []model.Mention) (keys []string, names map[string]string) {
	keys = make([]string, len(ms))
	names = map[string]string{}
	type split struct {
		words  []string
		titled bool
	}
	splits := map[string]split{}
	nameWords := func(text string) ([]string, bool) {
		if s, ok := splits[text]; ok {
			return s.words, s.titled
		}
		w, t := nameWords(text)
		splits[text] = split{w, t}
		return w, t
	}
	skel := map[string]string{}
	skeleton := func(s string) string {
		if k, ok := skel[s]; ok {
			return k
		}
		k := claims.Skeleton(claims.FoldKey(s))
		skel[s] = k
		return k
	}
	persons := map[string]bool{} // skeleton of a person's last name word
	initials := map[string]string{}
	for _, m := range ms {
		w, titled := nameWords(m.Text)
		if len(w) == 0 {
			continue
		}
		if (m.Type == model.Person && len(w) >= 2) || titled && len(w) >= 1 {
			persons[skeleton(w[len(w)-1])] = true
		}
		if len(w) >= 2 {
			var b strings.Builder
			for _, x := range w {
				lx := strings.ToLower(x)
				if lx == "of" || lx == "the" || lx == "and" || lx == "for" {
					continue
				}
				r := []rune(x)
				b.WriteRune(unicode.ToUpper(r[0]))
			}
			if b.Len() >= 2 {
				initials[b.String()] = skeleton(m.Text)
			}
		}
	}
	for i, m := range ms {
		w, titled := nameWords(m.Text)
		if len(w) == 0 {
			continue
		}
		last := skeleton(w[len(w)-1])
		var key string
		switch {
		case persons[last] && (m.Type == model.Person || titled || len(w) == 1):
			key = "person:" + last
		case len(w) == 1 && isAcronym(w[0]) && initials[w[0]] != "":
			key = "name:" + initials[w[0]]
		default:
			key = "name:" + skeleton(m.Text)
		}
		if key == "name:" || key == "person:" {
			continue
		}
		keys[i] = key
		if len(m.Text) > len(names[key]) {
			names[key] = m.Text
		}
	}
	return keys, names
}

func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
