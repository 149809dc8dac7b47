package web

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/query"
)

// docPage is the document view: the detail plus its text cut into
// highlighted pieces, and side lists.
type docPage struct {
	query.DocumentDetail
	Blocks    []textBlock
	Names     map[string]query.EntityName
	Named     []namedEntity
	Highlight *model.Span
}

// textBlock is a sentence (Sent) or the text between sentences.
type textBlock struct {
	Sent       bool
	ID         string // "s-START-END" for sentences
	Start, End int
	Pieces     []piece
}

// piece is a run of text with the same highlights; Start and End are its
// byte offsets, which the page script uses to mark any span.
type piece struct {
	Text       string
	Start, End int
	Class      string
	Entity     string // link target for a resolved mention
	Title      string
	ID         string // anchor of a highlighted span that is no sentence
}

// namedEntity is an entity (or unresolved name) of the document with its
// number of mentions and its first mention.
type namedEntity struct {
	Entity string
	Name   string
	Type   string
	Count  int
	Start  int
	End    int
}

// span kinds, in the order their classes are written.
const (
	kindMention = iota
	kindTime
	kindQuote
	kindNumber
	kindHighlight
	nKinds
)

var kindClass = [nKinds]string{"m", "tx", "qt", "num", "hl"}

type markSpan struct {
	start, end int
	kind       int
	idx        int
}

var hlParam = regexp.MustCompile(`^([0-9]{1,9})-([0-9]{1,9})$`)

