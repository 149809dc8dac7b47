package claims

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
)

// DocClaims is what Contradictions needs of one document: its claims and,
// for characterisation contradictions, its frames with the text and
// sentences to show their evidence in.
type DocClaims struct {
	Doc       string
	Outlet    string
	Text      string           // the clean text; needed to show frame evidence
	Sentences []model.Sentence // recomputed from Text when nil
	Claims    []model.Claim
	Frames    []model.Frame
	// FrameSides, when set, holds for each of Frames the sentences that
	// carry its stance, so that Text and Sentences are not needed (see
	// Compact).
	FrameSides [][]model.ContradictionSide
}

// Compact returns d with only what Contradictions reads of it: its
// claims, the frames strong enough to take a side in a characterisation
// (under opts) each with the sentences that show its stance, and neither
// text nor sentences. Contradictions finds the same for the compacted
// documents as for the whole ones; a corpus stage keeps many compacted
// documents in memory instead of their texts.
func (d DocClaims) Compact(opts ContradictionOptions) DocClaims {
	opts = opts.withDefaults()
	out := DocClaims{Doc: d.Doc, Outlet: d.Outlet, Claims: d.Claims}
	if d.FrameSides != nil {
		out.Frames, out.FrameSides = d.Frames, d.FrameSides
		return out
	}
	for i := range d.Frames {
		f := &d.Frames[i]
		if !sideTaking(f, opts) {
			continue
		}
		out.Frames = append(out.Frames, *f)
		out.FrameSides = append(out.FrameSides, frameSides(d, f, sidesPerDoc))
	}
	if out.FrameSides == nil {
		out.FrameSides = [][]model.ContradictionSide{}
	}
	return out
}

// sideTaking reports whether a frame is strong enough to take a side in a
// characterisation contradiction.
func sideTaking(f *model.Frame, opts ContradictionOptions) bool {
	return math.Abs(f.Stance) >= opts.MinStance && len(f.Evidence) >= opts.MinEvidence
}

// sidesPerDoc is how many sentences a document gives a characterisation.
const sidesPerDoc = 2

// ContradictionOptions tunes Contradictions. The zero value is usable.
type ContradictionOptions struct {
	// Canonical maps a folded name (FoldKey output, e.g. "islamic-state")
	// to a canonical entity id, or "" when it does not know the name. When
	// nil, or for names it does not know, names are compared by Skeleton.
	Canonical func(folded string) string
	// MinConfidence drops weaker contradictions (default 0.5).
	MinConfidence float64
	// MaxSides bounds the sides listed per contradiction (default 4; 8 for
	// characterisations).
	MaxSides int
	// MinStance is the least |stance| for a document to take a side in a
	// characterisation contradiction (default 0.2), with at least
	// MinEvidence evidence words (default 2).
	MinStance   float64
	MinEvidence int
	// NumberTolerance is the relative difference under which two counts
	// agree (default 0.1).
	NumberTolerance float64
}

func (o ContradictionOptions) withDefaults() ContradictionOptions {
	if o.MinConfidence <= 0 {
		o.MinConfidence = 0.5
	}
	if o.MaxSides <= 0 {
		o.MaxSides = 4
	}
	if o.MinStance <= 0 {
		o.MinStance = 0.2
	}
	if o.MinEvidence <= 0 {
		o.MinEvidence = 2
	}
	if o.NumberTolerance <= 0 {
		o.NumberTolerance = 0.1
	}
	return o
}

// claimRef is a claim with its document and comparison keys.
type claimRef struct {
	doc     int
	c       *model.Claim
	group   string // claims that can disagree share a group
	anchor  string // place the claim is about ("" when none)
	subject string // compared agent or subject key
	source  string
}

