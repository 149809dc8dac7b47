package translit

// Edit costs between phonetic codes. Transliteration mostly disagrees on
// vowels (Qasim/Qasem), on which Latin letter renders one Arabic or Persian
// consonant (Qods/Quds is a vowel; Qaani/Ghaani/Kaani is q/gh/k), and on
// typing slips (Falljuah). Those cost little; a different consonant costs a
// whole edit.
const (
	costVowel      = 0.4 // insert, delete or swap one vowel class for another
	costFinalVowel = 0.8 // a vowel added or dropped at the end (Baghdad/Baghdadi)
	costConsonant  = 1.0
	costWeak       = 0.5 // h, y, v inserted or deleted
	costTranspose  = 0.6
)

// substCost is the cost of reading consonant symbol a as b.
func substCost(a, b byte) float64 {
	if a == b {
		return 0
	}
	va, vb := isVowelSym(a), isVowelSym(b)
	switch {
	case va && vb:
		return costVowel
	case va || vb:
		// a vowel against a semivowel: i/y, u/v
		if (a == symI && b == 'y') || (a == 'y' && b == symI) || (a == symU && b == 'v') || (a == 'v' && b == symU) {
			return 0.3
		}
		return costConsonant
	}
	if a > b {
		a, b = b, a
	}
	switch string([]byte{a, b}) {
	case "kq", "gq", "Gq", "gk", "Gk", "Gg", "kx", "hx", "Gx", "qx",
		"CS", "sz", "Tt", "Dd", "bp", "fv":
		return 0.3
	case "Ss", "Sz", "Dz", "Ts", "Jg", "Jz", "Jy", "Ck", "Cs", "fp", "bv", "Gh", "Sx":
		return 0.5
	}
	return costConsonant
}

func indelCost(c byte, final bool) float64 {
	switch {
	case isVowelSym(c):
		if final {
			return costFinalVowel
		}
		return costVowel
	case c == 'h' || c == 'y' || c == 'v':
		return costWeak
	}
	return costConsonant
}

// Distance is the weighted optimal-string-alignment distance between two
// phonetic codes: vowel edits cost 0.4, an added final vowel 0.8, near
// consonants (q/k/g, s/z/sh, t/th, b/p) 0.3 to 0.5, other consonants 1, and
// swapping two neighbours 0.6.
func Distance(a, b string) float64 {
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		d := 0.0
		for i := 0; i < la; i++ {
			d += indelCost(a[i], i == la-1)
		}
		for i := 0; i < lb; i++ {
			d += indelCost(b[i], i == lb-1)
		}
		return d
	}
	// three rolling rows for the transposition lookback
	prev2 := make([]float64, lb+1)
	prev := make([]float64, lb+1)
	cur := make([]float64, lb+1)
	prev[0] = 0
	for j := 1; j <= lb; j++ {
		prev[j] = prev[j-1] + indelCost(b[j-1], j == lb)
	}
	for i := 1; i <= la; i++ {
		cur[0] = prev[0] + indelCost(a[i-1], i == la)
		for j := 1; j <= lb; j++ {
			del := prev[j] + indelCost(a[i-1], i == la)
			ins := cur[j-1] + indelCost(b[j-1], j == lb)
			sub := prev[j-1] + substCost(a[i-1], b[j-1])
			m := del
			if ins < m {
				m = ins
			}
			if sub < m {
				m = sub
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] && a[i-1] != a[i-2] {
				if t := prev2[j-2] + costTranspose; t < m {
					m = t
				}
			}
			cur[j] = m
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb]
}

// Similarity is 1 − Distance/longer length, in [0,1], on phonetic codes.
func Similarity(a, b string) float64 {
	if a == b {
		return 1
	}
	l := len(a)
	if len(b) > l {
		l = len(b)
	}
	s := 1 - Distance(a, b)/float64(l)
	if s < 0 {
		return 0
	}
	return s
}
