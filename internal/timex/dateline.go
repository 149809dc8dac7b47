package timex

import "strings"

// dateLineWords may stand next to the date on a date line.
var dateLineWords = map[string]bool{
	"published": true, "posted": true, "updated": true, "on": true, "at": true, "by": true, "date": true,
	"last": true, "modified": true, "created": true, "|": true, ",": true, ":": true, "-": true, "/": true,
	"(": true, ")": true, "gmt": true, "utc": true, "est": true, "edt": true, "am": true, "pm": true,
	"a.m.": true, "p.m.": true, "•": true, "·": true, "—": true,
}

// DateLine finds a date line near the top of a text ("Jan 06 2021" on its
// own line under the title): a line within the first ten lines (and 1,000
// bytes) that holds a full calendar date with year and little else. It
// returns the date (YYYY-MM-DD) and the byte span of the date.
func DateLine(text string) (date string, start, end int, ok bool) {
	off := 0
	lines := 0
	for off < len(text) && lines < 10 && off < 1000 {
		nl := strings.IndexByte(text[off:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = off + nl
		}
		line := text[off:lineEnd]
		if strings.TrimSpace(line) != "" {
			lines++
			if len(line) <= 80 {
				if d, s, e, found := dateOnLine(line); found {
					return d, off + s, off + e, true
				}
			}
		}
		if nl < 0 {
			break
		}
		off = lineEnd + 1
	}
	return "", 0, 0, false
}

func dateOnLine(line string) (string, int, int, bool) {
	toks := tokenize(line)
	p := &parser{toks: toks, n: len(toks)}
	for i := 0; i < len(toks); i++ {
		mt, ok := p.matchAt(i)
		if !ok {
			continue
		}
		m := mt.m
		if m.Form != FormCalendar || m.Gran != uDay || m.Year == 0 || !validYMD(m.Year, m.Month, m.Day) {
			i = mt.j - 1
			continue
		}
		// everything else on the line must be date-line furniture or a time
		for k := range toks {
			if k >= mt.i && k < mt.j {
				continue
			}
			t := toks[k]
			if dateLineWords[t.low] || t.kind == tokPunct {
				continue
			}
			if _, isWD := weekdayWords[t.low]; isWD {
				continue
			}
			if t.kind == tokNum && strings.Contains(t.low, ":") {
				continue
			}
			return "", 0, 0, false
		}
		return yearStr(m.Year) + "-" + pad2(m.Month) + "-" + pad2(m.Day), toks[mt.i].start, toks[mt.j-1].end, true
	}
	return "", 0, 0, false
}
