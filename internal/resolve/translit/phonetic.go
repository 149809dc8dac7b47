package translit

// Phonetic symbols. Lowercase letters stand for themselves; the capitals are
// digraphs read as one sound:
//
//	S = sh, sch      C = ch, tsch      J = j, dj, dzh, zh
//	x = kh           G = gh            T = th          D = dh
//
// Vowels fold to three classes, the ones Arabic and Persian distinguish:
// a; i (e, i, ee, ie, ei, ai, ay, ae, y between consonants); u (o, u, ou,
// oo, ow/aw before a consonant). Doubled symbols collapse (Qassem = Qasem),
// and a word-final h after a vowel is dropped (Fallujah = Falluja).
const (
	symA = 'a'
	symI = 'i'
	symU = 'u'
)

func isVowelByte(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// isVowelSym reports whether a phonetic symbol is a vowel class.
func isVowelSym(c byte) bool { return c == symA || c == symI || c == symU }

// Phonetic encodes one key token (lowercase ASCII, as produced by KeyTokens)
// into phonetic symbols. Non-ASCII letters are kept byte for byte.
//
//	Phonetic("soleimani") = "sulimani"   Phonetic("suleimani") = "sulimani"
//	Phonetic("sulaimani") = "sulimani"   Phonetic("qassem")    = "qasim"
//	Phonetic("daesh")     = "diS"        Phonetic("daisch")    = "diS"
//	Phonetic("zawr")      = "zur"        Phonetic("zor")       = "zur"
func Phonetic(tok string) string {
	return string(appendPhonetic(make([]byte, 0, len(tok)), tok))
}

// SkeletonKey returns the skeleton of a whole key (translit.Key output), its
// words run together: the blocking key of a name. It allocates only the
// result.
func SkeletonKey(key string) string {
	var jb, pb [64]byte
	joined := jb[:0]
	for i := 0; i < len(key); i++ {
		if key[i] != ' ' {
			joined = append(joined, key[i])
		}
	}
	code := appendPhonetic(pb[:0], joined)
	var sb [64]byte
	return string(appendSkeleton(sb[:0], code))
}

func appendPhonetic[S ~string | ~[]byte](out []byte, tok S) []byte {
	emit := func(c byte) {
		if n := len(out); n > 0 && out[n-1] == c {
			return
		}
		out = append(out, c)
	}
	n := len(tok)
	at := func(i int) byte {
		if i < n && i >= 0 {
			return tok[i]
		}
		return 0
	}
	has := func(i int, p string) bool {
		if i+len(p) > n {
			return false
		}
		for j := 0; j < len(p); j++ {
			if tok[i+j] != p[j] {
				return false
			}
		}
		return true
	}
	// beforeVowel reports whether position i is followed by a vowel letter.
	beforeVowel := func(i int) bool { return isVowelByte(at(i)) }
	for i := 0; i < n; {
		c := tok[i]
		switch {
		case has(i, "tsch"):
			emit('C')
			i += 4
		case has(i, "sch"):
			emit('S')
			i += 3
		case has(i, "dzh"):
			emit('J')
			i += 3
		case has(i, "sh"):
			emit('S')
			i += 2
		case has(i, "ch"):
			emit('C')
			i += 2
		case has(i, "zh"), has(i, "dj"):
			emit('J')
			i += 2
		case has(i, "kh"):
			emit('x')
			i += 2
		case has(i, "gh"):
			emit('G')
			i += 2
		case has(i, "th"):
			emit('T')
			i += 2
		case has(i, "dh"):
			emit('D')
			i += 2
		case has(i, "ph"):
			emit('f')
			i += 2
		case has(i, "ck"):
			emit('k')
			i += 2
		case has(i, "ou"), has(i, "oo"), has(i, "uu"):
			emit(symU)
			i += 2
		case (has(i, "ow") || has(i, "aw")) && !beforeVowel(i+2):
			emit(symU)
			i += 2
		case has(i, "ai"), has(i, "ae"), has(i, "ei"), has(i, "ee"), has(i, "ie"), has(i, "ii"):
			emit(symI)
			i += 2
		case (has(i, "ay") || has(i, "ey")) && !beforeVowel(i+2):
			emit(symI)
			i += 2
		case c == 'a':
			emit(symA)
			i++
		case c == 'e' || c == 'i':
			emit(symI)
			i++
		case c == 'o' || c == 'u':
			emit(symU)
			i++
		case c == 'y':
			if i == 0 || beforeVowel(i+1) {
				emit('y')
			} else {
				emit(symI)
			}
			i++
		case c == 'w':
			if i == 0 || beforeVowel(i+1) {
				emit('v')
			} else {
				emit(symU)
			}
			i++
		case c == 'c':
			if nx := at(i + 1); nx == 'e' || nx == 'i' || nx == 'y' {
				emit('s')
			} else {
				emit('k')
			}
			i++
		case c == 'j':
			emit('J')
			i++
		case c == 'x':
			emit('k')
			emit('s')
			i++
		case c == 'h':
			if i == n-1 && i > 0 && isVowelByte(tok[i-1]) {
				i++ // final h after a vowel: Fallujah, Abdullah
				continue
			}
			emit('h')
			i++
		default:
			emit(c)
			i++
		}
	}
	return out
}

// skeletonClass maps a consonant symbol to its blocking class; vowels map to 0.
func skeletonClass(c byte) byte {
	switch c {
	case symA, symI, symU:
		return 0
	case 'b', 'p':
		return 'B'
	case 'f':
		return 'F'
	case 't', 'T':
		return 'T'
	case 'd', 'D':
		return 'D'
	case 's', 'z', 'S', 'C':
		return 'S'
	case 'J':
		return 'J'
	case 'k', 'q', 'g', 'G', 'x':
		return 'K'
	case 'l':
		return 'L'
	case 'm':
		return 'M'
	case 'n':
		return 'N'
	case 'r':
		return 'R'
	case 'h':
		return 'H'
	case 'v':
		return 'V'
	case 'y':
		return 'Y'
	}
	return c
}

// Skeleton reduces a phonetic code to its consonant classes, the blocking
// key for transliterated names: vowels vanish, and sounds that Latin-script
// transliterations of Arabic, Persian, Kurdish and Russian write several ways
// share a class (q/k/g/gh/kh → K, s/z/sh/ch → S, t/th → T, d/dh → D, b/p → B).
//
//	Skeleton(Phonetic("soleimani")) = "SLMN" = Skeleton(Phonetic("solomon"))
//	Skeleton(Phonetic("qods"))      = "KDS"  = Skeleton(Phonetic("quds"))
func Skeleton(code string) string {
	return string(appendSkeleton(make([]byte, 0, len(code)), code))
}

func appendSkeleton[S ~string | ~[]byte](out []byte, code S) []byte {
	for i := 0; i < len(code); i++ {
		k := skeletonClass(code[i])
		if k == 0 {
			continue
		}
		if n := len(out); n > 0 && out[n-1] == k {
			continue
		}
		out = append(out, k)
	}
	return out
}
