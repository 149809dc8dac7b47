package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldGroups lists, for each ASCII replacement, the precomposed letters that
// fold to it. The table was derived once from the Unicode canonical
// decompositions of Latin-1 Supplement, Latin Extended-A/B and Latin Extended
// Additional (the letters scholarly transliteration uses: ḥ ṣ ṭ ẓ ā ī ū ʿ ʾ),
// plus the letters without a decomposition (ß æ ø ł đ ı ə). It is written out
// here rather than taken from golang.org/x/text so that the name keys the
// gazetteer was built with can never drift with a dependency upgrade.
var foldGroups = [...]struct{ to, from string }{
	{"'", "`´ʹʻʼʾʿ‘’′"},
	{"-", "‐‑‒–—−"},
	{"a", "ÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǞǟǠǡǺǻȀȁȂȃȦȧḀḁẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặ"},
	{"ae", "Ææ"},
	{"b", "ḂḃḄḅḆḇ"},
	{"c", "ÇçĆćĈĉĊċČčḈḉ"},
	{"d", "ÐðĎďĐđḊḋḌḍḎḏḐḑḒḓ"},
	{"e", "ÈÉÊËèéêëĒēĔĕĖėĘęĚěƏȄȅȆȇȨȩəḔḕḖḗḘḙḚḛḜḝẸẹẺẻẼẽẾếỀềỂểỄễỆệ"},
	{"f", "ƒḞḟ"},
	{"g", "ĜĝĞğĠġĢģǦǧǴǵḠḡ"},
	{"h", "ĤĥĦħȞȟḢḣḤḥḦḧḨḩḪḫẖ"},
	{"i", "ÌÍÎÏìíîïĨĩĪīĬĭĮįİıǏǐȈȉȊȋɨḬḭḮḯỈỉỊị"},
	{"j", "Ĵĵǰ"},
	{"k", "ĶķǨǩḰḱḲḳḴḵ"},
	{"l", "ĹĺĻļĽľĿŀŁłḶḷḸḹḺḻḼḽ"},
	{"m", "ḾḿṀṁṂṃ"},
	{"n", "ÑñŃńŅņŇňǸǹṄṅṆṇṈṉṊṋ"},
	{"o", "ÒÓÔÕÖØòóôõöøŌōŎŏŐőƠơǑǒǪǫǬǭȌȍȎȏȪȫȬȭȮȯȰȱṌṍṎṏṐṑṒṓỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợ"},
	{"oe", "Œœ"},
	{"p", "ṔṕṖṗ"},
	{"r", "ŔŕŖŗŘřȐȑȒȓṘṙṚṛṜṝṞṟ"},
	{"s", "ŚśŜŝŞşŠšȘșṠṡṢṣṤṥṦṧṨṩ"},
	{"ss", "ß"},
	{"t", "ŢţŤťŦŧȚțṪṫṬṭṮṯṰṱẗ"},
	{"th", "Þþ"},
	{"u", "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗṲṳṴṵṶṷṸṹṺṻỤụỦủỨứỪừỬửỮữỰự"},
	{"v", "ṼṽṾṿ"},
	{"w", "ŴŵẀẁẂẃẄẅẆẇẈẉẘ"},
	{"x", "ẊẋẌẍ"},
	{"y", "ÝýÿŶŷŸȲȳẎẏẙỲỳỴỵỶỷỸỹ"},
	{"z", "ŹźŻżŽžẐẑẒẓẔẕ"},
}

var foldTable = func() map[rune]string {
	m := make(map[rune]string, 600)
	for _, g := range foldGroups {
		for _, r := range g.from {
			m[r] = g.to
		}
	}
	return m
}()

// Fold lowercases s and folds Latin diacritics and typographic apostrophes
// and dashes to ASCII: "Quşayr" → "qusayr", "Kata’ib" → "kata'ib",
// "Āmirlī" → "amirli". Combining marks are dropped; letters of other scripts
// are lowercased and kept. Invalid UTF-8 bytes are dropped.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case r == utf8.RuneError:
		case unicode.Is(unicode.Mn, r):
		default:
			if f, ok := foldTable[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
		}
	}
	return b.String()
}