// Contradictions returns the pairs (or sets) of claims on one topic that
// disagree: different agents credited for one event across documents, the
// same agent credited and denied, conflicting counts, opposite assertions
// from different sources, a place called a success and a ruin, the text
// opposing a claim it reports, and outlets that portray one actor in
// opposite ways. Results are ordered by confidence. It is safe for
// concurrent use.
func Contradictions(docs []DocClaims, opts ContradictionOptions) []model.Contradiction {
	opts = opts.withDefaults()
	key := func(folded string) string {
		if folded == "" || strings.HasPrefix(folded, "~") {
			return folded
		}
		if opts.Canonical != nil {
			if id := opts.Canonical(folded); id != "" {
				return id
			}
		}
		return Skeleton(folded)
	}
	groups := map[string][]claimRef{}
	var order []string
	for di := range docs {
		for ci := range docs[di].Claims {
			c := &docs[di].Claims[ci]
			r, ok := refFor(di, docs[di].Doc, c, key)
			if !ok {
				continue
			}
			if _, seen := groups[r.group]; !seen {
				order = append(order, r.group)
			}
			groups[r.group] = append(groups[r.group], r)
		}
	}
	var out []model.Contradiction
	for _, g := range order {
		if c, ok := groupContradiction(docs, groups[g], opts); ok {
			out = append(out, c)
		}
	}
	out = append(out, characterisations(docs, opts, key)...)
	out = dropCovered(out)
	var kept []model.Contradiction
	for _, c := range out {
		if c.Confidence >= opts.MinConfidence {
			kept = append(kept, c)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Confidence > kept[j].Confidence })
	return kept
}

// refFor computes a claim's comparison keys from its topic.
func refFor(di int, doc string, c *model.Claim, key func(string) string) (claimRef, bool) {
	topic, anchor, _ := strings.Cut(c.Topic, "@")
	parts := strings.Split(topic, ":")
	r := claimRef{doc: di, c: c, anchor: key(anchor), source: strings.ToLower(strings.TrimSpace(c.Source))}
	local := strings.Contains(topic, "~")
	switch c.Kind {
	case KindCredit:
		if len(parts) != 3 {
			return r, false
		}
		r.group = "credit:" + parts[1] + ":" + key(parts[2])
		r.subject = key(FoldKey(c.Subject))
		r.anchor = key(parts[2])
	case KindNumber:
		if len(parts) != 3 {
			return r, false
		}
		r.group = "number:" + parts[1] + ":" + parts[2]
	case KindOccurred:
		if len(parts) != 3 {
			return r, false
		}
		r.group = "occurred:" + key(parts[1]) + ":" + parts[2]
	case KindEvaluation:
		if len(parts) != 2 {
			return r, false
		}
		r.group = "evaluation:" + key(parts[1])
		r.anchor = key(parts[1])
	case KindDispute:
		r.group = c.Topic
		local = true
	default:
		return r, false
	}
	if local {
		r.group = doc + "\x00" + r.group
	}
	return r, true
}

// compatible reports whether two claims can be about the same thing: in one
// document their places must not differ; across documents both must name
// the same place.
func compatible(a, b claimRef) bool {
	if a.doc == b.doc {
		return a.anchor == "" || b.anchor == "" || a.anchor == b.anchor
	}
	return a.anchor != "" && a.anchor == b.anchor
}

// differentVoices reports whether two claims come from different documents
// or different sources in one document.
func differentVoices(a, b claimRef) bool {
	return a.doc != b.doc || a.source != b.source
}

// groupContradiction finds the strongest disagreement in one group.
func groupContradiction(docs []DocClaims, refs []claimRef, opts ContradictionOptions) (model.Contradiction, bool) {
	if len(refs) < 2 {
		return model.Contradiction{}, false
	}
	kind := refs[0].c.Kind
	bestConf := 0.0
	var pa, pb claimRef
	consider := func(a, b claimRef, conf float64) {
		if conf > bestConf {
			bestConf, pa, pb = conf, a, b
		}
	}
	cands := pairCandidates(refs)
	for i := 0; i < len(cands); i++ {
		for j := i + 1; j < len(cands); j++ {
			a, b := cands[i], cands[j]
			switch kind {
			case KindCredit:
				if a.subject == b.subject && a.c.Polarity != b.c.Polarity && differentVoices(a, b) {
					consider(a, b, 0.8)
				} else if a.subject != b.subject && a.c.Polarity > 0 && b.c.Polarity > 0 && a.doc != b.doc {
					consider(a, b, 0.55)
				}
			case KindNumber:
				if !compatible(a, b) || !differentVoices(a, b) {
					continue
				}
				hi := math.Max(math.Abs(a.c.Value), math.Abs(b.c.Value))
				if hi > 0 && math.Abs(a.c.Value-b.c.Value)/hi > opts.NumberTolerance {
					consider(a, b, 0.6)
				}
			case KindOccurred, KindEvaluation:
				if a.c.Polarity == b.c.Polarity || !compatible(a, b) || !differentVoices(a, b) {
					continue
				}
				conf := 0.6
				if kind == KindEvaluation {
					conf = 0.65
				}
				if a.source != "" && b.source != "" {
					conf += 0.1
				}
				consider(a, b, conf)
			case KindDispute:
				if a.c.Polarity != b.c.Polarity {
					consider(a, b, 0.8)
				}
			}
		}
	}
	if bestConf == 0 {
		return model.Contradiction{}, false
	}
	// Sides: the disagreeing pair, then the other positions on the topic.
	sides := []claimRef{pa, pb}
	seen := map[string]bool{position(pa): true, position(pb): true}
	// attributed claims first: they say who holds each position
	rest := append([]claimRef(nil), refs...)
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].source != "" && rest[j].source == "" })
	for _, r := range rest {
		if len(sides) >= opts.MaxSides {
			break
		}
		if p := position(r); !seen[p] && (kind != KindNumber && kind != KindOccurred || compatible(r, pa)) {
			seen[p] = true
			sides = append(sides, r)
		}
	}
	c := model.Contradiction{Topic: pa.c.Topic, Kind: kind, Confidence: bestConf}
	for _, s := range sides {
		d := docs[s.doc]
		c.Sides = append(c.Sides, model.ContradictionSide{
			Doc: d.Doc, Outlet: d.Outlet, Claim: describeClaim(s.c), Start: s.c.Start, End: s.c.End, Text: s.c.Text,
		})
	}
	return c, true
}