// parseSpan reads "START-END" (the hl parameter).
func parseSpan(s string) (model.Span, bool) {
	m := hlParam.FindStringSubmatch(s)
	if m == nil {
		return model.Span{}, false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	return model.Span{Start: a, End: b}, a < b
}

// validSpan reports whether [start, end) is a non-empty span of text on
// character boundaries: offsets come from analyses of hostile input and
// must never cut a character or index out of range.
func validSpan(text string, start, end int) bool {
	if start < 0 || end > len(text) || start >= end {
		return false
	}
	return utf8.RuneStart(text[start]) && (end == len(text) || utf8.RuneStart(text[end]))
}

var typeClass = regexp.MustCompile(`[^A-Za-z]`)

func (s *Server) documentPage(c *call, d query.DocumentDetail) (docPage, error) {
	p := docPage{DocumentDetail: d}
	if hl, ok := parseSpan(c.q("hl")); ok && validSpan(d.Text, hl.Start, hl.End) {
		p.Highlight = &hl
	}
	var ids []string
	for _, m := range d.Mentions {
		ids = append(ids, m.Entity)
	}
	for _, f := range d.Frames {
		ids = append(ids, f.Entity)
	}
	for _, q := range d.Quotes {
		ids = append(ids, q.Speaker.Entity)
	}
	var err error
	if p.Names, err = query.EntityNames(c.r.Context(), s.st, ids); err != nil {
		return p, err
	}
	p.Blocks = markText(d, p.Names, p.Highlight)
	p.Named = namedEntities(d, p.Names)
	return p, nil
}

// markText cuts the text at every sentence and highlight boundary.
func markText(d query.DocumentDetail, names map[string]query.EntityName, hl *model.Span) []textBlock {
	text := d.Text
	var spans []markSpan
	add := func(start, end, kind, idx int) {
		if validSpan(text, start, end) {
			spans = append(spans, markSpan{start, end, kind, idx})
		}
	}
	for i, m := range d.Mentions {
		add(m.Start, m.End, kindMention, i)
	}
	for i, t := range d.Times {
		add(t.Start, t.End, kindTime, i)
	}
	for i, q := range d.Quotes {
		add(q.Start, q.End, kindQuote, i)
	}
	for i, q := range d.Quantities {
		add(q.Start, q.End, kindNumber, i)
	}
	if hl != nil {
		add(hl.Start, hl.End, kindHighlight, 0)
	}
	// Sentences, in order, without overlaps.
	var sents []model.Sentence
	for _, s := range d.Sentences {
		if validSpan(text, s.Start, s.End) {
			sents = append(sents, s)
		}
	}
	sort.SliceStable(sents, func(i, j int) bool { return sents[i].Start < sents[j].Start })
	kept := sents[:0]
	last := 0
	for _, s := range sents {
		if s.Start >= last {
			kept = append(kept, s)
			last = s.End
		}
	}
	sents = kept
	// Boundaries.
	bset := map[int]bool{0: true, len(text): true}
	for _, s := range spans {
		bset[s.start], bset[s.end] = true, true
	}
	for _, s := range sents {
		bset[s.Start], bset[s.End] = true, true
	}
	bounds := make([]int, 0, len(bset))
	for b := range bset {
		bounds = append(bounds, b)
	}
	sort.Ints(bounds)
	// What covers each segment [bounds[i], bounds[i+1]).
	nseg := len(bounds) - 1
	if nseg <= 0 {
		return nil
	}
	cover := make([][nKinds]int, nseg) // index+1 of the covering span of each kind
	for _, s := range spans {
		i := sort.SearchInts(bounds, s.start)
		for ; i < nseg && bounds[i] < s.end; i++ {
			cover[i][s.kind] = s.idx + 1
		}
	}
	hlID := ""
	if hl != nil {
		hlID = fmt.Sprintf("s-%d-%d", hl.Start, hl.End)
		for _, s := range sents {
			if s.Start == hl.Start && s.End == hl.End {
				hlID = "" // the sentence carries the anchor
			}
		}
	}
	var blocks []textBlock
	si := 0
	var cur *textBlock
	for i := 0; i < nseg; i++ {
		a, b := bounds[i], bounds[i+1]
		for si < len(sents) && sents[si].End <= a {
			si++
		}
		inSent := si < len(sents) && sents[si].Start <= a && b <= sents[si].End
		if cur == nil || cur.Sent != inSent || (inSent && cur.Start != sents[si].Start) {
			blocks = append(blocks, textBlock{Sent: inSent, Start: a, End: b})
			cur = &blocks[len(blocks)-1]
			if inSent {
				cur.Start, cur.End = sents[si].Start, sents[si].End
				cur.ID = fmt.Sprintf("s-%d-%d", cur.Start, cur.End)
			}
		}
		if !inSent {
			cur.End = b
		}
		pc := piece{Text: text[a:b], Start: a, End: b}
		cv := cover[i]
		var cls, titles []string
		for k := 0; k < nKinds; k++ {
			if cv[k] == 0 {
				continue
			}
			cls = append(cls, kindClass[k])
			idx := cv[k] - 1
			switch k {
			case kindMention:
				m := d.Mentions[idx]
				t := typeClass.ReplaceAllString(m.Type, "")
				cls = append(cls, "m-"+t)
				title := m.Type
				if m.Entity != "" {
					pc.Entity = m.Entity
					if n, ok := names[m.Entity]; ok {
						title += " · " + n.Name
					}
				}
				titles = append(titles, title)
			case kindTime:
				t := d.Times[idx]
				v := t.Value
				if v == "" {
					v = "unresolved"
				}
				titles = append(titles, t.Type+" "+v)
			case kindQuote:
				q := d.Quotes[idx]
				sp := q.Speaker.Text
				if q.Speaker.Anonymous {
					sp += " (anonymous)"
				}
				titles = append(titles, strings.ReplaceAll(q.Kind, "_", " ")+" quote: "+sp)
			case kindNumber:
				titles = append(titles, "number: "+strconv.FormatFloat(d.Quantities[idx].Value, 'g', -1, 64))
			case kindHighlight:
				if hlID != "" && a == hl.Start {
					pc.ID = hlID
				}
			}
		}
		pc.Class = strings.Join(cls, " ")
		pc.Title = strings.Join(titles, "; ")
		cur.Pieces = append(cur.Pieces, pc)
	}
	return blocks
}

// namedEntities lists the document's entities, most mentioned first.
func namedEntities(d query.DocumentDetail, names map[string]query.EntityName) []namedEntity {
	byKey := map[string]*namedEntity{}
	var keys []string
	for _, m := range d.Mentions {
		k := m.Entity
		if k == "" {
			k = m.Type + "\x00" + m.Text
		}
		n := byKey[k]
		if n == nil {
			n = &namedEntity{Entity: m.Entity, Name: m.Text, Type: m.Type, Start: m.Start, End: m.End}
			if en, ok := names[m.Entity]; ok {
				n.Name, n.Type = en.Name, en.Type
			}
			byKey[k] = n
			keys = append(keys, k)
		}
		n.Count++
	}
	out := make([]namedEntity, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}