// maxPairwiseClaims bounds the claims of one group compared pair by pair.
// A large corpus repeats a topic in thousands of documents; comparing all
// their pairs would make the work grow with the square of the corpus.
const maxPairwiseClaims = 256

// pairCandidates returns the claims of a group to compare pairwise: all of
// them up to maxPairwiseClaims, else the first maxPairwiseClaims and then
// the first claim of each further position (what it asserts, and where),
// up to as many again. Every disagreement a group holds between positions
// is still found unless more than maxPairwiseClaims positions are new
// after the first claims.
func pairCandidates(refs []claimRef) []claimRef {
	if len(refs) <= maxPairwiseClaims {
		return refs
	}
	out := append([]claimRef(nil), refs[:maxPairwiseClaims]...)
	seen := map[string]bool{}
	for _, r := range out {
		seen[position(r)+"@"+r.anchor] = true
	}
	for _, r := range refs[maxPairwiseClaims:] {
		if len(out) >= 2*maxPairwiseClaims {
			break
		}
		if k := position(r) + "@" + r.anchor; !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

// position names what a claim asserts, so each side of a contradiction
// says something different.
func position(r claimRef) string {
	switch r.c.Kind {
	case KindCredit:
		return fmt.Sprintf("%s/%d/%s", r.subject, r.c.Polarity, r.source)
	case KindNumber:
		return fmt.Sprintf("%g", r.c.Value)
	}
	return fmt.Sprintf("%d/%s", r.c.Polarity, r.source)
}

// describeClaim writes a claim as a short phrase for a contradiction side.
func describeClaim(c *model.Claim) string {
	by := ""
	if c.Source != "" {
		by = " (" + c.Source + ")"
	}
	switch c.Kind {
	case KindCredit:
		ev := strings.Split(c.Topic, ":")[1]
		if c.Polarity < 0 {
			return fmt.Sprintf("not %s: %s %s%s", c.Subject, ev, c.Object, by)
		}
		return fmt.Sprintf("%s: %s %s%s", c.Subject, ev, c.Object, by)
	case KindNumber:
		return fmt.Sprintf("%g %s %s%s", c.Value, c.Object, strings.Split(c.Topic, ":")[1], by)
	case KindOccurred:
		verb := strings.Split(strings.SplitN(c.Topic, "@", 2)[0], ":")[2]
		if c.Polarity < 0 {
			return fmt.Sprintf("%s does not %s%s", c.Subject, verb, by)
		}
		return fmt.Sprintf("%s does %s%s", c.Subject, verb, by)
	case KindEvaluation:
		if c.Polarity < 0 {
			return fmt.Sprintf("%s ruined or failed%s", c.Object, by)
		}
		return fmt.Sprintf("%s a success%s", c.Object, by)
	}
	return strings.TrimSpace(c.Text) + by
}

// characterisations finds actors that outlets portray in opposite ways,
// from the frames of the documents.
func characterisations(docs []DocClaims, opts ContradictionOptions, key func(string) string) []model.Contradiction {
	type docFrame struct {
		doc, fi int
		f       *model.Frame
	}
	byEntity := map[string][]docFrame{}
	var order []string
	for di := range docs {
		for fi := range docs[di].Frames {
			f := &docs[di].Frames[fi]
			if !sideTaking(f, opts) {
				continue
			}
			k := key(FoldKey(f.Entity))
			if _, ok := byEntity[k]; !ok {
				order = append(order, k)
			}
			byEntity[k] = append(byEntity[k], docFrame{di, fi, f})
		}
	}
	maxSides := max(opts.MaxSides, 8)
	var out []model.Contradiction
	for _, k := range order {
		fs := byEntity[k]
		var pos, neg []docFrame
		for _, df := range fs {
			if df.f.Stance > 0 {
				pos = append(pos, df)
			} else {
				neg = append(neg, df)
			}
		}
		if len(pos) == 0 || len(neg) == 0 {
			continue
		}
		strongest := func(s []docFrame) {
			sort.SliceStable(s, func(i, j int) bool { return math.Abs(s[i].f.Stance) > math.Abs(s[j].f.Stance) })
		}
		strongest(pos)
		strongest(neg)
		conf := 0.5 + 0.4*math.Min(math.Abs(pos[0].f.Stance), math.Abs(neg[0].f.Stance))
		name := pos[0].f.Name
		if name == "" {
			name = pos[0].f.Entity
		}
		c := model.Contradiction{Topic: "characterisation:" + FoldKey(name), Kind: "characterisation", Confidence: conf}
		// The minority first, then the others, two sentences a document.
		first, second := neg, pos
		if len(pos) < len(neg) {
			first, second = pos, neg
		}
		for _, group := range [][]docFrame{first, second} {
			for _, df := range group {
				d := &docs[df.doc]
				var sides []model.ContradictionSide
				if d.FrameSides != nil && df.fi < len(d.FrameSides) {
					sides = d.FrameSides[df.fi]
				} else {
					sides = frameSides(*d, df.f, sidesPerDoc)
				}
				for _, side := range sides {
					if len(c.Sides) >= maxSides {
						break
					}
					c.Sides = append(c.Sides, side)
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// frameSides returns the sentences that carry most of a frame's stance.
func frameSides(d DocClaims, f *model.Frame, n int) []model.ContradictionSide {
	sents := d.Sentences
	if sents == nil && d.Text != "" {
		sents = lang.SplitSentences(d.Text, lang.Tokenize(d.Text))
	}
	weight := map[int]float64{}
	words := map[int][]string{}
	for _, ev := range f.Evidence {
		if ev.Weight*f.Stance <= 0 {
			continue
		}
		si := sort.Search(len(sents), func(i int) bool { return sents[i].End > ev.Start })
		if si >= len(sents) {
			continue
		}
		weight[si] += math.Abs(ev.Weight)
		words[si] = append(words[si], ev.Text)
	}
	idx := make([]int, 0, len(weight))
	for si := range weight {
		idx = append(idx, si)
	}
	sort.Slice(idx, func(i, j int) bool {
		if weight[idx[i]] != weight[idx[j]] {
			return weight[idx[i]] > weight[idx[j]]
		}
		return idx[i] < idx[j]
	})
	var out []model.ContradictionSide
	for _, si := range idx {
		if len(out) >= n {
			break
		}
		s := sents[si]
		side := model.ContradictionSide{Doc: d.Doc, Outlet: d.Outlet, Start: s.Start, End: s.End,
			Claim: fmt.Sprintf("%s portrayed %s: %s", f.Name, f.Label, strings.Join(words[si], ", "))}
		if s.End <= len(d.Text) {
			side.Text = d.Text[s.Start:s.End]
		}
		out = append(out, side)
	}
	return out
}

// dropCovered removes a dispute whose sides all lie inside the sides of
// another contradiction of the same document: the topical one says more.
func dropCovered(cs []model.Contradiction) []model.Contradiction {
	covered := func(s model.ContradictionSide, other model.Contradiction) bool {
		for _, o := range other.Sides {
			if o.Doc == s.Doc && o.Start <= s.Start && s.End <= o.End {
				return true
			}
		}
		return false
	}
	var out []model.Contradiction
	for i, c := range cs {
		drop := false
		if c.Kind == KindDispute {
			for j, o := range cs {
				if i == j || o.Kind == KindDispute {
					continue
				}
				all := true
				for _, s := range c.Sides {
					if !covered(s, o) {
						all = false
						break
					}
				}
				if all {
					drop = true
					break
				}
			}
		}
		if !drop {
			out = append(out, c)
		}
	}
	return out
}
